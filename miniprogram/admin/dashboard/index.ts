// 数据统计 for officers: the figures of an org's subtree (statistics.figures, one call per choice) for a
// period in Asia/Shanghai days, per service or campaign, with the children's figures charted (admin/chart)
// and listed for drill-down, the report sentences to copy, and Excel exports (exports.create) downloaded
// and opened on the phone. The services to filter by are data: the kinds the org may run (campaigns.kinds)
// and any other the figures name, then legal aid. The answer stays in this module; setData carries only
// what the view shows.
import { LEGAL_AID, LEGAL_AID_LABEL } from '../../../typings/api';
import type { ApiError, ExportInput, Figures, FiguresInput, FiguresOutput, OrgFigures, Period, Service } from '../../../typings/api';
import { call } from '../../services/cloud';
import { wanText, yuanText } from '../../services/money';
import { lastMe, refreshMe } from '../../services/session';
import type { ChartData } from '../chart/index';
import { largePrint } from '../../services/fontScale';

type ServiceTab = Service | 'all';
type PeriodKind = 'year' | 'quarter' | 'month' | 'custom';
type Metric = 'people' | 'money';

interface OrgRef {
  orgId: string;
  orgName: string;
}

type Tab = { key: ServiceTab; label: string };

/** 全部, then each service kind, then legal aid (its own workflow). */
function serviceTabs(kinds: readonly { key: string; label: string }[]): Tab[] {
  const seen = new Set<string>();
  const unique = kinds.filter((k) => k.key !== LEGAL_AID && !seen.has(k.key) && seen.add(k.key));
  return [{ key: 'all', label: '全部' }, ...unique, { key: LEGAL_AID, label: LEGAL_AID_LABEL }];
}

const PERIOD_KINDS: { key: PeriodKind; label: string }[] = [
  { key: 'year', label: '本年' },
  { key: 'quarter', label: '季度' },
  { key: 'month', label: '月' },
  { key: 'custom', label: '自定义' },
];

/** Refusals the officer can act on, said in full; any other refusal shows the function's own message. */
const EXPORT_REFUSALS: Record<string, string> = {
  TOO_LARGE: '数据太多，表格没有生成。请缩短时间段，或进入下级组织分别导出。',
};

/** What a refusal says to the officer: the fields' own messages (a period's dates) when it has them. */
const errorText = (e: ApiError) => (e.fields && Object.keys(e.fields).length ? Object.values(e.fields).join('；') : e.message);

/** Today in Asia/Shanghai, whatever the phone's zone: [year, month 1–12, 'YYYY-MM-DD']. */
function shanghaiToday(): { year: number; month: number; day: string } {
  const d = new Date(Date.now() + 8 * 3600_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.toISOString().slice(0, 10) };
}

/** A kind's service: its campaigns can be chosen one by one. */
const isCampaignService = (s: ServiceTab) => s !== 'all' && s !== LEGAL_AID;

/** The money a row reports: settled (paid, delivered, places taken), and for legal aid what was recovered. */
const moneyOf = (f: Figures) => (f.service === LEGAL_AID ? f.recoveredFen : f.paidFen);
const rowKey = (f: Figures) => `${f.service}:${f.campaignId ?? ''}`;
const amount = (fen: number) => `${yuanText(fen)}（${wanText(fen)}）`;

/** One figures row as the card shows it; a service's total beside its campaigns' rows says so. */
function cardOf(f: Figures, total: boolean) {
  const legal = f.service === LEGAL_AID;
  const counts = [
    { label: legal ? '收到案件' : '收到申请', value: f.received },
    { label: legal ? '已受理' : '已批准', value: f.approved },
    { label: legal ? '不予受理' : '未批准', value: f.declined },
    { label: '已撤回', value: f.withdrawn },
    { label: legal ? '未办结' : '待处理', value: f.pending },
    { label: '人次', value: f.peopleReached },
  ];
  const money = legal
    ? [
        { label: '追回金额', value: amount(f.recoveredFen) },
        ...(f.recoveredWagesFen ? [{ label: '其中追讨欠薪', value: amount(f.recoveredWagesFen) }] : []),
      ]
    : [
        { label: '批准金额', value: amount(f.approvedFen) },
        { label: '发放金额', value: amount(f.paidFen) },
      ];
  return { key: rowKey(f), service: f.service, title: total ? `${f.title}（全部活动合计）` : f.title, counts, money, sentence: f.sentence };
}

/** The rows the chart and the children's list add up: the campaign chosen, or the services' totals (a
 *  service's answer also holds a row per campaign, which its total already counts). */
const chartedRows = (rows: Figures[], campaignId: string) => rows.filter((f) => (campaignId ? f.campaignId === campaignId : f.campaignId === null));

/** A child's row in the list under the chart: 人次 and 金额 over the charted rows. */
function childRowOf(child: OrgFigures, keys: Set<string>) {
  const rows = child.figures.filter((f) => keys.has(rowKey(f)));
  const people = rows.reduce((s, f) => s + f.peopleReached, 0);
  const fen = rows.reduce((s, f) => s + moneyOf(f), 0);
  return { orgId: child.orgId, orgName: child.orgName, note: `${people} 人次 · ${amount(fen)}` };
}

/** The chart of the children: a bar group per child, a series per charted row (service or campaign); money
 *  in 万元 to two decimals. */
function chartOf(answer: FiguresOutput, rows: Figures[], metric: Metric): ChartData {
  const value = (f: Figures | undefined) => (!f ? 0 : metric === 'people' ? f.peopleReached : Math.round(moneyOf(f) / 10_000) / 100);
  return {
    categories: answer.children.map((c) => c.orgName),
    series: rows.map((row) => ({
      name: row.title,
      data: answer.children.map((c) => value(c.figures.find((f) => rowKey(f) === rowKey(row)))),
    })),
    unit: metric === 'people' ? '人次' : '万元',
  };
}

/** Each page's last answer and the number of its latest call, kept here rather than in the view's data. */
const state = new WeakMap<object, { answer: FiguresOutput | null; seq: number }>();
const stateOf = (page: object) => {
  if (!state.has(page)) state.set(page, { answer: null, seq: 0 });
  return state.get(page)!;
};

Component({
  behaviors: [largePrint],
  data: {
    /** the org's hardship records for the period (在档户数, 新建档, 脱困, and the assistance their members
     *  received in 人次, and in 万元 as a line of its own, as the services' cards show money), on the 全部 tab */
    hardship: null as { counts: { label: string; value: string }[]; money: { label: string; value: string }[] } | null,
    serviceTabs: serviceTabs([]),
    periodKinds: PERIOD_KINDS,
    roots: [] as OrgRef[],
    /** from the scope root down to the org shown */
    trail: [] as OrgRef[],
    service: 'all' as ServiceTab,
    campaigns: [] as { campaignId: string; title: string }[],
    campaignId: '',
    periodKind: 'year' as PeriodKind,
    years: [] as number[],
    yearIndex: 0,
    quarter: 1,
    month: 1,
    from: '',
    to: '',
    /** the resolved period of the answer shown */
    periodText: '',
    metric: 'people' as Metric,
    cards: [] as ReturnType<typeof cardOf>[],
    children: [] as ReturnType<typeof childRowOf>[],
    chart: null as ChartData | null,
    loading: false,
    loaded: false,
    error: '',
    exporting: false,
    exportNote: '',
    exportError: '',
  },
  lifetimes: {
    attached() {
      this.start();
    },
  },
  methods: {
    async start() {
      const today = shanghaiToday();
      const me = lastMe() ?? (await refreshMe().then((r) => (r.ok ? r.data : null)));
      const roots: OrgRef[] = [];
      for (const g of me?.roles ?? []) {
        if ((g.role === 'orgOfficer' || g.role === 'federationOfficer') && !roots.some((r) => r.orgId === g.orgId)) roots.push({ orgId: g.orgId, orgName: g.orgName });
      }
      this.setData({
        roots,
        trail: roots.slice(0, 1),
        years: Array.from({ length: 6 }, (_, i) => today.year - i),
        yearIndex: 0,
        quarter: Math.ceil(today.month / 3),
        month: today.month,
        from: `${today.year}-01-01`,
        to: today.day,
      });
      if (!roots.length) return this.setData({ loaded: true, error: '数据统计只对基层工会和总工会的干部开放' });
      await Promise.all([this.loadKinds(), this.reload()]);
    },
    /** The service tabs: the kinds the scope root may run, in their order. */
    async loadKinds() {
      const r = await call('campaigns', 'kinds', { orgId: this.data.trail[0].orgId });
      if (!r.ok) return;
      this.setData({ serviceTabs: serviceTabs([...r.data.items.map((k) => ({ key: k.kindId, label: k.label })), ...this.data.serviceTabs.slice(1)]) });
    },
    period(): Period {
      const { periodKind, years, yearIndex, quarter, month, from, to } = this.data;
      const year = years[yearIndex];
      if (periodKind === 'quarter') return { year, quarter: quarter as 1 | 2 | 3 | 4 };
      if (periodKind === 'month') return { year, month };
      if (periodKind === 'custom') return { from, to };
      return { year };
    },
    async reload() {
      const org = this.data.trail[this.data.trail.length - 1];
      const { service, campaignId } = this.data;
      const input: FiguresInput = { orgId: org.orgId, period: this.period() };
      if (service !== 'all') input.service = service;
      if (campaignId) input.campaignId = campaignId;
      const mine = stateOf(this);
      const seq = ++mine.seq;
      this.setData({ loading: true, error: '', exportNote: '', exportError: '' });
      // beside the services' figures, the org's hardship records (困难职工档案), on the 全部 tab
      const [r, h] = await Promise.all([call('statistics', 'figures', input), service === 'all' && !campaignId ? call('hardship', 'figures', { orgId: org.orgId, period: input.period }) : null]);
      if (seq !== mine.seq) return; // the officer chose something else meanwhile
      const hardship = h && h.ok ? {
        counts: [
          { label: '在档户数', value: String(h.data.org.onFile) },
          { label: '新建档', value: String(h.data.org.added) },
          { label: '脱困', value: String(h.data.org.exited) },
          { label: '帮扶人次', value: String(h.data.org.people) },
        ],
        money: [{ label: '帮扶金额', value: wanText(h.data.org.paidFen) }],
      } : null;
      this.setData({ hardship });
      if (!r.ok) {
        mine.answer = null;
        return this.setData({ loading: false, loaded: true, error: errorText(r.error), cards: [], children: [], chart: null });
      }
      mine.answer = r.data;
      // a service the figures name that no tab has yet (a kind of a federation above the scope root)
      const named = r.data.figures.filter((f) => f.campaignId === null && !this.data.serviceTabs.some((t) => t.key === f.service));
      const patch: Record<string, unknown> = {
        ...(named.length && { serviceTabs: serviceTabs([...this.data.serviceTabs.slice(1), ...named.map((f) => ({ key: f.service, label: f.title }))]) }),
        loading: false,
        loaded: true,
        periodText: r.data.from === r.data.to ? r.data.from : `${r.data.from} 至 ${r.data.to}`,
        cards: r.data.figures.map((f) => cardOf(f, f.campaignId === null && r.data.figures.length > 1 && service !== 'all')),
      };
      if (isCampaignService(service) && !campaignId) {
        patch.campaigns = r.data.figures.filter((f) => f.campaignId).map((f) => ({ campaignId: f.campaignId as string, title: f.title }));
      }
      this.setData(patch);
      this.showChildren();
    },
    showChildren() {
      const { answer } = stateOf(this);
      if (!answer) return;
      const rows = chartedRows(answer.figures, this.data.campaignId);
      const keys = new Set(rows.map(rowKey));
      this.setData({ children: answer.children.map((c) => childRowOf(c, keys)), chart: answer.children.length ? chartOf(answer, rows, this.data.metric) : null });
    },
    onRoot(e: WechatMiniprogram.BaseEvent) {
      const { id } = e.currentTarget.dataset as { id: string };
      this.setData({ trail: this.data.roots.filter((r) => r.orgId === id), serviceTabs: serviceTabs([]), service: 'all', campaignId: '', campaigns: [] });
      this.loadKinds();
      this.reload();
    },
    onChild(e: WechatMiniprogram.BaseEvent) {
      const { id } = e.currentTarget.dataset as { id: string };
      const child = stateOf(this).answer?.children.find((c) => c.orgId === id);
      if (!child) return;
      this.setData({ trail: [...this.data.trail, { orgId: child.orgId, orgName: child.orgName }] });
      this.reload();
    },
    onTrail(e: WechatMiniprogram.BaseEvent) {
      const { index } = e.currentTarget.dataset as { index: number };
      this.setData({ trail: this.data.trail.slice(0, Number(index) + 1) });
      this.reload();
    },
    onUp() {
      if (this.data.trail.length < 2) return;
      this.setData({ trail: this.data.trail.slice(0, -1) });
      this.reload();
    },
    onService(e: WechatMiniprogram.BaseEvent) {
      const { key } = e.currentTarget.dataset as { key: ServiceTab };
      if (key === this.data.service) return;
      this.setData({ service: key, campaignId: '', campaigns: [] });
      this.reload();
    },
    onCampaign(e: WechatMiniprogram.BaseEvent) {
      const { id } = e.currentTarget.dataset as { id: string };
      this.setData({ campaignId: id });
      this.reload();
    },
    onPeriodKind(e: WechatMiniprogram.BaseEvent) {
      this.setData({ periodKind: (e.currentTarget.dataset as { key: PeriodKind }).key });
      this.reload();
    },
    onYear(e: WechatMiniprogram.PickerChange) {
      this.setData({ yearIndex: Number(e.detail.value) });
      this.reload();
    },
    onQuarter(e: WechatMiniprogram.BaseEvent) {
      this.setData({ quarter: Number((e.currentTarget.dataset as { q: number }).q) });
      this.reload();
    },
    onMonth(e: WechatMiniprogram.PickerChange) {
      this.setData({ month: Number(e.detail.value) + 1 });
      this.reload();
    },
    onFrom(e: WechatMiniprogram.PickerChange) {
      this.setData({ from: String(e.detail.value) });
      this.reload();
    },
    onTo(e: WechatMiniprogram.PickerChange) {
      this.setData({ to: String(e.detail.value) });
      this.reload();
    },
    onMetric(e: WechatMiniprogram.BaseEvent) {
      this.setData({ metric: (e.currentTarget.dataset as { key: Metric }).key });
      this.showChildren();
    },
    copy(text: string) {
      wx.setClipboardData({ data: text });
    },
    onCopy(e: WechatMiniprogram.BaseEvent) {
      const { key } = e.currentTarget.dataset as { key: string };
      const card = this.data.cards.find((c) => c.key === key);
      if (card) this.copy(card.sentence);
    },
    onCopyAll() {
      this.copy(this.data.cards.map((c) => c.sentence).join('\n'));
    },
    onExportApplications() {
      if (this.data.campaignId) this.export({ kind: 'applications', campaignId: this.data.campaignId });
    },
    onExportCases() {
      const org = this.data.trail[this.data.trail.length - 1];
      this.export({ kind: 'cases', orgId: org.orgId, period: this.period() });
    },
    onExportHardship() {
      const org = this.data.trail[this.data.trail.length - 1];
      this.export({ kind: 'hardship', orgId: org.orgId });
    },
    async export(input: ExportInput) {
      if (this.data.exporting) return;
      this.setData({ exporting: true, exportNote: '正在生成表格，请稍候…', exportError: '' });
      const r = await call('exports', 'create', input);
      if (!r.ok) {
        const refusal = EXPORT_REFUSALS[r.error.code];
        return this.setData({ exporting: false, exportNote: '', exportError: `无法导出：${refusal ?? errorText(r.error)}` });
      }
      this.setData({ exportNote: `已生成 ${r.data.rows} 行，正在下载…` });
      wx.downloadFile({
        url: r.data.url,
        success: (res) => {
          if (res.statusCode !== 200) return this.setData({ exporting: false, exportNote: '', exportError: '下载表格失败，请稍后再试' });
          wx.openDocument({
            filePath: res.tempFilePath,
            fileType: 'xlsx',
            showMenu: true,
            success: () => this.setData({ exporting: false, exportNote: `已打开：${r.data.fileName}（${r.data.rows} 行）。可点右上角转发或保存。` }),
            fail: () => this.setData({ exporting: false, exportNote: '', exportError: '无法打开表格，请安装能打开 Excel 的应用后再试' }),
          });
        },
        fail: () => this.setData({ exporting: false, exportNote: '', exportError: '下载表格失败，请检查网络后再试' }),
      });
    },
  },
});
