// 申请审核: the officer queue of one campaign (of any service kind) and status, optionally one org's subtree,
// oldest first, a page at a time by the queue's cursor (applications.queue); the tabs follow the kind's settle
// mode. Federation officers pick among the campaigns they manage (campaigns.manageList, with the budget bar)
// and approve recommended applications in a batch, each with its amount (applications.batchApprove, one
// outcome per item) — a places campaign's without amounts, or by a draw by lot among all of them
// (applications.draw, its record with seed and winners shown); grassroots officers pick among the open
// campaigns (campaigns.listOpen). A row opens the application (admin/application).
import { applicationStatusLabel, SETTLED_STATUSES } from '../../../typings/api';
import type { AmountTier, ApplicationStatus, ApplicationSummary, BudgetLedger, DrawView, SettleMode } from '../../../typings/api';
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
  headline: string;
  note: string;
  amountText: string;
  /** batch approval (待总工会审批 of a managed campaign) */
  checked: boolean;
  tierKey: string;
  amountYuan: string;
  /** the batch's outcome for this row; `done` once approved */
  outcome: string;
  done: boolean;
}

const PAGE_SIZE = 20;

const TAB_LABELS: Partial<Record<ApplicationStatus, string>> = {
  submitted: '待基层审核',
  recommended: '待总工会审批',
  approved: '已批准',
  paid: '已发放',
  delivered: '已送达',
  attended: '已参加',
  returned: '已退回',
  rejected: '未通过',
};

/** The tabs of a campaign: its review stages, the statuses its settle mode ends in, the returned and rejected. */
function tabsOf(settle: SettleMode | undefined): { status: ApplicationStatus; label: string }[] {
  const statuses: ApplicationStatus[] = ['submitted', 'recommended', 'approved', ...(settle ? SETTLED_STATUSES[settle] : []), 'returned', 'rejected'];
  return statuses.map((status) => ({ status, label: status === 'approved' && settle ? applicationStatusLabel(status, settle) : TAB_LABELS[status]! }));
}

/** A draw as the officer reads it: when, how many among how many, and the seed anyone can redo it from. */
function drawLine(d: DrawView) {
  return { drawId: d.drawId, text: `${d.at.slice(0, 10)} 从 ${d.candidates.length} 件中抽取 ${d.winners.length} 个名额`, seed: `抽签种子 ${d.seed.slice(0, 16)}…` };
}

const MAX_DRAW = 50;

function rowOf(s: ApplicationSummary): Row {
  return {
    applicationId: s.applicationId,
    version: s.version,
    headline: s.headline,
    note: `${s.applicantName} · ${s.applicantOrgName} · ${formatTime(s.createdAt)}`,
    amountText: s.amountFen === null ? '' : `核定金额 ${yuanText(s.amountFen)}`,
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
    approving: false,
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
      this.setData({ items: [], cursor: null, checkedCount: 0, error: '' });
      await this.loadMore();
    },
    async loadMore() {
      const { campaignId, status, orgId, cursor } = this.data;
      this.setData({ loading: true });
      const r = await call('applications', 'queue', { campaignId, status, ...(orgId ? { orgId } : {}), cursor, limit: PAGE_SIZE });
      if (campaignId !== this.data.campaignId || status !== this.data.status) return; // the officer moved on meanwhile
      this.setData({ loading: false, loaded: true });
      if (!r.ok) return this.setData({ error: r.error.message });
      // Append by path, so a page costs its own rows, not the whole list again.
      this.setData({ cursor: r.data.cursor, ...appendedRows('items', this.data.items.length, r.data.items.map(rowOf)) });
    },
    onOpen(e: WechatMiniprogram.BaseEvent) {
      openPage(`/admin/application/index?applicationId=${encodeURIComponent((e.currentTarget.dataset as { id: string }).id)}`);
    },
    onCheck(e: WechatMiniprogram.BaseEvent) {
      const { index } = e.currentTarget.dataset as { index: number };
      const row = this.data.items[index];
      if (row.done) return;
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
    },
  },
});
