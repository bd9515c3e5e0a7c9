// The fold (data/fold.ts): the steps' deltas added to the counters exactly once, with the real functions and
// the fold's real timer through localcloud. The figures are exact right after a step (the deltas not yet
// folded are added) and the same after the fold; a fold killed midway and resumed, two folds at once, and a
// fold that stalled past its lease while another took over each fold every delta once: the counters equal
// what the deltas add up to, and reconcile finds no difference.
//
// The backlog that makes a fold long enough to kill is bulk-loaded deltas on counters of orgs of their own
// (1 received each, on a counter per org and day and per org and month), so what each of those counters must
// hold is known; the real steps' deltas fold in the same batches.
import { EJSON } from 'bson';
import type { FiguresOutput, FoldOutcome } from '../../typings/api/statistics';
import { useLocalcloud, type Localcloud } from '../harness/localcloud';
import { callAs, data, PEOPLE } from './api';
import { sdkDb } from './applicationsFixtures';
import { season, today } from './statisticsFixtures';
import { deltaOf } from '../../cloudfunctions/_shared/domain/deltas';
import { counterFlows, expandFlows, type CountedApplication } from '../../cloudfunctions/_shared/domain/figures';

const lc = useLocalcloud({ demo: true });
const { app } = season(lc);
const db = () => sdkDb(lc);

const figures = async (): Promise<FiguresOutput> => data(await callAs(lc, PEOPLE.fedOfficer, 'statistics', 'figures', { orgId: 'org-county', period: { from: today(), to: today() } }));
const ZERO = { received: 0, pending: 0, approved: 0, approvedFen: 0 };
const studentAidRow = (f: FiguresOutput) => f.figures.find((r) => r.service === 'studentAid') ?? ZERO;

async function fire(): Promise<FoldOutcome> {
  const res = await fetch(`${lc.url}/__localcloud/timers/statistics/fold/fire`, { method: 'POST' });
  const body = (await res.json()) as { result?: { ok: boolean; data?: FoldOutcome } };
  if (!body.result?.ok) throw new Error(`statistics.fold failed: ${JSON.stringify(body)}`);
  return body.result.data!;
}

const count = async (collection: string, where: object = {}) => ((await db().collection(collection).where(where).count()) as { total: number }).total;
const cursor = async () => ((await db().collection('folds').where({ _id: 'counters' }).get()) as unknown as { data: { seq: number; open: { seq: number } | null }[] }).data[0] ?? null;

/** `n` bulk-loaded deltas, each adding 1 received to the day counter of one of `orgs` made-up orgs. */
let loaded = 0;
let backlogs = 0;
async function backlog(lc: Localcloud, n: number, orgs: number): Promise<Map<string, number>> {
  backlogs += 1;
  const expected = new Map<string, number>();
  const lines: string[] = [];
  const at = new Date();
  for (let i = 0; i < n; i++) {
    const org = `org-fold-${backlogs}-${i % orgs}`;
    const record = { _id: `fold-app-${loaded + i}`, status: 'withdrawn', campaignId: 'fold-campaign', campaignKind: 'studentAid', campaignTitle: '折叠测试', terms: { kindLabel: '金秋助学', sentence: '{title}', people: 1, countsFen: true }, applicantOrgPath: [org], amountFen: null, delivery: null, refunds: [], history: [], createdAt: at } as unknown as CountedApplication;
    const stats = counterFlows([{ before: null, after: { collection: 'applications', record } }]);
    for (const c of expandFlows(stats)) expected.set(c.key._id, (expected.get(c.key._id) ?? 0) + (c.add.received ?? 0));
    lines.push(EJSON.stringify({ _id: `fold-delta-${String(loaded + i).padStart(7, '0')}`, ...deltaOf(stats, [], at) }, { relaxed: true }));
  }
  loaded += n;
  const res = await fetch(`${lc.url}/__localcloud/database/deltas/import`, { method: 'POST', body: lines.join('\n') });
  if (!res.ok) throw new Error(`import failed: ${res.status} ${await res.text()}`);
  return expected;
}

/** Every counter `expected` names holds exactly its expected received. */
async function expectCounters(expected: Map<string, number>): Promise<void> {
  const ids = [...expected.keys()];
  const got = new Map<string, number>();
  for (let i = 0; i < ids.length; i += 1000) {
    const { data: docs } = (await db().collection('stats').where({ _id: db().command.in(ids.slice(i, i + 1000)) }).limit(1000).get()) as unknown as { data: { _id: string; received: number }[] };
    for (const d of docs) got.set(d._id, d.received);
  }
  const wrong = ids.filter((id) => got.get(id) !== expected.get(id)).map((id) => `${id}: ${got.get(id)} ≠ ${expected.get(id)}`);
  expect(wrong).toEqual([]);
}

async function reconcileDifferences(): Promise<unknown[]> {
  return data(await callAs(lc, PEOPLE.fedOfficer, 'statistics', 'reconcile', { orgId: 'org-county' })).differences;
}

async function foldAll(): Promise<void> {
  for (let i = 0; i < 50 && (await count('deltas')) > 0; i++) {
    const run = await fire();
    if (run.busy) await new Promise((r) => setTimeout(r, 200));
  }
  expect(await count('deltas')).toBe(0);
}

/** Waits until a fold is applying a batch (some counters carry its mark, the batch not yet closed). */
async function untilMidway(): Promise<number> {
  for (let i = 0; i < 2000; i++) {
    const c = await cursor();
    if (c?.open && (await count('stats', { seq: c.open.seq })) > 0) return c.open.seq;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('the fold never got midway');
}

/** The lease of a fold that stopped renewing it runs out (as 30 s later). */
const expireLease = () => db().collection('folds').doc('counters').update({ data: { until: new Date(Date.now() - 1000) } });

test('figures are exact right after a step, before any fold, and the same after it', async () => {
  const before = studentAidRow(await figures());
  const a = await app.studentAid(PEOPLE.member);
  expect(await count('deltas')).toBeGreaterThan(0);
  const after = studentAidRow(await figures());
  expect({ received: after.received - before.received, pending: after.pending - before.pending }).toEqual({ received: 1, pending: 1 });
  await app.approved(a, PEOPLE.cgOfficer, 300_000);
  const approved = studentAidRow(await figures());
  expect({ approved: approved.approved - before.approved, approvedFen: approved.approvedFen - before.approvedFen, pending: approved.pending - before.pending }).toEqual({ approved: 1, approvedFen: 300_000, pending: 0 });

  await foldAll();
  expect(studentAidRow(await figures())).toEqual(approved);
  // the waiting work too: the queue's counts read the counters and the deltas the same way
  expect(await reconcileDifferences()).toEqual([]);
}, 60_000);

test('a fold killed midway and resumed once its lease ran out folds every delta once', async () => {
  const expected = await backlog(lc, 6000, 3000);
  await app.studentAid(PEOPLE.member); // a real step's delta among them
  const running = fire().catch(() => null);
  const seq = await untilMidway();
  const killed = (await (await fetch(`${lc.url}/__localcloud/functions/statistics/kill`, { method: 'POST' })).json()) as { killed: number };
  expect(killed.killed).toBe(1);
  await running;
  // the dead fold's batch is still open, some counters marked with it
  expect((await cursor())?.open?.seq).toBe(seq);
  // its lease is live: another run does nothing yet
  expect(await fire()).toMatchObject({ busy: true, folded: 0 });
  await expireLease();
  await foldAll();
  await expectCounters(expected);
  expect(await reconcileDifferences()).toEqual([]);
}, 120_000);

test('two folds at once: one folds, the other finds the lease held', async () => {
  const expected = await backlog(lc, 3000, 3000);
  const runs = await Promise.all([fire(), fire()]);
  expect(runs.filter((r) => r.busy)).toHaveLength(1);
  expect(runs.reduce((n, r) => n + r.folded, 0)).toBe(3000);
  await expectCounters(expected);
}, 120_000);

test('a fold that stalled past its lease while another took over its batch: both write it, it counts once', async () => {
  const expected = await backlog(lc, 8000, 8000);
  // the fold itself (data/fold.ts) run here, through the same SDK, so that the second run can be given a
  // clock by which the first one's lease has run out while the first is still writing its batch
  sdkDb(lc);
  const { fold } = await import('../../cloudfunctions/_shared/data/fold');
  const first = fold(60_000);
  await untilMidway();
  const second = await fold(60_000, () => new Date(Date.now() + 60_000));
  const stalled = await first;
  expect(second).toMatchObject({ busy: false, left: 0 });
  expect(second.folded).toBeGreaterThanOrEqual(8000);
  // the first found its lease taken at its next step and stopped without closing the batch
  expect(stalled).toMatchObject({ busy: false, folded: 0 });
  await expectCounters(expected);
  expect(await reconcileDifferences()).toEqual([]);
}, 120_000);
