// 申请审核: the officer queue of one campaign (of any service kind) and status, optionally one org's subtree,
// oldest first, a page at a time by the queue's cursor (applications.queue); the tabs follow the kind's settle
// mode and carry the count in each status (applications.counts). A row is dense but large: the applicant, the
// hardship mark, the tier or amount, the org and what it is for, when it was submitted and how many working
// days it has waited. Federation officers pick among the campaigns they manage (campaigns.manageList, with
// the budget bar) and approve recommended applications in a batch, each with its amount
// (applications.batchApprove, one outcome per item) — a places campaign's without amounts, or by a draw by lot
// among all of them (applications.draw, its record with seed and winners shown); grassroots officers pick
// among the open campaigns (campaigns.listOpen) and recommend submitted ones in a batch
// (applications.batchRecommend), which the federation officer also may for a union without its own officer.
// A row opens the application (admin/application) with the queue it came from, for 下一条.
import { applicationStatusLabel, SETTLED_STATUSES } from '../../../typings/api';
import type { AmountTier, ApplicationStatus, BudgetLedger, DrawView, QueueItem, SettleMode } from '../../../typings/api';
import { call } from '../../services/cloud';
import { newRequestKey } from '../../services/requestKey';
import { formatTime } from '../../services/format';
import { appendedRows } from '../../services/pagedList';
import { lastMe, refreshMe } from '../../services/session';
import { openPage } from '../../services/ui';
import { fenOfYuan, yuanText } from '../../services/money';
import { largePrint } from '../../services/fontScale';

interface CampaignOption {
  campaignId: string;
  title: string;
  settle: SettleMode;
  tiers: AmountTier[];
  /** only for the campaigns the officer manages */
  ledger: BudgetLedger | null;
}

interface Row {
  applicationId: string;
  version: number;
  applicant: string;
  headline: string;
  /** the hardship mark ('' without one): the grade of the applicant's confirmed hardship record */
  hardship: string;
  /** the tier or amount: 核定 3000元, or the tier the answers name */
  money: string;
  /** the org and what it is for */
  about: string;
  /** submitted, and how long it has waited at its stage */
  when: string;
  /** waited longer than a week of working days: shown in red */
  late: boolean;
  /** may be picked for the batch decision of this tab */
  pickable: boolean;
  checked: boolean;
  tierKey: string;
  amountYuan: string;
  /** the batch's outcome for this row; `done` once approved */
  outcome: string;
  done: boolean;
}

const PAGE_SIZE = 20;
/** working days after which a row's wait shows in red */
const LATE_AFTER = 5;

const TAB_LABELS: Partial<Record<ApplicationStatus, string>> = {
  submitted: '待基层审核',
  recommended: '待总工会审批',
  approved: '已批准',
  paid: '已发放',
  delivered: '已送达',
  attended: '已参加',
  returned: '已退回',
  rejected: '未通过',
  cancelled: '已撤销',
};

/** The tabs of a campaign: its review stages, the statuses its settle mode ends in, the returned, rejected and cancelled,
 *  each with its count once read. */
function tabsOf(settle: SettleMode | undefined, counts: Partial<Record<ApplicationStatus, number>> = {}): { status: ApplicationStatus; label: string; count: string }[] {
  const statuses: ApplicationStatus[] = ['submitted', 'recommended', 'approved', ...(settle ? SETTLED_STATUSES[settle] : []), 'returned', 'rejected', 'cancelled'];
  return statuses.map((status) => ({
    status,
    label: status === 'approved' && settle ? applicationStatusLabel(status, settle) : TAB_LABELS[status]!,
    count: counts[status] === undefined ? '' : String(counts[status]),
  }));
}

/** A draw as the officer reads it: when, how many among how many, and the seed anyone can redo it from. */
function drawLine(d: DrawView) {
  return { drawId: d.drawId, text: `${d.at.slice(0, 10)} 从 ${d.candidates.length} 件中抽取 ${d.winners.length} 个名额`, seed: `抽签种子 ${d.seed.slice(0, 16)}…` };
}

const MAX_DRAW = 50;

/** A queue item as its row shows it; `tiers` name the tier its answers suggest. */
function rowOf(s: QueueItem, tiers: AmountTier[]): Row {
  const tier = tiers.find((t) => t.key === s.suggestedTierKey);
  const money = s.amountFen !== null ? `核定 ${yuanText(s.amountFen)}` : tier ? `${tier.label} ${yuanText(tier.amountFen)}` : '';
  const waited = s.waitingDays === null ? '' : s.waitingDays === 0 ? ' · 今天到达' : ` · 已等 ${s.waitingDays} 个工作日`;
  return {
    applicationId: s.applicationId,
    version: s.version,
    applicant: s.applicantName,
    headline: s.headline,
    hardship: s.hardship?.grade ?? s.hardship?.label ?? '',
    money,
    about: `${s.applicantOrgName} · ${s.headline}`,
    when: `${formatTime(s.createdAt).slice(5, 10)} 提交${waited}`,
    late: (s.waitingDays ?? 0) > LATE_AFTER,
    pickable: s.actions.includes(s.status === 'submitted' ? 'recommend' : 'approve'),
    checked: false,
    tierKey: s.status === 'recommended' ? (s.suggestedTierKey ?? '') : '',
    amountYuan: '',
    outcome: '',
    done: false,
  };
}

Component({
  behaviors: [largePrint],
  data: {
    campaigns: [] as CampaignOption[],
    campaignId: '',
    settle: '' as SettleMode | '',
    /** the chosen campaign's tiers and ledger, for the approval controls and the budget bar */
    tiers: [] as AmountTier[],
    ledger: null as BudgetLedger | null,
    manages: false,
    tabs: tabsOf(undefined),
    status: 'submitted' as ApplicationStatus,
    orgId: '',
    orgName: '',
    items: [] as Row[],
    cursor: null as string | null,
    loading: false,
    loaded: false,
    error: '',
    notice: '',
    checkedCount: 0,
    /** the tab's batch decision: approve (待总工会审批 of a managed campaign), recommend (待基层审核), or none */
    batch: '' as 'approve' | 'recommend' | '',
    approving: false,
    recommending: false,
    /** places campaigns: how many to draw, the draw in flight and the draws made */
    drawPlaces: '',
    drawing: false,
    drawKey: '',
    draws: [] as ReturnType<typeof drawLine>[],
    placesLeft: 0,
  },
  lifetimes: {
    attached() {
      this.start();
    },
  },
  pageLifetimes: {
    show() {
      // Back from an application: its decision may have moved it out of this list, and moved the budget.
      if (!this.data.loaded || !this.data.campaignId) return;
      if (this.data.manages) this.refreshLedgers();
      this.reload();
    },
  },
  methods: {
    async start() {
      const me = lastMe() ?? (await refreshMe().then((r) => (r.ok ? r.data : null)));
      const federation = (me?.roles ?? []).some((r) => r.role === 'federationOfficer');
      let campaigns: CampaignOption[];
      if (federation) {
        const r = await call('campaigns', 'manageList', {});
        if (!r.ok) return this.setData({ loaded: true, error: r.error.message });
        campaigns = r.data.items.map((c) => ({ campaignId: c.campaignId, title: c.title, settle: c.kind.settle.mode, tiers: c.tiers, ledger: c.ledger }));
      } else {
        const r = await call('campaigns', 'listOpen', {});
        if (!r.ok) return this.setData({ loaded: true, error: r.error.message });
        campaigns = r.data.items.map((c) => ({ campaignId: c.campaignId, title: c.title, settle: c.kind.settle.mode, tiers: c.tiers, ledger: null }));
      }
      if (!campaigns.length) return this.setData({ loaded: true, campaigns, error: '' });
      this.setData({ campaigns, status: federation ? 'recommended' : 'submitted' });
      await this.choose(campaigns[0].campaignId);
    },
    async refreshLedgers() {
      const r = await call('campaigns', 'manageList', {});
      if (!r.ok) return;
      const ledgers = new Map(r.data.items.map((c) => [c.campaignId, c.ledger]));
      const campaigns = this.data.campaigns.map((c) => ({ ...c, ledger: ledgers.get(c.campaignId) ?? c.ledger }));
      this.setData({ campaigns, ledger: campaigns.find((c) => c.campaignId === this.data.campaignId)?.ledger ?? null });
    },
    async choose(campaignId: string) {
      const c = this.data.campaigns.find((x) => x.campaignId === campaignId)!;
      this.setData({ campaignId, settle: c.settle, tiers: c.tiers, ledger: c.ledger, manages: c.ledger !== null, tabs: tabsOf(c.settle), draws: [] });
      this.loadCounts();
      this.showPlaces(c.ledger);
      if (c.settle === 'places' && c.ledger) this.loadDraws();
      await this.reload();
    },
    showPlaces(ledger: BudgetLedger | null) {
      const left = ledger?.places ? ledger.places.quota - ledger.places.taken : 0;
      this.setData({ placesLeft: left, drawPlaces: String(Math.min(left, MAX_DRAW)) });
    },
    async loadDraws() {
      const r = await call('applications', 'draws', { campaignId: this.data.campaignId });
      if (r.ok) this.setData({ draws: r.data.items.map(drawLine) });
    },
    onDrawPlaces(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ drawPlaces: e.detail.value, drawKey: '' });
    },
    /** Draws by lot; the key is kept until the draw is answered, so a retry after a lost answer is the same draw. */
    async onDraw() {
      const places = Number(this.data.drawPlaces);
      if (!/^\d+$/.test(this.data.drawPlaces.trim()) || places < 1) return this.setData({ error: '请填写要抽取的名额数' });
      const drawKey = this.data.drawKey || newRequestKey();
      this.setData({ drawing: true, drawKey, error: '', notice: '' });
      const r = await call('applications', 'draw', { campaignId: this.data.campaignId, places, requestKey: drawKey });
      this.setData({ drawing: false });
      if (!r.ok) return this.setData({ error: r.error.message, drawKey: '' });
      const campaigns = this.data.campaigns.map((c) => (c.campaignId === this.data.campaignId ? { ...c, ledger: r.data.ledger } : c));
      this.setData({ drawKey: '', campaigns, ledger: r.data.ledger, notice: `抽签完成：从 ${r.data.draw.candidates.length} 件中抽中 ${r.data.draw.winners.length} 件，已入选` });
      this.showPlaces(r.data.ledger);
      await Promise.all([this.loadDraws(), this.reload()]);
    },
    onCampaign(e: WechatMiniprogram.BaseEvent) {
      this.choose((e.currentTarget.dataset as { id: string }).id);
    },
    onTab(e: WechatMiniprogram.BaseEvent) {
      this.setData({ status: (e.currentTarget.dataset as { status: ApplicationStatus }).status, notice: '' });
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
      this.setData({ items: [], cursor: null, checkedCount: 0, batch: '', error: '' });
      await Promise.all([this.loadMore(), this.loadCounts()]);
    },
    /** The tabs' counts: what the officer sees in each status (of one org, when chosen). */
    async loadCounts() {
      const { campaignId, orgId, settle } = this.data;
      if (!campaignId) return;
      const r = await call('applications', 'counts', { campaignId, ...(orgId ? { orgId } : {}) });
      if (!r.ok || campaignId !== this.data.campaignId || orgId !== this.data.orgId) return;
      this.setData({ tabs: tabsOf(settle || undefined, r.data.counts) });
    },
    async loadMore() {
      const { campaignId, status, orgId, cursor } = this.data;
      this.setData({ loading: true });
      const r = await call('applications', 'queue', { campaignId, status, ...(orgId ? { orgId } : {}), cursor, limit: PAGE_SIZE });
      if (campaignId !== this.data.campaignId || status !== this.data.status) return; // the officer moved on meanwhile
      this.setData({ loading: false, loaded: true });
      if (!r.ok) return this.setData({ error: r.error.message });
      // Append by path, so a page costs its own rows, not the whole list again.
      const rows = r.data.items.map((i) => rowOf(i, this.data.tiers));
      // the batch decision of the tab, offered when some row may take it
      const batch = status === 'recommended' && this.data.manages ? 'approve' : status === 'submitted' && (this.data.batch === 'recommend' || rows.some((x) => x.pickable)) ? 'recommend' : '';
      this.setData({ cursor: r.data.cursor, batch, ...appendedRows('items', this.data.items.length, rows) });
    },
    onReachBottom() {
      if (this.data.cursor && !this.data.loading) this.loadMore();
    },
    /** Opens the application with the queue it came from, so that a decision there offers 下一条. */
    onOpen(e: WechatMiniprogram.BaseEvent) {
      const { campaignId, status, orgId } = this.data;
      const id = (e.currentTarget.dataset as { id: string }).id;
      const q = [`applicationId=${encodeURIComponent(id)}`, `campaignId=${encodeURIComponent(campaignId)}`, `status=${status}`, ...(orgId ? [`orgId=${encodeURIComponent(orgId)}`] : [])];
      openPage(`/admin/application/index?${q.join('&')}`);
    },
    onCheck(e: WechatMiniprogram.BaseEvent) {
      const { index } = e.currentTarget.dataset as { index: number };
      const row = this.data.items[index];
      if (row.done || !row.pickable) return;
      this.setData({ [`items[${index}].checked`]: !row.checked, checkedCount: this.data.checkedCount + (row.checked ? -1 : 1) });
    },
    onTier(e: WechatMiniprogram.BaseEvent) {
      const { index, key } = e.currentTarget.dataset as { index: number; key: string };
      this.setData({ [`items[${index}].tierKey`]: key, [`items[${index}].outcome`]: '' });
    },
    onAmount(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const { index } = e.currentTarget.dataset as { index: number };
      this.setData({ [`items[${index}].amountYuan`]: e.detail.value, [`items[${index}].outcome`]: '' });
    },
    /** The amount of a checked row in 分, or the message saying what is missing. */
    amountOf(row: Row): { fen: number | undefined } | { message: string } {
      if (this.data.settle === 'places') return { fen: undefined };
      if (this.data.tiers.length) {
        const tier = this.data.tiers.find((t) => t.key === row.tierKey);
        return tier ? { fen: tier.amountFen } : { message: '请选择档次' };
      }
      const fen = fenOfYuan(row.amountYuan);
      return fen !== null && fen > 0 ? { fen } : { message: '请填写核定金额（元）' };
    },
    async onBatchApprove() {
      const chosen = this.data.items.map((row, index) => ({ row, index })).filter(({ row }) => row.checked && !row.done);
      if (!chosen.length) return this.setData({ error: '请先勾选要批准的申请' });
      const patch: Record<string, unknown> = {};
      const items: { applicationId: string; version: number; amountFen?: number }[] = [];
      for (const { row, index } of chosen) {
        const amount = this.amountOf(row);
        if ('message' in amount) patch[`items[${index}].outcome`] = amount.message;
        else items.push({ applicationId: row.applicationId, version: row.version, ...(amount.fen !== undefined && { amountFen: amount.fen }) });
      }
      if (Object.keys(patch).length) return this.setData({ ...patch, error: '有申请还没有核定金额' });
      this.setData({ approving: true, error: '', notice: '' });
      const r = await call('applications', 'batchApprove', { campaignId: this.data.campaignId, items });
      this.setData({ approving: false });
      if (!r.ok) return this.setData({ error: r.error.message });
      const byId = new Map(r.data.results.map((o) => [o.applicationId, o]));
      const amounts = new Map(items.map((i) => [i.applicationId, i.amountFen]));
      let approved = 0;
      for (const { row, index } of chosen) {
        const o = byId.get(row.applicationId);
        if (!o) continue;
        if (o.ok) approved += 1;
        const fen = amounts.get(row.applicationId);
        patch[`items[${index}].outcome`] = o.ok ? (fen === undefined ? '已入选' : `已批准 ${yuanText(fen)}`) : o.error?.message ?? '未能批准';
        patch[`items[${index}].done`] = o.ok;
        patch[`items[${index}].checked`] = false;
      }
      const failed = chosen.length - approved;
      this.setData({
        ...patch,
        checkedCount: 0,
        ledger: r.data.ledger,
        campaigns: this.data.campaigns.map((c) => (c.campaignId === this.data.campaignId ? { ...c, ledger: r.data.ledger } : c)),
        notice: `已批准 ${approved} 件${failed ? `，${failed} 件未能批准（见各条说明）` : ''}`,
      });
      this.showPlaces(r.data.ledger);
      this.loadCounts();
    },
    /** 批量推荐: the checked submitted applications, each its own outcome. */
    async onBatchRecommend() {
      const chosen = this.data.items.map((row, index) => ({ row, index })).filter(({ row }) => row.checked && !row.done);
      if (!chosen.length) return this.setData({ error: '请先勾选要推荐的申请' });
      this.setData({ recommending: true, error: '', notice: '' });
      const r = await call('applications', 'batchRecommend', { campaignId: this.data.campaignId, items: chosen.map(({ row }) => ({ applicationId: row.applicationId, version: row.version })) });
      this.setData({ recommending: false });
      if (!r.ok) return this.setData({ error: r.error.message });
      const byId = new Map(r.data.results.map((o) => [o.applicationId, o]));
      const patch: Record<string, unknown> = {};
      let done = 0;
      for (const { row, index } of chosen) {
        const o = byId.get(row.applicationId);
        if (o?.ok) done += 1;
        patch[`items[${index}].outcome`] = o?.ok ? '已推荐上报' : (o?.error?.message ?? '未能推荐');
        patch[`items[${index}].done`] = Boolean(o?.ok);
        patch[`items[${index}].checked`] = false;
      }
      const failed = chosen.length - done;
      this.setData({ ...patch, checkedCount: 0, notice: `已推荐 ${done} 件${failed ? `，${failed} 件未能推荐（见各条说明）` : ''}` });
      this.loadCounts();
    },
  },
});
