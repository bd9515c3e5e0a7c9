// Reconciliation: the counters of an org's subtree recomputed from its applications and cases (every
// record's contribution, domain/figures.ts, the same rule the steps apply) and compared with the stored
// ones plus the steps' deltas not yet folded into them, field by field. It lets the fold catch up first. An
// occasional audit: it reads every record of the subtree, a page at a time by index. `repair` writes each
// wrong counter as the recomputation less what unfolded deltas will still add to it, in a transaction that
// first checks the stored one is still what was compared (a step or a fold meanwhile leaves it for the next
// run); it repairs nothing while a fold batch is half applied.
import type { Difference } from '../../typings/api/statistics';
import type { Result } from '../../typings/envelope';
import { mayReconcile } from '../_shared/access/statistics';
import { _, db, rows, transaction, txGet } from '../_shared/cloud';
import { loadActor } from '../_shared/data/actor';
import { getOrg } from '../_shared/data/orgs';
import { PAGE, pagesOf } from '../_shared/data/pages';
import { readCounters, unfoldedAt } from '../_shared/data/deltas';
import { fold } from '../_shared/data/fold';
import { STATS } from '../_shared/data/stats';
import { asBeforeBatch, STATS_FOLDING, sumDeltas, type FoldState } from '../_shared/domain/deltas';
import {
  COUNTER_FIELDS,
  recomputeCounters,
  zeroCounts,
  type Counted,
  type CountedApplication,
  type CountedCase,
  type CounterDoc,
  type Counts,
} from '../_shared/domain/figures';
import { action, fail, ok } from '../_shared/function';
import { z } from '../_shared/validation';

/** Every document of `collection` where `field` (an org path) contains `orgId`, a page at a time. */
async function allOfSubtree<T extends { _id: string; createdAt: Date }>(collection: string, field: string, orgId: string, projection: Record<string, true>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pagesOf<T>(collection, { [field]: orgId }, projection)) out.push(...page);
  return out;
}

/** The stored counters of the subtree as they stood before the fold's open batch, paged by _id. */
async function storedCounters(orgId: string, state: FoldState): Promise<CounterDoc[]> {
  const out: CounterDoc[] = [];
  for (let after = ''; ; ) {
    const page = await rows<CounterDoc>(db.collection(STATS).where({ orgPath: orgId, _id: _.gt(after) }).orderBy('_id', 'asc').limit(PAGE));
    out.push(...page.map((d) => asBeforeBatch(STATS_FOLDING, d, state.open)));
    if (page.length < PAGE) return out;
    after = page[page.length - 1]._id;
  }
}

const COUNTED = { _id: true, status: true, history: true, createdAt: true } as const;

const counts = (d: Partial<Counts> | undefined): Counts => {
  const c = zeroCounts();
  for (const f of COUNTER_FIELDS) c[f] = d?.[f] ?? 0;
  return c;
};
const sameCounts = (a: Counts, b: Counts) => COUNTER_FIELDS.every((f) => a[f] === b[f]);

/** How long reconciliation lets the fold run before it reads: a backlog of a minute folds well within it. */
const CATCH_UP_MS = 20_000;

/** Folds what is pending (unless another run is folding it), so that few deltas are left to add. */
async function catchUp(): Promise<void> {
  const deadline = Date.now() + CATCH_UP_MS;
  let run = await fold(CATCH_UP_MS);
  while (run.left > 0 && !run.busy && Date.now() < deadline) run = await fold(deadline - Date.now());
}

export const reconcile = action(z.strictObject({ orgId: z.string().min(1).max(64), repair: z.boolean().optional() }), async (ctx, input): Promise<Result<{ counters: number; records: number; differences: Difference[] }>> => {
  const [actor, org] = await Promise.all([loadActor(ctx.openid), getOrg(input.orgId)]);
  if (!org) return fail('NOT_FOUND', '没有找到该组织');
  if (!mayReconcile(actor, org.path)) return fail('FORBIDDEN', '只有总工会干部和管理员可以核对统计');

  await catchUp();
  const { state, applications, cases, stored, unfolded } = await readCounters(async (state) => {
    const [applications, cases, stored, deltas] = await Promise.all([
      allOfSubtree<CountedApplication & { _id: string }>('applications', 'applicantOrgPath', org._id, {
        ...COUNTED, campaignId: true, campaignKind: true, campaignTitle: true, terms: true, applicantOrgPath: true, amountFen: true, delivery: true, refunds: true,
      }),
      allOfSubtree<CountedCase & { _id: string }>('cases', 'orgPath', org._id, { ...COUNTED, orgPath: true, disputeType: true, workersAffected: true, recoveredFen: true }),
      storedCounters(org._id, state),
      unfoldedAt([org._id], state),
    ]);
    // what the deltas not yet folded will add, per counter
    return { state, applications, cases, stored, unfolded: new Map(sumDeltas(deltas).stats.map((c) => [c.key._id, c.add])) };
  });
  const records: Counted[] = [
    ...applications.map((record): Counted => ({ collection: 'applications', record })),
    ...cases.map((record): Counted => ({ collection: 'cases', record })),
  ];
  // the records of the subtree also count for the orgs above it: only the subtree's counters are compared
  const recomputed = new Map(recomputeCounters(records).filter((d) => d.orgPath.includes(org._id)).map((d) => [d._id, d]));
  const storedById = new Map(stored.map((d) => [d._id, d]));
  const ids = [...new Set([...storedById.keys(), ...recomputed.keys()])].sort();

  const differences: Difference[] = [];
  const wrong: string[] = [];
  const expected = (counterId: string): Counts => {
    const c = counts(storedById.get(counterId));
    for (const [f, n] of Object.entries(unfolded.get(counterId) ?? {})) c[f as keyof Counts] += n ?? 0;
    return c;
  };
  for (const counterId of ids) {
    const [s, r] = [expected(counterId), counts(recomputed.get(counterId))];
    const fields = COUNTER_FIELDS.filter((f) => s[f] !== r[f]);
    for (const field of fields) differences.push({ counterId, field, counter: s[field], recomputed: r[field] });
    if (fields.length) wrong.push(counterId);
  }

  if (input.repair && state.open === null) {
    for (const counterId of wrong) {
      const seen = storedById.get(counterId);
      const target = { ...(recomputed.get(counterId) ?? { ...seen!, ...zeroCounts() }) };
      for (const [f, n] of Object.entries(unfolded.get(counterId) ?? {})) target[f as keyof Counts] -= n ?? 0;
      await transaction(async (tx) => {
        const now = await txGet<CounterDoc>(tx, STATS, counterId);
        if (!sameCounts(counts(now ?? undefined), counts(seen))) return;
        const { _id, ...data } = { ...target, ...(now?.seq !== undefined && { seq: now.seq, lastAdd: now.lastAdd }) };
        await tx.collection(STATS).doc(_id).set({ data });
      });
    }
  }
  return ok({ counters: ids.length, records: records.length, differences });
});
