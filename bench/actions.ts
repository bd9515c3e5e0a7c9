// What each action costs at one size of the world, and the table of how that grows across the sizes. Every
// sample is a real call through the gateway as the person who would make it; its figures are what localcloud
// recorded for the invocation (round trips, unindexed queries, documents examined and written, server time). The writes
// make their own subjects (submit → recommend → approve → pay, and others to return, reject, withdraw), so
// no application or case is decided twice.
import { randomUUID } from 'node:crypto';
import type { ActionName, ActionOutput, ApplicationDetail, CaseDetail, DrainOutcome, FunctionName, Result } from '../typings/api';
import { shanghaiDate } from '../cloudfunctions/_shared/domain/shanghaiTime';
import { sdkDb, upload } from '../test/functions/applicationsFixtures';
import { measuredCall } from '../test/functions/api';
import { freshStudentAid, freshSummerRelief } from './answers';
import { percentile, ratio, round, type BenchOptions, type Cell, type Section, type Table } from './report';
import type { BenchMember, Growth, World } from './world';
import type { InvocationCost } from '../test/harness/localcloud';
import { caseForm } from '../test/functions/casesFixtures';

/** The measured actions, in the table's order. */
export const ACTIONS = [
  'submit 金秋助学',
  'recommend',
  'return',
  'reject',
  'approve',
  'pay',
  'resubmit',
  'withdraw',
  'submit 夏送清凉',
  'deliver 夏送清凉',
  'case open',
  'case accept',
  'case assign',
  'case logStep',
  'case close',
  'my applications',
  'queue grassroots p1',
  'queue grassroots later',
  'queue federation p1',
  'queue federation later',
  'case queue officer',
  'case queue lawyer',
  'dashboard',
  'notice publish',
] as const;
export type ActionKey = (typeof ACTIONS)[number];

/** The root of the demo federation: the dashboard's org. */
const COUNTY = 'org-county';
/** The queue page measured as "later": this one, or the last there is if the queue is shorter. */
const LATER_PAGE = 6;
/** applications of the member whose 办事进度 is read */
const MINE = 3;
/** drain fires before giving up on a fan-out */
const MAX_FIRES = 60;

/** The notice's fan-out: the drain timer's invocations from publish until nothing of it is pending. */
export interface FanOut {
  audience: number;
  invocations: number;
  roundTrips: number;
  unindexedQueries: number;
  docsExamined: number;
  docsWritten: number;
  /** server time of the drain invocations, summed */
  serverSeconds: number;
  /** wall time from the first fire to the report showing nothing pending */
  seconds: number;
  /** what the drain did, summed over its invocations */
  outcome: DrainOutcome;
  /** the notice's delivery report at the end */
  report: { sent: number; noQuota: number; failed: number };
  /** messages settled (sent, without quota, failed) per second of wall time */
  messagesPerSecond: number;
}

export interface ActionsAtSize {
  /** applications in the world when the measurement began */
  applications: number;
  samples: Record<ActionKey, InvocationCost[]>;
  /** the page number measured as each "later" queue page */
  laterPages: { grassroots: number; federation: number };
  fanOut: FanOut;
}

type Subject = { member: BenchMember; app: ApplicationDetail; answers: Record<string, unknown> };

export async function measureActions(world: World, opts: BenchOptions): Promise<ActionsAtSize> {
  const { lc, people, campaigns } = world;
  const n = opts.samples;
  const applications = world.applications;
  const samples = Object.fromEntries(ACTIONS.map((a) => [a, [] as InvocationCost[]])) as Record<ActionKey, InvocationCost[]>;
  const measured = async <F extends FunctionName, A extends ActionName<F>>(key: ActionKey, openid: string, fn: F, action: A, input: Record<string, unknown>): Promise<ActionOutput<F, A>> => {
    const r = await measuredCall(lc, openid, fn, action, input);
    samples[key].push(r.cost);
    return r.data;
  };
  const unmeasured = async <F extends FunctionName, A extends ActionName<F>>(openid: string, fn: F, action: A, input: Record<string, unknown>): Promise<ActionOutput<F, A>> =>
    (await measuredCall(lc, openid, fn, action, input)).data;
  const log = (what: string) => opts.log(`actions at ${applications}: ${what}`);
  const today = shanghaiDate(new Date());

  // one unmeasured call per function first: cold starts are the functions section's
  await unmeasured(people.federationOfficer, 'applications', 'mine', {});
  await unmeasured(people.grassrootsOfficer, 'cases', 'queue', { view: 'open' });
  await unmeasured(people.federationOfficer, 'statistics', 'figures', { orgId: COUNTY, period: { year: Number(today.slice(0, 4)) } });
  await unmeasured(people.staff, 'notices', 'composeOptions', {});
  await drainAll(world);

  const members = await world.takeMembers(6 * n + 1);
  const take = (k: number) => members.splice(0, k);

  // 金秋助学: four submissions per sample, one for each path an application takes
  log(`${4 * n} submissions of 金秋助学`);
  const submitAid = async (member: BenchMember): Promise<Subject> => {
    const answers = freshStudentAid(member.fileId);
    const { application } = await measured('submit 金秋助学', member.openid, 'applications', 'submit', { campaignId: campaigns.studentAid, requestKey: randomUUID(), answers });
    return { member, app: application, answers };
  };
  const paths = { paid: [] as Subject[], returned: [] as Subject[], rejected: [] as Subject[], withdrawn: [] as Subject[] };
  const applicants = take(4 * n);
  for (let i = 0; i < n; i++) {
    paths.paid.push(await submitAid(applicants[4 * i]));
    paths.returned.push(await submitAid(applicants[4 * i + 1]));
    paths.rejected.push(await submitAid(applicants[4 * i + 2]));
    paths.withdrawn.push(await submitAid(applicants[4 * i + 3]));
  }
  const act = async (key: ActionKey, openid: string, s: Subject, transition: string, more: Record<string, unknown> = {}) => {
    s.app = (await measured(key, openid, 'applications', 'act', { applicationId: s.app.applicationId, version: s.app.version, transition, ...more })).application;
  };
  log('decisions');
  for (let i = 0; i < n; i++) {
    await act('recommend', people.grassrootsOfficer, paths.paid[i], 'recommend');
    await act('return', people.grassrootsOfficer, paths.returned[i], 'return', { comment: '请补充录取通知书的清晰照片' });
    await act('reject', people.grassrootsOfficer, paths.rejected[i], 'reject', { comment: '不符合困难职工子女条件' });
    await act('withdraw', paths.withdrawn[i].member.openid, paths.withdrawn[i], 'withdraw');
  }
  const { tiers } = (await unmeasured(people.federationOfficer, 'applications', 'detail', { applicationId: paths.paid[0].app.applicationId })).application;
  for (let i = 0; i < n; i++) {
    const s = paths.paid[i];
    const tier = tiers.find((t) => t.key === s.app.suggestedTierKey);
    if (!tier) throw new Error(`no tier ${s.app.suggestedTierKey} among ${JSON.stringify(tiers)}`);
    await act('approve', people.federationOfficer, s, 'approve', { amountFen: tier.amountFen });
    const r = paths.returned[i];
    await act('resubmit', r.member.openid, r, 'resubmit', { answers: { ...r.answers, householdSize: 5 } });
  }
  for (let i = 0; i < n; i++) await act('pay', people.federationOfficer, paths.paid[i], 'pay', { paymentReference: `JQZX-${applications}-${i}`, paidOn: today });

  // 夏送清凉: submitted, recommended and approved, then delivered with the officer's photos
  log(`${n} 夏送清凉 submitted and delivered`);
  for (const member of take(n)) {
    const site: Subject = { member, answers: freshSummerRelief(), app: null as unknown as ApplicationDetail };
    site.app = (await measured('submit 夏送清凉', member.openid, 'applications', 'submit', { campaignId: campaigns.summerRelief, requestKey: randomUUID(), answers: site.answers })).application;
    site.app = (await unmeasured(people.grassrootsOfficer, 'applications', 'act', { applicationId: site.app.applicationId, version: site.app.version, transition: 'recommend' })).application;
    site.app = (await unmeasured(people.federationOfficer, 'applications', 'act', { applicationId: site.app.applicationId, version: site.app.version, transition: 'approve', amountFen: 150_000 })).application;
    const photos = [await upload(lc, people.federationOfficer), await upload(lc, people.federationOfficer)];
    await act('deliver 夏送清凉', people.federationOfficer, site, 'deliver', { headcount: 30, photos, deliveredOn: today });
  }

  // 法律援助: opened by a member, accepted and assigned by the officer, worked and closed by the lawyer
  log(`${n} legal-aid cases from open to close`);
  let lawyerId: string | null = null;
  for (const member of take(n)) {
    let c: CaseDetail = (
      await measured('case open', member.openid, 'cases', 'open', caseForm({ evidence: [member.fileId] }))
    ).case;
    const caseAct = async (key: ActionKey, openid: string, transition: string, more: Record<string, unknown> = {}) => {
      c = (await measured(key, openid, 'cases', 'act', { caseId: c.caseId, version: c.version, transition, ...more })).case;
    };
    await caseAct('case accept', people.grassrootsOfficer, 'accept');
    lawyerId ??= await lawyerOf(world, await unmeasured(people.grassrootsOfficer, 'cases', 'lawyers', { caseId: c.caseId }));
    await caseAct('case assign', people.grassrootsOfficer, 'assign', { lawyerId });
    await caseAct('case logStep', people.lawyer, 'logStep', { step: 'consultation', comment: '已电话联系当事人，了解欠薪情况' });
    await caseAct('case close', people.lawyer, 'close', { outcome: 'mediated', recoveredFen: 3_000_000, comment: '调解结案' });
  }

  // the lists
  log('lists and the dashboard');
  const [reader] = take(1);
  for (let i = 0; i < MINE; i++) await unmeasured(reader.openid, 'applications', 'submit', { campaignId: campaigns.studentAid, requestKey: randomUUID(), answers: freshStudentAid(reader.fileId) });
  for (let i = 0; i < n; i++) {
    const page = await measured('my applications', reader.openid, 'applications', 'mine', {});
    if (page.items.length !== MINE) throw new Error(`my applications listed ${page.items.length}, not ${MINE}`);
  }
  const queue = async (first: ActionKey, later: ActionKey, openid: string, status: string): Promise<number> => {
    const input = { campaignId: campaigns.studentAid, status };
    let cursor: string | null = null;
    for (let i = 0; i < n; i++) cursor = (await measured(first, openid, 'applications', 'queue', input)).cursor;
    if (!cursor) throw new Error(`the ${status} queue of ${openid} has a single page at ${applications} applications: no later page to measure`);
    let page = 2;
    for (; page < LATER_PAGE; page++) {
      const next: string | null = (await unmeasured(openid, 'applications', 'queue', { ...input, cursor })).cursor;
      if (!next) break;
      cursor = next;
    }
    for (let i = 0; i < n; i++) await measured(later, openid, 'applications', 'queue', { ...input, cursor });
    return page;
  };
  const laterPages = {
    grassroots: await queue('queue grassroots p1', 'queue grassroots later', people.grassrootsOfficer, 'submitted'),
    federation: await queue('queue federation p1', 'queue federation later', people.federationOfficer, 'recommended'),
  };
  for (let i = 0; i < n; i++) await measured('case queue officer', people.grassrootsOfficer, 'cases', 'queue', { view: 'open' });
  for (let i = 0; i < n; i++) await measured('case queue lawyer', people.lawyer, 'cases', 'queue', { view: 'open' });
  for (let i = 0; i < n; i++) await measured('dashboard', people.federationOfficer, 'statistics', 'figures', { orgId: COUNTY, period: { year: Number(today.slice(0, 4)) } });

  // a notice to the audience: publish's own cost (one sample), then its fan-out by the drain
  log(`a notice to ${world.noticeAudience.members} members and its fan-out`);
  await drainAll(world);
  const draft = { title: '职工技能大赛报名通知', body: '请各单位于12月10日前组织职工报名参加全县职工技能大赛。', audience: { kind: 'org', orgId: world.noticeAudience.orgId }, pushToAccount: false };
  const { notice } = await measured('notice publish', people.staff, 'notices', 'publish', { requestKey: randomUUID(), draft });
  const fanOut = await fanOutOf(world, notice.noticeId);
  log(`fan-out: ${JSON.stringify(fanOut)}`);
  return { applications, samples, laterPages, fanOut };
}

/** The lawyer's id (their lawyer grant, read through the SDK) among those the case may be assigned to. */
async function lawyerOf(world: World, found: { lawyers: { lawyerId: string }[] }): Promise<string> {
  const grants = (await sdkDb(world.lc).collection('roles').where({ openid: world.people.lawyer, role: 'lawyer' }).get()) as unknown as { data: { _id: string }[] };
  const offered = found.lawyers.find((l) => grants.data.some((g) => g._id === l.lawyerId));
  if (!offered) throw new Error(`the lawyer ${world.people.lawyer} is not offered: ${JSON.stringify(found.lawyers)}`);
  return offered.lawyerId;
}

/** Fires the notices drain timer once: its outcome and the invocation's cost. */
async function fireDrain(world: World): Promise<{ outcome: DrainOutcome; cost: InvocationCost }> {
  const res = await fetch(`${world.lc.url}/__localcloud/timers/notices/drain/fire`, { method: 'POST' });
  const body = (await res.json()) as { result?: Result<DrainOutcome>; errMsg?: string };
  if (!body.result?.ok) throw new Error(`the notices drain failed: ${JSON.stringify(body.result ?? body)}`);
  return { outcome: body.result.data, cost: await world.lc.cost(res.headers.get('x-localcloud-invocation')) };
}

/** Drains what is due (the workflow's messages), so a fan-out is measured alone. */
async function drainAll(world: World): Promise<void> {
  for (let fire = 0; fire < MAX_FIRES; fire++) {
    const { outcome } = await fireDrain(world);
    if (Object.values(outcome).every((v) => v === 0)) return;
  }
  throw new Error(`the outbox was still not drained after ${MAX_FIRES} fires`);
}

async function fanOutOf(world: World, noticeId: string): Promise<FanOut> {
  const started = Date.now();
  const outcome: DrainOutcome = { sent: 0, noQuota: 0, failed: 0, retried: 0, unknown: 0, fannedOut: 0, published: 0 };
  const costs: InvocationCost[] = [];
  for (;;) {
    if (costs.length >= MAX_FIRES) throw new Error(`the fan-out of ${noticeId} was still pending after ${MAX_FIRES} drains`);
    const fired = await fireDrain(world);
    costs.push(fired.cost);
    for (const k of Object.keys(outcome) as (keyof DrainOutcome)[]) outcome[k] += fired.outcome[k];
    const { report } = (await measuredCall(world.lc, world.people.staff, 'notices', 'report', { noticeId })).data.notice;
    if (report.pending === 0) {
      const seconds = (Date.now() - started) / 1000;
      // the fan-out counts members without quota itself (the drain's noQuota is sends WeChat refused)
      const settled = report.sent + report.noQuota + report.failed;
      return {
        audience: report.audience,
        invocations: costs.length,
        roundTrips: sum(costs.map((c) => c.total)),
        unindexedQueries: sum(costs.map((c) => c.unindexedQueries)),
        docsExamined: sum(costs.map((c) => c.docsExamined)),
        docsWritten: sum(costs.map((c) => c.docsWritten)),
        serverSeconds: round(sum(costs.map((c) => c.durationMs)) / 1000, 2),
        seconds: round(seconds, 2),
        outcome,
        report: { sent: report.sent, noQuota: report.noQuota, failed: report.failed },
        messagesPerSecond: Math.round(settled / seconds),
      };
    }
  }
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** 1000 → 1k, 1000000 → 1M */
export function sizeLabel(n: number): string {
  if (n >= 1_000_000 && n % 100_000 === 0) return `${n / 1_000_000}M`;
  if (n >= 1_000 && n % 100 === 0) return `${n / 1_000}k`;
  return String(n);
}

/** Figures of one action at one size. */
interface Summary {
  tripsMin: number;
  tripsMax: number;
  p50: number | null;
  p99: number | null;
  docsMax: number;
  /** documents written: the most one sample wrote */
  writtenMax: number;
  unindexed: number;
  coldSamples: number;
}

function summarize(costs: InvocationCost[]): Summary {
  const trips = costs.map((c) => c.total);
  const ms = costs.map((c) => c.durationMs);
  return {
    tripsMin: Math.min(...trips),
    tripsMax: Math.max(...trips),
    p50: percentile(ms, 50),
    p99: percentile(ms, 99),
    docsMax: Math.max(...costs.map((c) => c.docsExamined)),
    writtenMax: Math.max(...costs.map((c) => c.docsWritten)),
    unindexed: Math.max(...costs.map((c) => c.unindexedQueries)),
    coldSamples: costs.filter((c) => c.loadMs !== null).length,
  };
}

const tripsCell = (s: Summary): Cell => (s.tripsMin === s.tripsMax ? s.tripsMax : `${s.tripsMin}–${s.tripsMax}`);

export function actionsSection(atSizes: ActionsAtSize[], growths: Growth[]): Section {
  const sizes = atSizes.map((a) => sizeLabel(a.applications));
  const summaries = ACTIONS.map((action) => ({ action, at: atSizes.map((a) => summarize(a.samples[action])) }));
  const notes: string[] = [];
  const rows = summaries.map(({ action, at }): Cell[] => {
    const first = at[0];
    const last = at[at.length - 1];
    const p50Ratio = ratio(first.p50, last.p50);
    const range = `${sizes[0]} → ${sizes[sizes.length - 1]}`;
    if (last.tripsMax > first.tripsMax) notes.push(`${action}: round trips grow ${at.map(tripsCell).join(' → ')} (${range})`);
    if (last.docsMax > first.docsMax) notes.push(`${action}: documents examined grow ${at.map((s) => s.docsMax).join(' → ')} (${range})`);
    if (p50Ratio !== null && p50Ratio > 1.5) notes.push(`${action}: p50 server time ${at.map((s) => `${s.p50} ms`).join(' → ')}, ×${p50Ratio} (${range})`);
    const unindexed = Math.max(...at.map((s) => s.unindexed));
    if (unindexed > 0) notes.push(`${action}: ${unindexed} queries no declared index serves`);
    const cold = at.reduce((k, s) => k + s.coldSamples, 0);
    if (cold > 0) notes.push(`${action}: ${cold} sample(s) met a cold instance (an idle one had been let go)`);
    if (last.writtenMax > first.writtenMax) notes.push(`${action}: documents written grow ${at.map((s) => s.writtenMax).join(' → ')} (${range})`);
    return [action, ...at.map(tripsCell), ...at.map((s) => s.p50), ...at.map((s) => s.p99), p50Ratio, ...at.map((s) => s.docsMax), ...at.map((s) => s.writtenMax), unindexed];
  });
  const laterPages = atSizes.map((a) => `${a.laterPages.grassroots}/${a.laterPages.federation}`).join(', ');
  notes.push(`samples per action and size: ${atSizes.map((a) => a.samples['submit 金秋助学'].length / 4).join(', ')} (submit 金秋助学 four times as many; notice publish one); server ms = gateway hand-over to result`);
  notes.push('docs: documents examined (the most one sample examined); written: documents inserted, changed or removed (the most one sample wrote)');
  notes.push(`"later" queue pages are page ${laterPages} (grassroots/federation) at ${sizes.join(', ')}: page ${LATER_PAGE} or the last there was`);
  const actions: Table = {
    title: 'Actions: round trips, server ms, documents examined and written at each number of applications',
    columns: ['action', ...sizes.map((s) => `trips@${s}`), ...sizes.map((s) => `p50ms@${s}`), ...sizes.map((s) => `p99ms@${s}`), 'p50 ratio', ...sizes.map((s) => `docs@${s}`), ...sizes.map((s) => `written@${s}`), 'unindexed'],
    rows,
    notes,
  };
  const fanOut: Table = {
    title: 'Notice fan-out by the drain timer (one notice per size)',
    columns: ['applications', 'audience', 'invocations', 'round trips', 'docs examined', 'docs written', 'unindexed', 'server s', 'wall s', 'fanned out', 'sent', 'no quota', 'messages/s'],
    rows: atSizes.map((a) => {
      const f = a.fanOut;
      return [sizeLabel(a.applications), f.audience, f.invocations, f.roundTrips, f.docsExamined, f.docsWritten, f.unindexedQueries, f.serverSeconds, f.seconds, f.outcome.fannedOut, f.report.sent, f.report.noQuota, f.messagesPerSecond];
    }),
    notes: [
      ...atSizes
        .filter((a) => a.fanOut.report.sent === 0 && a.fanOut.audience > 0)
        .map((a) =>
          a.fanOut.outcome.fannedOut > 0
            ? `at ${sizeLabel(a.applications)}: WeChat accepted no send (${a.fanOut.outcome.noQuota} refused for quota): the audience's quota in WeChat and in our data disagree, so the drain's sends are not what they would be`
            : `at ${sizeLabel(a.applications)}: nobody in the audience had quota left: the fan-out only counted them`,
        ),
      'fanned out: messages queued for members with quota; sent and no quota: the notice\'s delivery report at the end',
      'messages/s: members settled (sent, without quota or failed) per second of wall time, drain fires back to back',
    ],
  };
  const collections = [...new Set(growths.flatMap((g) => Object.keys(g.added)))].sort();
  const growth: Table = {
    title: 'Growing the world (bulk load)',
    columns: ['applications', ...collections.map((c) => `+${c}`), 'seconds'],
    rows: growths.map((g) => [sizeLabel(g.applications), ...collections.map((c) => g.added[c] ?? 0), g.seconds]),
    notes: ['+stats and +campaigns count the documents written: new counters and campaigns, and those replaced with grown counts and ledgers'],
  };
  return {
    name: 'actions',
    tables: [actions, fanOut, growth],
    data: {
      sizes: atSizes.map((a) => a.applications),
      summary: Object.fromEntries(summaries.map(({ action, at }) => [action, at])),
      atSizes,
      growths,
    },
  };
}
