// 审核 tab: the entries of the officer pages (admin/ subpackage) the user's roles open.
import { refreshMe, workbenchEntries } from '../../services/session';
import { openPage, showTab } from '../../services/ui';
import { largePrint } from '../../services/fontScale';

Component({
  behaviors: [largePrint],
  data: { loaded: false, entries: [] as { title: string; note: string; url: string }[], error: '' },
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
      this.setData({ loaded: true, error: '', entries: workbenchEntries(r.data).map(({ title, note, url }) => ({ title, note, url })) });
    },
    onEntry(e: WechatMiniprogram.BaseEvent) {
      openPage((e.currentTarget.dataset as { url: string }).url);
    },
  },
});
