// 办事进度: the member's applications (applications.mine), newest first, a page at a time; a tap opens one.
// Rows carry only what the list shows, and a further page is appended by path, so setData stays small.
import { APPLICATION_STATUS_LABELS } from '../../../typings/api';
import type { ApplicationSummary } from '../../../typings/api';
import { call } from '../../services/cloud';
import { formatTime } from '../../services/format';
import { openPage, showTab } from '../../services/ui';

const PAGE_SIZE = 20;

function row(a: ApplicationSummary) {
  return {
    id: a.applicationId,
    title: a.campaignTitle,
    headline: a.headline,
    status: a.status,
    statusLabel: APPLICATION_STATUS_LABELS[a.status],
    updated: formatTime(a.updatedAt),
  };
}

Component({
  data: {
    loaded: false,
    loading: false,
    error: '',
    items: [] as ReturnType<typeof row>[],
    cursor: null as string | null,
  },
  pageLifetimes: {
    show() {
      showTab(this, 'pages/progress/index');
      this.refresh();
    },
  },
  methods: {
    async refresh() {
      if (this.data.loading) return;
      this.setData({ loading: true });
      const r = await call('applications', 'mine', { limit: PAGE_SIZE });
      if (!r.ok) return this.setData({ loading: false, loaded: true, error: r.error.message });
      this.setData({ loading: false, loaded: true, error: '', items: r.data.items.map(row), cursor: r.data.cursor });
    },
    async onMore() {
      if (this.data.loading || !this.data.cursor) return;
      this.setData({ loading: true });
      const r = await call('applications', 'mine', { cursor: this.data.cursor, limit: PAGE_SIZE });
      if (!r.ok) return this.setData({ loading: false, error: r.error.message });
      const start = this.data.items.length;
      const added: Record<string, unknown> = { loading: false, error: '', cursor: r.data.cursor };
      r.data.items.forEach((a, i) => (added[`items[${start + i}]`] = row(a)));
      this.setData(added);
    },
    onReachBottom() {
      this.onMore();
    },
    onOpen(e: WechatMiniprogram.BaseEvent) {
      openPage(`/pages/application/index?applicationId=${e.currentTarget.dataset.id as string}`);
    },
  },
});
