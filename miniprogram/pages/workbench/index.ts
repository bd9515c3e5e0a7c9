// 审核 tab: the entries of the officer pages (admin/ subpackage) the user's roles open, each with what waits
// for the user there (reviews.counts), and the total on top. Opening an entry asks for 待审核提醒 consent
// (one reminder per acceptance), as WeChat allows only in a tap.
import { refreshCounts, refreshMe, workbenchEntries } from '../../services/session';
import { askToSubscribe } from '../../services/subscribe';
import { openPage, showTab } from '../../services/ui';
import { largePrint } from '../../services/fontScale';

interface Entry {
  title: string;
  note: string;
  url: string;
  /** e.g. 12件待办; '' when nothing waits or nothing is counted there */
  waiting: string;
}

Component({
  behaviors: [largePrint],
  data: { loaded: false, entries: [] as Entry[], total: 0, overdue: 0, error: '' },
  pageLifetimes: {
    show() {
      showTab(this, 'pages/workbench/index');
      this.load();
    },
  },
  methods: {
    async load() {
      const r = await refreshMe();
      if (!r.ok) return this.setData({ loaded: true, error: r.error.message });
      const counts = await refreshCounts();
      const entries = workbenchEntries(r.data).map(({ title, note, url, waiting }) => {
        const n = counts && waiting ? waiting(counts) : 0;
        return { title, note, url, waiting: n > 0 ? `${n}件待办` : '' };
      });
      this.setData({ loaded: true, error: '', entries, total: counts?.total ?? 0, overdue: counts?.overdue ?? 0 });
      showTab(this, 'pages/workbench/index');
    },
    onEntry(e: WechatMiniprogram.BaseEvent) {
      askToSubscribe(['reviewTask']);
      openPage((e.currentTarget.dataset as { url: string }).url);
    },
  },
});
