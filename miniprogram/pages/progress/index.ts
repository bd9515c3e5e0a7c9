// 办事进度: the member's legal-aid cases (cases.mine) and applications (applications.mine), each newest first,
// a page at a time; a tap opens one. Rows carry only what the list shows, and a further page is appended by
// path, so setData stays small.
import { APPLICATION_STATUS_LABELS, CASE_STATUS_LABELS } from '../../../typings/api';
import type { ApplicationSummary, CaseSummary } from '../../../typings/api';
import { caseTitle } from '../../services/cases';
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

function caseRow(c: CaseSummary) {
  return {
    id: c.caseId,
    headline: caseTitle(c),
    status: c.status,
    statusLabel: CASE_STATUS_LABELS[c.status],
    updated: formatTime(c.updatedAt),
  };
}

Component({
  data: {
    loaded: false,
    loading: false,
    error: '',
    items: [] as ReturnType<typeof row>[],
    cursor: null as string | null,
    cases: [] as ReturnType<typeof caseRow>[],
    casesCursor: null as string | null,
    casesLoading: false,
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
      const [r, c] = await Promise.all([call('applications', 'mine', { limit: PAGE_SIZE }), call('cases', 'mine', { limit: PAGE_SIZE })]);
      const cases = c.ok ? { cases: c.data.items.map(caseRow), casesCursor: c.data.cursor } : {};
      const failed = !r.ok ? r.error.message : !c.ok ? c.error.message : '';
      if (!r.ok) return this.setData({ ...cases, loading: false, loaded: true, error: failed });
      this.setData({ ...cases, loading: false, loaded: true, error: failed, items: r.data.items.map(row), cursor: r.data.cursor });
    },
    async onMoreCases() {
      if (this.data.casesLoading || !this.data.casesCursor) return;
      this.setData({ casesLoading: true });
      const r = await call('cases', 'mine', { cursor: this.data.casesCursor, limit: PAGE_SIZE });
      if (!r.ok) return this.setData({ casesLoading: false, error: r.error.message });
      const start = this.data.cases.length;
      const added: Record<string, unknown> = { casesLoading: false, error: '', casesCursor: r.data.cursor };
      r.data.items.forEach((c, i) => (added[`cases[${start + i}]`] = caseRow(c)));
      this.setData(added);
    },
    onOpenCase(e: WechatMiniprogram.BaseEvent) {
      openPage(`/pages/case/index?caseId=${e.currentTarget.dataset.id as string}`);
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
