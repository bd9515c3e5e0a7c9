// Concurrent 金秋助学 submissions through the gateway, as the mini-program sends them: at each level of
// concurrency a fixed number of distinct members submit, that many at a time, on warmed instances (each
// caller has submitted WARM_ROUNDS times first: a fresh instance runs its code unoptimised for its first few
// dozen calls, which is the cold-start section's cost, not the steady state's). The CPU the machine gave the
// level (localcloud, its function instances and this process) shows when it, not the product, is the limit. Throughput, client and server
// latency, every outcome counted (ok, each error code, gateway timeouts and failures), the round trips an ok
// submission took (a transaction retried on a conflict costs more), and afterwards, through the SDK, that
// every ok submission is stored exactly once.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import type { ApplicationDetail, Result } from '../typings/api';
import { sdkDb } from '../test/functions/applicationsFixtures';
import { PEOPLE } from '../test/functions/api';
import { freshStudentAid } from './answers';

import { percentile, round, type BenchOptions, type Section, type Table } from './report';
import type { BenchMember, World } from './world';
import type { InvocationCost } from '../test/harness/localcloud';

interface Submission {
  openid: string;
  /** 'ok', an error code, or what the gateway said: `gateway <errCode>`, `http <status>`, `fetch failed` */
  outcome: string;
  clientMs: number;
  applicationId: string | null;
  invocationId: string | null;
}

/** min, p50, max */
export interface Spread {
  min: number;
  p50: number | null;
  max: number;
}

/** Warm-up submissions per caller before a level is measured. */
const WARM_ROUNDS = 10;

const spread = (xs: number[]): Spread | null => (xs.length ? { min: Math.min(...xs), p50: percentile(xs, 50), max: Math.max(...xs) } : null);
const spreadCell = (s: Spread | null) => (s ? `${s.min}/${s.p50}/${s.max}` : null);

export interface ConcurrencyLevel {
  concurrency: number;
  submissions: number;
  wallSeconds: number;
  /** ok submissions per second of wall time */
  throughput: number;
  outcomes: Record<string, number>;
  clientP50: number | null;
  clientP99: number | null;
  serverP50: number | null;
  serverP99: number | null;
  /** ok submissions whose transaction conflicted and was run again, and the most attempts one took */
  retried: number;
  maxAttempts: number;
  /** round trips of the ok submissions: min, p50, max */
  roundTrips: Spread | null;
  /** documents written by the ok submissions: min, p50, max */
  docsWritten: Spread | null;
  /** ok submissions found stored exactly once */
  storedOnce: number;
  /** submissions the caller saw fail that were stored all the same (a timeout after the commit) */
  storedThoughFailed: number;
  /** invocations that met a cold instance all the same */
  coldStarts: number;
  /** the outcomes of the warm-up submissions (WARM_ROUNDS per caller, the callers at once) */
  warmUp: Record<string, number>;
  /** CPU seconds used per wall second during the level (localcloud, its instances and the bench client), of
   *  `cores`; null where /proc cannot be read */
  coresBusy: number | null;
  /** what localcloud logged for the first few failures */
  failures: string[];
}

export async function measureConcurrentSubmissions(world: World, opts: BenchOptions): Promise<Section> {
  const levels = [1, 8, 16, 32];
  const perLevel = opts.quick ? 160 : 480;
  const results: ConcurrencyLevel[] = [];
  for (const concurrency of levels) {
    const [warmers, members] = [await world.takeMembers(concurrency * WARM_ROUNDS), await world.takeMembers(perLevel)];
    opts.log(`concurrent submissions: ${perLevel} at ${concurrency} at a time`);
    results.push(await level(world, warmers, members, concurrency));
    opts.log(`  ${JSON.stringify(results[results.length - 1])}`);
  }
  const codes = [...new Set(results.flatMap((r) => Object.keys(r.outcomes)))].filter((c) => c !== 'ok').sort();
  const notes = results.flatMap((r) => {
    const out: string[] = [];
    if (r.storedOnce !== (r.outcomes.ok ?? 0)) out.push(`at ${r.concurrency}: ${r.outcomes.ok ?? 0} ok but ${r.storedOnce} stored exactly once`);
    if ((r.warmUp.ok ?? 0) !== r.concurrency * WARM_ROUNDS) out.push(`at ${r.concurrency}: the ${r.concurrency * WARM_ROUNDS} warm-up submissions: ${JSON.stringify(r.warmUp)}`);
    for (const f of r.failures) out.push(`at ${r.concurrency}: ${f}`);
    if (r.coldStarts > 0) out.push(`at ${r.concurrency}: ${r.coldStarts} submission(s) met a cold instance despite the warm-up`);
    if (r.storedThoughFailed > 0) out.push(`at ${r.concurrency}: ${r.storedThoughFailed} submission(s) the caller saw fail were stored all the same`);
    return out;
  });
  notes.push('client ms: the call through the gateway as the caller sees it; server ms: gateway hand-over to result (failed invocations included)');
  notes.push('retried: ok submissions whose transaction conflicted and ran again; max attempts: the most one took (CONFLICT after 8). A submit writes its record, audit entry, messages and one delta document of its own, no counter (the fold applies the deltas later), so distinct members\' submissions share no document to conflict on');
  notes.push('round trips and documents written of the ok submissions (min/p50/max): each attempt of the transaction repeats its reads and writes');
  notes.push('server ms includes waiting for a free instance: localcloud runs at most 16 of a function at once, beyond that callers queue');
  notes.push(`cores busy: CPU seconds per wall second of localcloud, its function instances and the bench client during the level, of the machine's ${os.availableParallelism()} cores: one machine runs every instance here, where CloudBase gives each instance its own share of CPU, so once it is near the cores, more callers queue for them instead of adding throughput`);
  const burst = await foldKilledThenReconcile(world, opts);
  const table: Table = {
    title: `Concurrent 金秋助学 submissions through the gateway (${perLevel} per level, distinct members)`,
    columns: ['concurrency', 'ok', ...codes, 'ok/s', 'cores busy', 'client p50', 'client p99', 'server p50', 'server p99', 'retried', 'max attempts', 'round trips', 'written', 'stored once'],
    rows: results.map((r) => [
      r.concurrency,
      r.outcomes.ok ?? 0,
      ...codes.map((c) => r.outcomes[c] ?? 0),
      r.throughput,
      r.coresBusy,
      r.clientP50,
      r.clientP99,
      r.serverP50,
      r.serverP99,
      r.retried,
      r.maxAttempts,
      spreadCell(r.roundTrips),
      spreadCell(r.docsWritten),
      r.storedOnce,
    ]),
    notes,
  };
  const burstTable: Table = {
    title: 'After the burst: the fold killed midway, resumed, and the county reconciled',
    columns: ['deltas', 'killed', 'batch open at the kill', 'recovery s', 'counters', 'records', 'differences'],
    rows: [[burst.deltas, burst.killed, burst.openAtKill ? 'yes' : 'no', burst.recoverySeconds, burst.counters, burst.records, burst.differences]],
    notes: [
      'deltas: what the submissions above (and the actions measured before them) left unfolded; the fold timer is fired, killed once it has fixed a batch, fired again until the dead run\'s lease has run out and its batch is taken over; then statistics.reconcile of the county (as its federation officer) recomputes every counter from the records and compares',
      ...(burst.differences ? [`first differences: ${JSON.stringify(burst.first)}`] : []),
    ],
  };
  return { name: 'concurrency', tables: [table, burstTable], data: { perLevel, levels: results, burst } };
}

interface BurstCheck {
  deltas: number;
  killed: number;
  openAtKill: boolean;
  recoverySeconds: number;
  counters: number;
  records: number;
  differences: number;
  first: unknown[];
}

/** The deltas the burst left: the fold fired and killed once it has fixed a batch, then fired until they are
 *  all folded (a dead run's batch is taken over once its lease runs out); reconcile must then find nothing. */
async function foldKilledThenReconcile(world: World, opts: BenchOptions): Promise<BurstCheck> {
  const db = sdkDb(world.lc);
  const stored = async () => ((await db.collection('deltas').count()) as unknown as { total: number }).total;
  const open = async () => Boolean(((await db.collection('folds').where({ _id: 'counters' }).get()) as unknown as { data: { open: unknown }[] }).data[0]?.open);
  const fire = () => fetch(`${world.lc.url}/__localcloud/timers/statistics/fold/fire`, { method: 'POST' }).then((r) => r.json() as Promise<{ result?: { data?: { left: number; busy: boolean } } }>);
  const deltas = await stored();
  const running = fire().catch(() => null);
  for (let i = 0; i < 400 && !(await open()); i++) await new Promise((r) => setTimeout(r, 5));
  const openAtKill = await open();
  const { killed } = await world.lc.postJson<{ killed: number }>('/__localcloud/functions/statistics/kill');
  await running;
  const killedAt = Date.now();
  for (let i = 0; i < 60 && (await stored()) > 0; i++) {
    const run = await fire();
    if (run.result?.data?.busy) await new Promise((r) => setTimeout(r, 2000)); // the dead run's lease: 30 s
  }
  const recoverySeconds = round((Date.now() - killedAt) / 1000, 1);
  if ((await stored()) > 0) throw new Error('the fold never folded the burst after it was killed');
  const reply = await world.lc.call<Result<{ counters: number; records: number; differences: unknown[] }>>('statistics', { action: 'reconcile', orgId: 'org-county' }, PEOPLE.fedOfficer);
  const result = reply.body.result;
  if (!result?.ok) throw new Error(`statistics.reconcile failed: ${JSON.stringify(reply.body).slice(0, 300)}`);
  opts.log(`burst: ${deltas} deltas, killed ${killed} (batch open: ${openAtKill}), recovered in ${recoverySeconds} s, ${result.data.differences.length} differences`);
  return { deltas, killed, openAtKill, recoverySeconds, counters: result.data.counters, records: result.data.records, differences: result.data.differences.length, first: result.data.differences.slice(0, 3) };
}

async function submitOnce(world: World, member: BenchMember): Promise<Submission> {
  const started = performance.now();
  const done = (outcome: string, invocationId: string | null, applicationId: string | null = null): Submission => ({
    openid: member.openid,
    outcome,
    clientMs: Math.round(performance.now() - started),
    applicationId,
    invocationId,
  });
  try {
    const event = { action: 'submit', campaignId: world.campaigns.studentAid, requestKey: randomUUID(), answers: freshStudentAid(member.fileId) };
    const reply = await world.lc.call<Result<{ application: ApplicationDetail }>>('applications', event, member.openid);
    if (reply.status !== 200) return done(`http ${reply.status}`, reply.invocationId);
    const result = reply.body.result;
    if (!result) return done(`gateway ${reply.body.errCode}`, reply.invocationId);
    return result.ok ? done('ok', reply.invocationId, result.data.application.applicationId) : done(result.error.code, reply.invocationId);
  } catch {
    return done('fetch failed', null);
  }
}

/** `members` submit, `concurrency` at a time, after `warmers` (one per caller) have submitted at once: as many
 *  instances as callers (localcloud caps them per function; beyond, callers queue), each past its first
 *  submission, which costs several times a later one (cold starts are the functions section's). */
async function level(world: World, warmers: BenchMember[], members: BenchMember[], concurrency: number): Promise<ConcurrencyLevel> {
  const warm = await submitAll(world, warmers, concurrency);
  const cpuBefore = cpuMs(world);
  const started = performance.now();
  const done = await submitAll(world, members, concurrency);
  const wallSeconds = (performance.now() - started) / 1000;
  const cpuAfter = cpuMs(world);
  const costs = new Map<string, InvocationCost>();
  for (const s of done) if (s.invocationId) costs.set(s.invocationId, await world.lc.cost(s.invocationId));
  const ok = done.filter((s) => s.outcome === 'ok');
  const okCosts = ok.map((s) => costs.get(s.invocationId!)!);
  const okAttempts = okCosts.map((c) => c.byAction['database.startTransaction'] ?? 0);
  const server = [...costs.values()].map((c) => c.durationMs);
  const client = done.map((s) => s.clientMs);
  const outcomes = countOutcomes(done);
  const stored = await storedApplications(world, members.map((m) => m.openid));
  return {
    concurrency,
    submissions: done.length,
    wallSeconds: round(wallSeconds, 1),
    throughput: round(ok.length / wallSeconds, 1),
    outcomes,
    clientP50: percentile(client, 50),
    clientP99: percentile(client, 99),
    serverP50: percentile(server, 50),
    serverP99: percentile(server, 99),
    retried: okAttempts.filter((a) => a > 1).length,
    maxAttempts: Math.max(0, ...okAttempts),
    roundTrips: spread(okCosts.map((c) => c.total)),
    docsWritten: spread(okCosts.map((c) => c.docsWritten)),
    storedOnce: ok.filter((s) => stored.get(s.openid)?.length === 1 && stored.get(s.openid)?.[0] === s.applicationId).length,
    coldStarts: [...costs.values()].filter((c) => c.loadMs !== null).length,
    warmUp: countOutcomes(warm),
    coresBusy: cpuBefore !== null && cpuAfter !== null ? round((cpuAfter - cpuBefore) / 1000 / wallSeconds, 2) : null,
    failures: failureLines(world, [...warm, ...done]),
    storedThoughFailed: done.filter((s) => s.outcome !== 'ok' && (stored.get(s.openid)?.length ?? 0) > 0).length,
  };
}

/** `members` submit, `concurrency` at a time. */
async function submitAll(world: World, members: BenchMember[], concurrency: number): Promise<Submission[]> {
  const queue = [...members];
  const done: Submission[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let m = queue.shift(); m; m = queue.shift()) done.push(await submitOnce(world, m));
    }),
  );
  return done;
}

/** CPU ms used so far by localcloud, its live instances and this process (Linux's /proc); null elsewhere. */
function cpuMs(world: World): number | null {
  const pid = world.lc.pid;
  if (pid === null || !fs.existsSync(`/proc/${pid}/stat`)) return null;
  const ticks = 1000 / 100; // USER_HZ, 100 on Linux
  const stat = (p: number | string) => {
    try {
      return fs.readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
    } catch {
      return null; // a process that has just exited
    }
  };
  const used = (f: string[] | null) => (f ? (Number(f[11]) + Number(f[12])) * ticks : 0);
  const instances = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d) && stat(d)?.[1] === String(pid));
  return used(stat(pid)) + used(stat(process.pid)) + instances.reduce((sum, p) => sum + used(stat(p)), 0);
}

function countOutcomes(submissions: Submission[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of submissions) out[s.outcome] = (out[s.outcome] ?? 0) + 1;
  return out;
}

/** What localcloud logged for the first few failed invocations (a thrown error's first lines). */
function failureLines(world: World, submissions: Submission[]): string[] {
  const lines = world.lc.output.split('\n');
  return submissions
    .filter((s) => s.outcome !== 'ok' && s.invocationId)
    .slice(0, 5)
    .map((s) => `${s.outcome}: ${lines.filter((l) => l.includes(s.invocationId!)).slice(0, 3).join(' | ').slice(0, 600)}`);
}

/** The 金秋助学 applications of these members, read through the SDK: their ids by applicant. */
async function storedApplications(world: World, openids: string[]): Promise<Map<string, string[]>> {
  const db = sdkDb(world.lc);
  const _ = db.command;
  const out = new Map<string, string[]>();
  for (let i = 0; i < openids.length; i += 100) {
    const res = (await db
      .collection('applications')
      .where({ campaignId: world.campaigns.studentAid, applicantOpenid: _.in(openids.slice(i, i + 100)) })
      .field({ _id: true, applicantOpenid: true })
      .limit(1000)
      .get()) as unknown as { data: { _id: string; applicantOpenid: string }[] };
    for (const a of res.data) out.set(a.applicantOpenid, [...(out.get(a.applicantOpenid) ?? []), a._id]);
  }
  return out;
}
