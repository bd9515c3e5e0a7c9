// The figures of the annual report, as pure rules: what each application and case contributes to the
// counters (by campaign or legal aid, by org on its path, by Shanghai day of each event), the counter change
// of a workflow step (what the record contributes after it minus what it contributed before), report
// periods as Shanghai days, the sum of counters as Figures and the report sentence of each service.
//
// A record's contribution, by the day each event happened (Asia/Shanghai), to every org on its path:
//
//   application (any service kind)               case (法律援助)
//   received       submit day                    open day
//   pending        submit day, while undecided   open day, while open (submitted … inProgress)
//                  (submitted, returned, recommended)
//   approved       approve day (+ approvedFen),  day of the acceptance in force (the last accept, while
//                  while the approval stands     accepted … closed; a 转办 undoes it until accepted again)
//                  (撤销批准 or a 公示 objection
//                  upheld undoes it)
//   declined       reject day (an objection      decline day
//                  upheld that rejects too)
//   withdrawn      withdraw day                  —
//   peopleReached  settle day (pay, deliver,     close day: workersAffected (a group case counts each)
//                  attend): the 人次 its terms
//                  count, or the delivery's
//                  headcount; taken back on the
//                  day refunds make it whole
//   paidFen        settle day: the amount; each  —
//                  refund's day: minus its own
//                  (万元 net of refunds)
//   recoveredFen   —                             close day: the amount recovered (recoveredWagesFen too,
//                                                for a wage-arrears case)
//
// What an application counts is fixed by its terms (domain/serviceKinds.ts ApplicationTerms), copied from
// its campaign's kind when it was submitted, and every counter carries the kind's label and sentence as
// its applications had them: editing a kind never changes a figure or a sentence already counted.
//
// Because a step's change is contribution(after) − contribution(before), a return and resubmit is no new
// receipt, and a 转办 moves every counter of the case from the old org path to the new one. Reconciliation
// sums the same contributions over the records, so the counters and their recomputation share one rule.
//
// A step does not write the counters itself: its change goes into one delta document in its own
// transaction, and the fold job adds the deltas to the counters (domain/deltas.ts, data/fold.ts), so no two
// steps ever write the same counter document and a busy county day serialises nothing.
//
// Every flow is counted at two grains: in its day's counter and in its month's (grain 'month', `day` the
// month's first day). A period is read as its whole calendar months from month counters
// and its leftover edge days (less than a month at each end) from day counters (periodRuns), so what a
// dashboard reads is bounded by orgs × months × campaigns, not by how many days of the period had
// activity: a year is 12 months of counters however busy it was. Reconciliation compares both grains,
// since both come from this rule.
import type { CaseStatus } from '../../../typings/api/cases';
import type { ApplicationStatus } from '../../../typings/api/applications';
import { LEGAL_AID, LEGAL_AID_LABEL, type Figures, type Period, type Service } from '../../../typings/api/statistics';
import type { ApplicationRecord } from '../workflow/applications';
import type { CaseRecord } from '../workflow/cases';
import type { HistoryEntry } from '../workflow/machine';
import { daysOfWindow, refundableFen, windowOfDays } from './campaignRules';
import { isCalendarDay } from './campaignForm';
import { renderSentence } from './serviceKinds';
import type { FoldMark } from './deltas';
import { dayjs, shanghaiDate, UNION_TZ } from './shanghaiTime';

export const COUNTER_FIELDS = ['received', 'approved', 'declined', 'withdrawn', 'pending', 'peopleReached', 'approvedFen', 'paidFen', 'recoveredFen', 'recoveredWagesFen'] as const;
export type CounterField = (typeof COUNTER_FIELDS)[number];
export type Counts = Record<CounterField, number>;

/** A counter counts the flows of one Shanghai day, or of one calendar month. */
export type Grain = 'day' | 'month';
export const GRAINS: readonly Grain[] = ['day', 'month'];

/** The counter document of one campaign (or legal aid), one org and one Shanghai day or month. */
export interface CounterDoc extends Counts, FoldMark {
  _id: string;
  service: Service;
  /** null for legal aid */
  campaignId: string | null;
  /** the campaign's title, or the service's name */
  title: string;
  /** the service's label and report sentence as its records had them (the sentence null for legal aid,
   *  whose sentence is its own) */
  kindLabel: string;
  sentence: string | null;
  orgId: string;
  /** the org's path (root … orgId): a subtree's counters are one indexed query */
  orgPath: string[];
  grain: Grain;
  /** YYYY-MM-DD, Asia/Shanghai: the day, or the month's first day (grain 'month') */
  day: string;
}

export type CounterKey = Omit<CounterDoc, keyof Counts | keyof FoldMark>;

/** A change to one counter document: the fields to add (never zero). */
export interface CounterChange {
  key: CounterKey;
  add: Partial<Counts>;
}

export type CountedApplication = Pick<
  ApplicationRecord,
  '_id' | 'status' | 'campaignId' | 'campaignKind' | 'campaignTitle' | 'terms' | 'applicantOrgPath' | 'amountFen' | 'delivery' | 'refunds' | 'history' | 'createdAt'
>;
export type CountedCase = Pick<CaseRecord, '_id' | 'status' | 'orgPath' | 'disputeType' | 'workersAffected' | 'recoveredFen' | 'history' | 'createdAt'>;
/** A record the counters count, named by its collection. */
export type Counted = { collection: 'applications'; record: CountedApplication } | { collection: 'cases'; record: CountedCase };

/** A workflow step on a counted record: before it (null when it creates the record) and after. */
export interface CountedStep {
  before: Counted | null;
  after: Counted;
}

export { LEGAL_AID };

/** The counter of `grain` a flow on `day` goes to: its `day` field (the day, or the month's first day). */
export const counterDay = (grain: Grain, day: string): string => (grain === 'day' ? day : `${day.slice(0, 7)}-01`);

/** A counter document's id: campaign|org|YYYY-MM-DD for a day, campaign|org|YYYY-MM for a month. */
export function counterId(campaignId: string | null, orgId: string, grain: Grain, day: string): string {
  return `${campaignId ?? LEGAL_AID}|${orgId}|${grain === 'day' ? day : day.slice(0, 7)}`;
}

export const zeroCounts = (): Counts => Object.fromEntries(COUNTER_FIELDS.map((f) => [f, 0])) as Counts;

const UNDECIDED: readonly ApplicationStatus[] = ['submitted', 'returned', 'recommended'];
// An approval counts while it stands: 撤销批准 undoes it, and so does a 公示 objection upheld (the application
// returned to supplement, or rejected).
const APPROVAL_STANDS: readonly ApplicationStatus[] = ['approved', 'paid', 'delivered', 'attended'];
const OPEN_CASE: readonly CaseStatus[] = ['submitted', 'accepted', 'assigned', 'inProgress'];
const ACCEPTED_CASE: readonly CaseStatus[] = ['accepted', 'assigned', 'inProgress', 'closed'];

type Flow = { day: string; field: CounterField; n: number };

const dayOf = (at: Date | string) => shanghaiDate(new Date(at));

/** The last history entry of `action`, or undefined. */
function last<S extends string>(history: readonly HistoryEntry<S>[], action: string): HistoryEntry<S> | undefined {
  for (let i = history.length - 1; i >= 0; i--) if (history[i].action === action) return history[i];
  return undefined;
}

/** The step that settled an application (payment, delivery or attendance), or undefined. */
function settlementOf(a: Pick<CountedApplication, 'history'>): HistoryEntry<ApplicationStatus> | undefined {
  return last(a.history, 'pay') ?? last(a.history, 'deliver') ?? last(a.history, 'attend');
}

const SETTLED: readonly ApplicationStatus[] = ['paid', 'delivered', 'attended'];

/** The 人次 a settled application counts (its terms', or its delivery's headcount); null while unsettled. */
export function peopleCounted(a: Pick<CountedApplication, 'status' | 'terms' | 'delivery'>): number | null {
  if (!SETTLED.includes(a.status)) return null;
  return a.terms.people ?? a.delivery?.headcount ?? 0;
}

/** Whether refunds took back a paid application's whole amount: its 人次 no longer count. */
export function fullyRefunded(a: Pick<CountedApplication, 'amountFen' | 'refunds'>): boolean {
  return (a.refunds ?? []).length > 0 && refundableFen(a.amountFen ?? 0, a.refunds ?? []) === 0;
}

function applicationFlows(a: CountedApplication): Flow[] {
  const received = dayOf(a.createdAt);
  const flows: Flow[] = [{ day: received, field: 'received', n: 1 }];
  if (UNDECIDED.includes(a.status)) flows.push({ day: received, field: 'pending', n: 1 });
  const approve = last(a.history, 'approve');
  if (approve && APPROVAL_STANDS.includes(a.status)) {
    const day = dayOf(approve.at);
    flows.push({ day, field: 'approved', n: 1 }, { day, field: 'approvedFen', n: a.amountFen ?? 0 });
  }
  const settled = settlementOf(a);
  if (settled) {
    const day = dayOf(settled.at);
    flows.push({ day, field: 'paidFen', n: a.amountFen ?? 0 }, { day, field: 'peopleReached', n: peopleCounted(a) ?? 0 });
    const refunds = a.refunds ?? [];
    for (const r of refunds) flows.push({ day: dayOf(r.at), field: 'paidFen', n: -r.amountFen });
    // a refund of the whole amount undoes the help itself: its 人次 go on the day the last refund made it whole
    if (fullyRefunded(a)) flows.push({ day: dayOf(refunds[refunds.length - 1].at), field: 'peopleReached', n: -(peopleCounted(a) ?? 0) });
  }
  // rejected by an officer's decision or by a 公示 objection upheld
  const reject = last(a.history, 'reject') ?? last(a.history, 'objectionReject');
  if (reject) flows.push({ day: dayOf(reject.at), field: 'declined', n: 1 });
  const withdraw = last(a.history, 'withdraw');
  if (withdraw) flows.push({ day: dayOf(withdraw.at), field: 'withdrawn', n: 1 });
  return flows;
}

function caseFlows(c: CountedCase): Flow[] {
  const received = dayOf(c.createdAt);
  const flows: Flow[] = [{ day: received, field: 'received', n: 1 }];
  if (OPEN_CASE.includes(c.status)) flows.push({ day: received, field: 'pending', n: 1 });
  const accept = last(c.history, 'accept');
  if (accept && ACCEPTED_CASE.includes(c.status)) flows.push({ day: dayOf(accept.at), field: 'approved', n: 1 });
  const decline = last(c.history, 'decline');
  if (decline && c.status === 'declined') flows.push({ day: dayOf(decline.at), field: 'declined', n: 1 });
  const close = last(c.history, 'close');
  if (close && c.status === 'closed') {
    const day = dayOf(close.at);
    flows.push({ day, field: 'peopleReached', n: c.workersAffected }, { day, field: 'recoveredFen', n: c.recoveredFen ?? 0 });
    if (c.disputeType === 'wages') flows.push({ day, field: 'recoveredWagesFen', n: c.recoveredFen ?? 0 });
  }
  return flows;
}

interface Contribution extends Pick<CounterKey, 'service' | 'campaignId' | 'title' | 'kindLabel' | 'sentence' | 'orgPath'> {
  flows: Flow[];
}

function contribution(c: Counted): Contribution {
  if (c.collection === 'applications') {
    const a = c.record;
    const { kindLabel, sentence } = a.terms;
    return { service: a.campaignKind, campaignId: a.campaignId, title: a.campaignTitle, kindLabel, sentence, orgPath: a.applicantOrgPath, flows: applicationFlows(a) };
  }
  const r = c.record;
  return { service: LEGAL_AID, campaignId: null, title: LEGAL_AID_LABEL, kindLabel: LEGAL_AID_LABEL, sentence: null, orgPath: r.orgPath, flows: caseFlows(r) };
}

/** What a step (or record) adds on one day to the counters of every org on one path, for one campaign (or
 *  legal aid): the packed form a delta keeps, expanded to counter documents by expandFlows. */
export interface CounterFlow {
  key: Pick<CounterKey, 'service' | 'campaignId' | 'title' | 'kindLabel' | 'sentence'>;
  orgPath: string[];
  /** YYYY-MM-DD, Asia/Shanghai */
  day: string;
  add: Partial<Counts>;
}

/** Adds `n` to `field` of a map of changes, by key; drops what sums to nothing once read by `nonZero`. */
function addTo<T extends { add: Partial<Counts> }>(byKey: Map<string, T>, key: string, make: () => T, field: CounterField, n: number): void {
  let entry = byKey.get(key);
  if (!entry) byKey.set(key, (entry = make()));
  entry.add[field] = (entry.add[field] ?? 0) + n;
}

function nonZero<T extends { add: Partial<Counts> }>(entries: Iterable<T>): T[] {
  const out: T[] = [];
  for (const e of entries) {
    const add = Object.fromEntries(Object.entries(e.add).filter(([, n]) => n !== 0)) as Partial<Counts>;
    if (Object.keys(add).length) out.push({ ...e, add });
  }
  return out;
}

/** The flows of records counted with a sign (after +1, before −1), summed per campaign, path and day. */
function flowsOf(signed: readonly { record: Counted; sign: 1 | -1 }[]): CounterFlow[] {
  const byKey = new Map<string, CounterFlow>();
  for (const { record, sign } of signed) {
    const { flows, orgPath, ...key } = contribution(record);
    for (const f of flows) {
      if (f.n === 0) continue;
      addTo(byKey, JSON.stringify([key, orgPath, f.day]), () => ({ key, orgPath, day: f.day, add: {} }), f.field, sign * f.n);
    }
  }
  return nonZero(byKey.values());
}

/** The flows of workflow steps taken together (one, or a batch): after minus before. */
export function counterFlows(steps: readonly CountedStep[]): CounterFlow[] {
  return flowsOf(steps.flatMap((s) => [...(s.before ? [{ record: s.before, sign: -1 as const }] : []), { record: s.after, sign: 1 as const }]));
}

/** Flows as changes to counter documents: each to its day's and its month's counter of every org on its
 *  path, summed per document (the flows of many steps, or of a whole batch of deltas, at once). */
export function expandFlows(flows: Iterable<CounterFlow>): CounterChange[] {
  const byId = new Map<string, CounterChange>();
  for (const f of flows) {
    f.orgPath.forEach((orgId, i) => {
      for (const grain of GRAINS) {
        const day = counterDay(grain, f.day);
        const _id = counterId(f.key.campaignId, orgId, grain, day);
        const make = (): CounterChange => ({ key: { _id, ...f.key, orgId, orgPath: f.orgPath.slice(0, i + 1), grain, day }, add: {} });
        for (const [field, n] of Object.entries(f.add) as [CounterField, number][]) addTo(byId, _id, make, field, n);
      }
    });
  }
  return nonZero(byId.values());
}

/** The counter changes of workflow steps taken together (one, or a batch): after minus before, per document. */
export function counterChanges(steps: readonly CountedStep[]): CounterChange[] {
  return expandFlows(counterFlows(steps));
}

/** The counters the records add up to, recomputed from scratch (reconciliation). */
export function recomputeCounters(records: Iterable<Counted>): CounterDoc[] {
  return expandFlows(flowsOf([...records].map((record) => ({ record, sign: 1 as const })))).map((c) => applyChange(null, c));
}

/** A counter document after a change (a missing document counts from zero); its fold mark is kept. */
export function applyChange(doc: CounterDoc | null, change: CounterChange): CounterDoc {
  const counts = zeroCounts();
  for (const f of COUNTER_FIELDS) counts[f] = (doc?.[f] ?? 0) + (change.add[f] ?? 0);
  return { ...change.key, ...counts, ...(doc?.seq !== undefined && { seq: doc.seq, lastAdd: doc.lastAdd }) };
}

// ——— periods ———

export const MAX_PERIOD_DAYS = 366;
const DAY_MS = 86_400_000;

export type PeriodCheck = { ok: true; from: string; to: string } | { ok: false; message: string; field: string };

/** A period as its inclusive Shanghai days, through the one day-interval rule (windowOfDays). */
export function resolvePeriod(p: Period): PeriodCheck {
  if ('from' in p) {
    if (!isCalendarDay(p.from)) return { ok: false, message: '开始日期不对', field: 'period.from' };
    if (!isCalendarDay(p.to)) return { ok: false, message: '结束日期不对', field: 'period.to' };
    const w = windowOfDays(p.from, p.to);
    if (w.closesAt <= w.opensAt) return { ok: false, message: '结束日期不能早于开始日期', field: 'period.to' };
    if (w.closesAt.getTime() - w.opensAt.getTime() > MAX_PERIOD_DAYS * DAY_MS) return { ok: false, message: `统计期间最长${MAX_PERIOD_DAYS}天`, field: 'period.to' };
    return { ok: true, from: p.from, to: p.to };
  }
  const [firstMonth, months] = 'month' in p ? [p.month, 1] : 'quarter' in p ? [(p.quarter - 1) * 3 + 1, 3] : [1, 12];
  const start = dayjs.tz(`${p.year}-${String(firstMonth).padStart(2, '0')}-01`, UNION_TZ);
  const { openDay, closeDay } = daysOfWindow({ opensAt: start.toDate(), closesAt: start.add(months, 'month').toDate() });
  return { ok: true, from: openDay, to: closeDay };
}

/** Counters of one grain whose `day` lies in [from, to]: one range on the counters' index. */
export interface CounterRun {
  grain: Grain;
  from: string;
  to: string;
}

/**
 * The counters a period [from, to] (Shanghai days, from ≤ to) is read from: its whole calendar months as
 * one run of month counters (from and to the first day of the first and of the last month), and the days
 * before and after them as runs of day counters. 03-15 … 05-10 is days 03-15 … 03-31, month 04, days
 * 05-01 … 05-10; a whole year is its 12 months; a period without a whole month is its days.
 */
export function periodRuns(from: string, to: string): CounterRun[] {
  const first = dayjs.utc(from);
  const last = dayjs.utc(to);
  const firstMonth = first.date() === 1 ? first : first.add(1, 'month').startOf('month');
  const lastMonth = last.date() === last.daysInMonth() ? last.startOf('month') : last.startOf('month').subtract(1, 'month');
  if (firstMonth.isAfter(lastMonth)) return [{ grain: 'day', from, to }];
  const fmt = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD');
  const afterMonths = lastMonth.add(1, 'month');
  return [
    ...(firstMonth.isAfter(first) ? [{ grain: 'day' as const, from, to: fmt(firstMonth.subtract(1, 'day')) }] : []),
    { grain: 'month', from: fmt(firstMonth), to: fmt(lastMonth) },
    ...(afterMonths.isAfter(last) ? [] : [{ grain: 'day' as const, from: fmt(afterMonths), to }]),
  ];
}

// ——— figures and sentences ———

/** 分 as 万元 with at most two decimals, trailing zeros dropped: 913_900_00 → '91.39'. */
export function formatWan(fen: number): string {
  return (Math.round(fen / 10_000) / 100).toFixed(2).replace(/\.?0+$/, '');
}

/** What recovering for workers is called in the legal-aid sentence: 追讨欠薪 for wage arrears, 挽回经济损失
 *  for every other case type (工伤, 劳动合同, …); a part with nothing recovered is left out. */
function recoveredPhrase(c: Pick<Counts, 'recoveredFen' | 'recoveredWagesFen'>): string {
  const other = c.recoveredFen - c.recoveredWagesFen;
  const parts = [c.recoveredWagesFen > 0 ? `追讨欠薪 ${formatWan(c.recoveredWagesFen)} 万元` : '', other > 0 ? `挽回经济损失 ${formatWan(other)} 万元` : ''].filter(Boolean);
  return parts.length ? parts.join('，') : '挽回经济损失 0 万元';
}

/** The report sentence of a row: legal aid's own, e.g. 法律援助：办理案件 3 件次，帮助职工 17 人次，追讨欠薪
 *  3.62 万元; a kind's from its template, e.g. 金秋助学：资助困难职工子女 319 人次，发放助学金 91.39 万元. */
export function reportSentence(service: Service, sentence: string | null, title: string, c: Counts): string {
  if (service === LEGAL_AID || sentence === null) {
    return `${title}：办理案件 ${c.approved} 件次，帮助职工 ${c.peopleReached} 人次，${recoveredPhrase(c)}`;
  }
  return renderSentence(sentence, { title, people: String(c.peopleReached), wan: formatWan(c.paidFen), received: String(c.received), approved: String(c.approved) });
}

/** Counts summed for one org and one campaign (or legal aid) over a period, with the label and sentence of
 *  its counters (those of its latest day, `lastDay`, where they differ). */
export interface CampaignSum extends Counts {
  service: Service;
  campaignId: string | null;
  title: string;
  kindLabel: string;
  sentence: string | null;
  lastDay: string;
}

/** Counts summed for one org and one campaign (or legal aid): a row of a read of counters. */
export interface OrgCampaignSum extends CampaignSum {
  orgId: string;
}

/** The rows of a period's several reads (whole months, edge days) added up per org and campaign. */
export function addSums(rows: readonly OrgCampaignSum[]): OrgCampaignSum[] {
  const byKey = new Map<string, OrgCampaignSum>();
  for (const r of rows) {
    const key = JSON.stringify([r.orgId, r.campaignId]);
    const sum = byKey.get(key);
    if (!sum) byKey.set(key, { ...r });
    else {
      for (const f of COUNTER_FIELDS) sum[f] += r[f];
      if (r.lastDay > sum.lastDay) Object.assign(sum, { lastDay: r.lastDay, title: r.title, kindLabel: r.kindLabel, sentence: r.sentence });
    }
  }
  return [...byKey.values()];
}

/** What a service's rows are called and say when no counter names them (a period without activity). */
export interface ServiceLabel {
  service: Service;
  label: string;
  sentence: string | null;
}

export function figuresRow(service: Service, campaignId: string | null, title: string, sentence: string | null, counts: Counts): Figures {
  const c = Object.fromEntries(COUNTER_FIELDS.map((f) => [f, counts[f]])) as Counts;
  return { service, campaignId, title, ...c, sentence: reportSentence(service, sentence, title, c) };
}

function total(sums: readonly Counts[]): Counts {
  const t = zeroCounts();
  for (const s of sums) for (const f of COUNTER_FIELDS) t[f] += s[f];
  return t;
}

const latest = (sums: readonly CampaignSum[]): CampaignSum | undefined => sums.reduce<CampaignSum | undefined>((a, b) => (!a || b.lastDay > a.lastDay ? b : a), undefined);

/** A service's total row: named and phrased as its latest counters are, else as `fallback`. */
function serviceRow(mine: readonly CampaignSum[], fallback: ServiceLabel): Figures {
  const l = latest(mine);
  return figuresRow(fallback.service, null, l?.kindLabel ?? fallback.label, l ? l.sentence : fallback.sentence, total(mine));
}

const byLabel = (a: Figures, b: Figures) => a.title.localeCompare(b.title, 'zh');

/**
 * The rows one org shows: a campaign's row; or a service's total then one row per campaign of it (by
 * title); or every service's total: each kind with counters in the period (by label), then legal aid.
 */
export function figuresRows(
  sums: readonly CampaignSum[],
  want: { service?: ServiceLabel; campaign?: { campaignId: string; service: Service; title: string; sentence: string } },
): Figures[] {
  if (want.campaign) {
    const { campaignId, service, title, sentence } = want.campaign;
    return [figuresRow(service, campaignId, title, sentence, total(sums.filter((s) => s.campaignId === campaignId)))];
  }
  if (want.service) {
    const service = want.service.service;
    const mine = sums.filter((s) => s.service === service);
    const campaigns = service === LEGAL_AID ? [] : mine.map((s) => figuresRow(service, s.campaignId, s.title, s.sentence, s)).sort(byLabel);
    return [serviceRow(mine, want.service), ...campaigns];
  }
  const services = [...new Set(sums.map((s) => s.service))].filter((s) => s !== LEGAL_AID);
  const kinds = services.map((service) => serviceRow(sums.filter((s) => s.service === service), { service, label: service, sentence: null })).sort(byLabel);
  return [...kinds, serviceRow(sums.filter((s) => s.service === LEGAL_AID), { service: LEGAL_AID, label: LEGAL_AID_LABEL, sentence: null })];
}
