// Folding the deltas the steps write (statistics.fold, fired as its timer does) into the report counters and
// the counters of waiting work: a fresh localcloud (demo world) with the world's org tree, N deltas of
// 金秋助学 submissions spread over its grassroots unions and a few days (each made by the product's rules,
// domain/deltas.ts deltaOf over counterFlows and workloadFlows), bulk-loaded, then the timer
// fired until none is left. (a) The rate: deltas per second of the fold runs' wall time, the batches, what
// each run cost. (b) Killed midway: another set, the fold killed ~300 ms into its run, then fired again until
// another run has taken the dead run's batch over (after its lease) and folded the rest. After each, every
// counter the deltas touch must equal what they add up to (applyChange / applyWorkload over their changes,
// read back through the SDK): a delta folded twice or never shows as a difference, and fails the bench.
import { deltaOf, DELTAS, FOLD_LEASE_MS, type DeltaDoc } from '../cloudfunctions/_shared/domain/deltas';
import { applyChange, COUNTER_FIELDS, counterFlows, expandFlows, type CountedApplication, type CounterDoc } from '../cloudfunctions/_shared/domain/figures';
import { applyWorkload, expandWorkload, workloadFlows, WAITING_STATUSES, type WorkloadDoc } from '../cloudfunctions/_shared/domain/workload';
import { sdkDb } from '../test/functions/applicationsFixtures';
import { Localcloud } from '../test/harness/localcloud';
import { round, type BenchOptions, type Section } from './report';
import { importDocs } from './world/load';
import { orgTree, type OrgDoc } from './world/orgTree';
import { random } from './world/records';

/** A campaign of the bench's own, so no counter it touches existed before. */
const CAMPAIGN = { _id: 'campaign-bench-fold', title: '2026年金秋助学（折叠测试）', kind: 'studentAid', orgPath: ['org-county'] };
const TERMS = { kindLabel: '金秋助学', sentence: '为{people}名困难职工子女发放助学金{amount}万元', people: 1, declared: 4, capFen: null };
/** the days the submissions are spread over, back from today */
const DAYS = 5;
const DAY = 86_400_000;
/** How long the bench waits for the first set to fold: generous, for a slow fold is a figure, not a failure. */
const FOLD_LIMIT_MS = 20 * 60_000;
/** After the kill: the dead run's lease, then three times what folding the first set took, and a minute. */
const recoveryLimitMs = (foldedInMs: number) => FOLD_LEASE_MS + 3 * foldedInMs + 60_000;
const BUSY_WAIT_MS = 2_000;
const KILL_AFTER_MS = 300;
const KILL_WAIT_LIMIT_MS = 10_000;

interface FoldResult {
  folded: number;
  batches: number;
  left: number;
  busy: boolean;
}

export interface FoldRun extends FoldResult {
  /** wall ms from the fire to its answer */
  wallMs: number;
  roundTrips: number;
  docsWritten: number;
  docsExamined: number;
  serverMs: number;
}

export interface FoldFigures {
  orgs: number;
  unions: number;
  rate: { deltas: number; runs: FoldRun[]; batches: number; wallSeconds: number; deltasPerSecond: number; counters: number; differences: number };
  killed: {
    deltas: number;
    /** what the killed fire answered, and how many instances the kill ended */
    killedRun: string;
    instancesKilled: number;
    /** ms from the fire to the kill */
    killedAfterMs: number;
    /** the runs after the kill, busy ones included */
    runs: FoldRun[];
    busyFires: number;
    /** from the kill to the run after which nothing was left unfolded */
    recoverySeconds: number;
    counters: number;
    differences: number;
  };
}

async function fire(lc: Localcloud): Promise<FoldRun> {
  const started = performance.now();
  const res = await fetch(`${lc.url}/__localcloud/timers/statistics/fold/fire`, { method: 'POST' });
  const body = (await res.json()) as { result?: { ok: boolean; data?: FoldResult } };
  const wallMs = Math.round(performance.now() - started);
  if (!body.result?.ok || !body.result.data) throw new Error(`statistics.fold failed: ${JSON.stringify(body).slice(0, 800)}`);
  const cost = await lc.cost(res.headers.get('x-localcloud-invocation'));
  const { folded, batches, left, busy } = body.result.data;
  return { folded, batches, left, busy, wallMs, roundTrips: cost.total, docsWritten: cost.docsWritten, docsExamined: cost.docsExamined, serverMs: cost.durationMs };
}

/** The deltas not folded yet: every one still stored (a folded batch's are removed). */
async function unfolded(lc: Localcloud): Promise<number> {
  return ((await sdkDb(lc).collection(DELTAS).count()) as unknown as { total: number }).total;
}

/** Whether a run has fixed a batch it has not closed yet (the fold's cursor, data/fold.ts). */
async function batchOpen(lc: Localcloud): Promise<boolean> {
  const res = (await sdkDb(lc).collection('folds').where({ _id: 'counters' }).get()) as unknown as { data: { open: unknown }[] };
  return Boolean(res.data[0]?.open);
}

/** Fires until no delta is left unfolded, waiting while another run holds the lease or a dead run's batch
 *  is still open (bounded). */
async function foldAll(lc: Localcloud, limitMs: number, log: (line: string) => void): Promise<FoldRun[]> {
  const deadline = Date.now() + limitMs;
  const runs: FoldRun[] = [];
  for (;;) {
    const run = await fire(lc);
    runs.push(run);
    log(`fold: ${JSON.stringify(run)}`);
    const waiting = run.busy || run.left > 0 ? null : await unfolded(lc);
    if (waiting === 0) return runs;
    if (Date.now() > deadline) throw new Error(`statistics.fold still had ${waiting ?? run.left} deltas unfolded${run.busy ? ' (busy: another run held the lease)' : ''} after ${limitMs} ms: ${JSON.stringify(runs)}`);
    if (run.busy || run.left === 0) await new Promise((r) => setTimeout(r, BUSY_WAIT_MS)); // the lease is held, or a dead run's open batch waits for its lease to expire
  }
}

/** The counters the deltas add up to, by the domain's own apply rules, as they grow set by set. */
class Expected {
  readonly stats = new Map<string, CounterDoc>();
  readonly workload = new Map<string, WorkloadDoc>();

  add(d: Omit<DeltaDoc, '_id'>): void {
    for (const c of expandFlows(d.stats)) this.stats.set(c.key._id, applyChange(this.stats.get(c.key._id) ?? null, c));
    for (const c of expandWorkload(d.workload)) this.workload.set(c.key._id, applyWorkload(this.workload.get(c.key._id) ?? null, c));
  }
}

/** `n` deltas of submissions: applications spread over `units` and the last DAYS days. */
function makeDeltas(set: string, n: number, units: OrgDoc[], now: Date, seed: number, expected: Expected): DeltaDoc[] {
  const rnd = random(seed);
  return Array.from({ length: n }, (_, i) => {
    const unit = units[Math.floor(rnd() * units.length)];
    const createdAt = new Date(now.getTime() - Math.floor(rnd() * DAYS * DAY));
    const _id = `app-bench-fold-${set}-${i}`;
    const record: CountedApplication = {
      _id,
      status: 'submitted',
      campaignId: CAMPAIGN._id,
      campaignKind: CAMPAIGN.kind,
      campaignTitle: CAMPAIGN.title,
      terms: TERMS,
      applicantOrgPath: unit.path,
      amountFen: null,
      delivery: null,
      // a submission's counts come from its creation (received, pending on that day): no step in its history yet
      history: [],
      createdAt,
    };
    const delta = deltaOf(
      counterFlows([{ before: null, after: { collection: 'applications', record } }]),
      workloadFlows([{ before: null, after: { kind: 'application', record: { _id, campaignId: CAMPAIGN._id, status: 'submitted', applicantOrgPath: unit.path, campaignOrgPath: CAMPAIGN.orgPath } } }]),
      createdAt,
    );
    if (!delta) throw new Error(`the submission ${_id} changes no counter`);
    expected.add(delta);
    return { _id: `delta-bench-fold-${set}-${String(i).padStart(7, '0')}`, ...delta };
  });
}

/** The stored counters that differ from what the deltas add up to (absent ones included), read through the SDK. */
async function differences(lc: Localcloud, expected: Expected): Promise<{ counters: number; differences: string[] }> {
  const db = sdkDb(lc);
  const _ = db.command;
  const read = async <D extends { _id: string }>(collection: string, ids: string[]): Promise<Map<string, D>> => {
    const out = new Map<string, D>();
    for (let i = 0; i < ids.length; i += 100) {
      const res = (await db.collection(collection).where({ _id: _.in(ids.slice(i, i + 100)) }).limit(100).get()) as unknown as { data: D[] };
      for (const d of res.data) out.set(d._id, d);
    }
    return out;
  };
  const found: string[] = [];
  const stats = await read<CounterDoc>('stats', [...expected.stats.keys()]);
  for (const [id, want] of expected.stats) {
    const got = stats.get(id);
    const wrong = COUNTER_FIELDS.filter((f) => (got?.[f] ?? 0) !== want[f] || !got);
    if (wrong.length) found.push(`stats ${id}: ${got ? wrong.map((f) => `${f} ${got[f] ?? 0} ≠ ${want[f]}`).join(', ') : 'missing'}`);
  }
  const workload = await read<WorkloadDoc>('workload', [...expected.workload.keys()]);
  for (const [id, want] of expected.workload) {
    const got = workload.get(id);
    const statuses = new Set([...Object.keys(want.counts), ...Object.keys(got?.counts ?? {}), ...WAITING_STATUSES]);
    const wrong = [...statuses].filter((s) => (got?.counts?.[s] ?? 0) !== (want.counts[s] ?? 0));
    if (!got || wrong.length || got.waiting !== want.waiting) {
      found.push(`workload ${id}: ${got ? [...wrong.map((s) => `${s} ${got.counts?.[s] ?? 0} ≠ ${want.counts[s] ?? 0}`), ...(got.waiting !== want.waiting ? [`waiting ${got.waiting} ≠ ${want.waiting}`] : [])].join(', ') : 'missing'}`);
    }
  }
  const left = await unfolded(lc);
  if (left > 0) found.push(`${left} deltas still stored, not folded`);
  return { counters: expected.stats.size + expected.workload.size, differences: found };
}

function check(what: string, d: { differences: string[] }): void {
  if (d.differences.length) throw new Error(`fold, ${what}: ${d.differences.length} counters differ from what the deltas add up to:\n  ${d.differences.slice(0, 20).join('\n  ')}`);
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

export async function measureFold(opts: BenchOptions): Promise<Section> {
  const n = opts.quick ? 20_000 : 100_000;
  const now = new Date();
  const tree = orgTree(1_000, now);
  const units = [...tree.chengguan, ...tree.elsewhere, ...tree.audience.units];
  const lc = await new Localcloud({ demo: true }).start();
  let figures: FoldFigures;
  try {
    await importDocs(lc, 'orgs', tree.docs, true);
    const expected = new Expected();
    const log = (line: string) => opts.log(line);

    // (a) the rate
    await importDocs(lc, DELTAS, makeDeltas('rate', n, units, now, 21, expected));
    opts.log(`fold: ${n} deltas loaded; folding`);
    const rateRuns = await foldAll(lc, FOLD_LIMIT_MS, log);
    const folded = sum(rateRuns.map((r) => r.folded));
    if (folded !== n) throw new Error(`fold: the runs folded ${folded} deltas, not the ${n} loaded`);
    const wallSeconds = sum(rateRuns.map((r) => r.wallMs)) / 1000;
    const rateCheck = await differences(lc, expected);
    check('after folding', rateCheck);

    // (b) killed midway, then taken over
    await importDocs(lc, DELTAS, makeDeltas('killed', n, units, now, 22, expected));
    opts.log(`fold: ${n} more deltas loaded; a fold killed after ${KILL_AFTER_MS} ms`);
    const killedFire = fetch(`${lc.url}/__localcloud/timers/statistics/fold/fire`, { method: 'POST' }).then(
      async (res) => {
        const body = (await res.json()) as { result?: unknown; errCode?: number; errMsg?: string };
        return body.result ? `it answered ${JSON.stringify(body.result).slice(0, 200)}` : `the gateway answered ${body.errCode}: ${(body.errMsg ?? '').replace(/^.*error message /, '').slice(0, 120)}`;
      },
      (e: Error) => `the fire failed: ${e.message}`,
    );
    const fired = Date.now();
    await new Promise((r) => setTimeout(r, KILL_AFTER_MS));
    // midway: once the run has fixed a batch or folded something (a cold instance may still be loading at 300 ms)
    while (Date.now() - fired < KILL_WAIT_LIMIT_MS && !(await batchOpen(lc)) && (await unfolded(lc)) === n) await new Promise((r) => setTimeout(r, 50));
    const { killed: instancesKilled } = await lc.postJson<{ killed: number }>('/__localcloud/functions/statistics/kill');
    const killedAt = Date.now();
    const killedAfterMs = killedAt - fired;
    const killedRun = await killedFire;
    const recoveryRuns = await foldAll(lc, recoveryLimitMs(wallSeconds * 1000), log);
    const recoverySeconds = round((Date.now() - killedAt) / 1000, 1);
    const killedCheck = await differences(lc, expected);
    check('after a run killed midway', killedCheck);

    figures = {
      orgs: tree.docs.length,
      unions: units.length,
      rate: {
        deltas: n,
        runs: rateRuns,
        batches: sum(rateRuns.map((r) => r.batches)),
        wallSeconds: round(wallSeconds, 2),
        deltasPerSecond: Math.round(n / wallSeconds),
        counters: rateCheck.counters,
        differences: rateCheck.differences.length,
      },
      killed: {
        deltas: n,
        killedRun,
        instancesKilled,
        killedAfterMs,
        runs: recoveryRuns,
        busyFires: recoveryRuns.filter((r) => r.busy).length,
        recoverySeconds,
        counters: killedCheck.counters,
        differences: killedCheck.differences.length,
      },
    };
  } finally {
    await lc.dispose();
  }
  return foldSection(figures);
}

/** Consecutive busy runs as one row: they only found the lease held. */
function runRows(part: string, runs: FoldRun[]): (string | number)[][] {
  const rows: (string | number)[][] = [];
  let busy: FoldRun[] = [];
  const flushBusy = () => {
    if (!busy.length) return;
    rows.push([part, busy.length > 1 ? `busy ×${busy.length}` : 'busy', 0, 0, busy[busy.length - 1].left, sum(busy.map((r) => r.roundTrips)), sum(busy.map((r) => r.docsWritten)), sum(busy.map((r) => r.serverMs)), sum(busy.map((r) => r.wallMs))]);
    busy = [];
  };
  for (const r of runs) {
    if (r.busy) busy.push(r);
    else {
      flushBusy();
      rows.push([part, 'ran', r.folded, r.batches, r.left, r.roundTrips, r.docsWritten, r.serverMs, r.wallMs]);
    }
  }
  flushBusy();
  return rows;
}

export function foldSection(f: FoldFigures): Section {
  const n = f.rate.deltas;
  const ran = f.killed.runs.filter((r) => !r.busy);
  const killedWall = sum(ran.map((r) => r.wallMs)) / 1000;
  return {
    name: 'fold',
    tables: [
      {
        title: `Folding deltas (statistics.fold fired as its timer does): ${n} submissions' deltas over ${f.unions} grassroots unions and ${DAYS} days, twice`,
        columns: ['part', 'deltas', 'runs', 'batches', 'fold s', 'deltas/s', 'recovery s', 'counters checked', 'differences'],
        rows: [
          ['folded', n, f.rate.runs.length, f.rate.batches, f.rate.wallSeconds, f.rate.deltasPerSecond, null, f.rate.counters, f.rate.differences],
          ['killed midway', f.killed.deltas, ran.length, sum(ran.map((r) => r.batches)), round(killedWall, 2), Math.round(f.killed.deltas / killedWall), f.killed.recoverySeconds, f.killed.counters, f.killed.differences],
        ],
        notes: [
          'fold s: wall seconds of the runs that folded (fire to answer); deltas/s: the deltas of the part ÷ those seconds',
          f.killed.instancesKilled === 0
            ? `killed midway: the run had finished before the kill (${f.killed.killedAfterMs} ms after the fire): nothing was recovered`
            : `killed midway: ${f.killed.deltas} more deltas, the fold killed ${f.killed.killedAfterMs} ms into its run (${f.killed.killedRun}); ${f.killed.busyFires} fire(s) after it found the dead run's lease still held; recovery s: from the kill until nothing was left unfolded`,
          "counters checked: the report counters (day and month) and the counters of waiting work the deltas touch (the second part's include the first's), each equal to what the deltas add up to (the domain's applyChange / applyWorkload over their changes); a difference fails the bench",
        ],
      },
      {
        title: 'The fold runs: folding, then the runs after the kill',
        columns: ['part', 'state', 'folded', 'batches', 'left', 'round trips', 'docs written', 'server ms', 'wall ms'],
        rows: [...runRows('folded', f.rate.runs), ...runRows('after kill', f.killed.runs)],
        notes: [`busy: another run held the lease, so this one folded nothing; after a busy run, or one that left a dead run's batch open, the bench waits ${BUSY_WAIT_MS / 1000} s and fires again`],
      },
    ],
    data: f,
  };
}
