// 法律援助 queue for officers and lawyers (cases.queue): 待办 (unaccepted first, then overdue, then the rest,
// each oldest first), 超期 (open cases flagged overdue, longest overdue first) and 已办结; officers may narrow
// it to one org's subtree, lawyers see the cases assigned to them. A page at a time by the queue's cursor,
// appended by path so setData carries only the new rows. A row opens the case (admin/case); coming back
// reloads, as the decision may have moved it.
import { CASE_STATUS_LABELS } from '../../../typings/api';
import type { CaseQueueView, CaseSummary } from '../../../typings/api';
import { caseTitle } from '../../services/cases';
import { call } from '../../services/cloud';
import { formatTime } from '../../services/format';
import { appendedRows } from '../../services/pagedList';
import { yuanText } from '../../services/money';
import { lastMe, refreshMe } from '../../services/session';
import { openPage } from '../../services/ui';
import { largePrint } from '../../services/fontScale';

const PAGE_SIZE = 20;

const TABS: { view: CaseQueueView; label: string }[] = [
  { view: 'open', label: '待办' },
  { view: 'overdue', label: '超期' },
  { view: 'finished', label: '已办结' },
];

function rowOf(s: CaseSummary) {
  return {
    caseId: s.caseId,
    title: caseTitle(s),
    status: s.status,
    statusLabel: CASE_STATUS_LABELS[s.status],
    note: `${s.personName}${s.onBehalf ? '（代办）' : ''} · ${s.orgName} · ${formatTime(s.createdAt)}`,
    amount: `${yuanText(s.amountInDisputeFen)} · ${s.workersAffected} 人${s.lawyerName ? ` · 律师 ${s.lawyerName}` : ''}`,
    overdue: s.overdue,
    supervised: s.supervised,
    deadline: s.deadlineDay && !s.overdue ? `办理期限 ${s.deadlineDay}（含当天）` : '',
  };
}

Component({
  behaviors: [largePrint],
  data: {
    tabs: TABS,
    view: 'open' as CaseQueueView,
    /** officers filter by org; a lawyer's list is their own cases */
    officer: false,
    orgId: '',
    orgName: '',
    items: [] as ReturnType<typeof rowOf>[],
    cursor: null as string | null,
    loading: false,
    loaded: false,
    error: '',
  },
  lifetimes: {
    attached() {
      this.start();
    },
  },
  pageLifetimes: {
    show() {
      if (this.data.loaded) this.reload();
    },
  },
  methods: {
    async start() {
      const me = lastMe() ?? (await refreshMe().then((r) => (r.ok ? r.data : null)));
      this.setData({ officer: (me?.roles ?? []).some((r) => r.role === 'orgOfficer' || r.role === 'federationOfficer') });
      await this.reload();
    },
    onTab(e: WechatMiniprogram.BaseEvent) {
      this.setData({ view: (e.currentTarget.dataset as { view: CaseQueueView }).view });
      this.reload();
    },
    onOrg(e: WechatMiniprogram.CustomEvent<{ id: string; name: string }>) {
      this.setData({ orgId: e.detail.id, orgName: e.detail.name });
      this.reload();
    },
    onClearOrg() {
      this.setData({ orgId: '', orgName: '' });
      this.reload();
    },
    async reload() {
      this.setData({ items: [], cursor: null, error: '' });
      await this.loadMore();
    },
    async loadMore() {
      const { view, orgId, cursor } = this.data;
      this.setData({ loading: true });
      const r = await call('cases', 'queue', { view, ...(orgId ? { orgId } : {}), cursor, limit: PAGE_SIZE });
      if (view !== this.data.view || orgId !== this.data.orgId) return; // the officer moved on meanwhile
      this.setData({ loading: false, loaded: true });
      if (!r.ok) return this.setData({ error: r.error.message });
      this.setData({ cursor: r.data.cursor, ...appendedRows('items', this.data.items.length, r.data.items.map(rowOf)) });
    },
    onReachBottom() {
      if (this.data.cursor && !this.data.loading) this.loadMore();
    },
    onOpen(e: WechatMiniprogram.BaseEvent) {
      openPage(`/admin/case/index?caseId=${encodeURIComponent((e.currentTarget.dataset as { id: string }).id)}`);
    },
  },
});
