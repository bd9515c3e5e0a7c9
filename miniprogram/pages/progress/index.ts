// 办事进度: the member's legal-aid cases (cases.mine) and applications (applications.mine), each newest first,
// a page at a time; a tap opens one. Rows carry only what the list shows, and a further page is appended by
// path, so setData stays small.
import { applicationStatusLabel, CASE_STATUS_LABELS } from '../../../typings/api';
import type { ApplicationSummary, CaseSummary } from '../../../typings/api';
import { caseTitle } from '../../services/cases';
import { call } from '../../services/cloud';
import { formatTime } from '../../services/format';
import { pagedList } from '../../services/pagedList';
import { openPage, showTab } from '../../services/ui';
import { largePrint } from '../../services/fontScale';

const PAGE_SIZE = 20;

function row(a: ApplicationSummary) {
  return {
    id: a.applicationId,
    title: a.campaignTitle,
    headline: a.headline,
    status: a.status,
    statusLabel: applicationStatusLabel(a.status, a.settle),
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

const applications = pagedList((cursor) => call('applications', 'mine', { cursor, limit: PAGE_SIZE }), row);
const cases = pagedList((cursor) => call('cases', 'mine', { cursor, limit: PAGE_SIZE }), caseRow, {
  items: 'cases',
  cursor: 'casesCursor',
  loading: 'casesLoading',
});

Component({
  behaviors: [largePrint],
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
      // Both lists' first pages in one setData; the error shown is the first failure's.
      const [r, c] = await Promise.all([applications.fetch(), cases.fetch()]);
      const casesPage = c.ok ? cases.firstPage(c.data) : {};
      const failed = !r.ok ? r.error.message : !c.ok ? c.error.message : '';
      if (!r.ok) return this.setData({ ...casesPage, loading: false, loaded: true, error: failed });
      this.setData({ ...casesPage, loading: false, loaded: true, error: failed, ...applications.firstPage(r.data) });
    },
    onMoreCases() {
      return cases.more(this);
    },
    onOpenCase(e: WechatMiniprogram.BaseEvent) {
      openPage(`/pages/case/index?caseId=${e.currentTarget.dataset.id as string}`);
    },
    onMore() {
      return applications.more(this);
    },
    onReachBottom() {
      this.onMore();
    },
    onOpen(e: WechatMiniprogram.BaseEvent) {
      openPage(`/pages/application/index?applicationId=${e.currentTarget.dataset.id as string}`);
    },
  },
});
