// Reconciliation: the counters of an org's subtree recomputed from its applications and cases (every
// record's contribution, domain/figures.ts, the same rule the steps apply) and compared with the stored
// ones, field by field. An occasional audit: it reads every record of the subtree, a page at a time by
// index. `repair` writes the recomputed counters, each in a transaction that first checks the stored one is
// still what was compared (a step taken meanwhile leaves it for the next run).
import type { Difference } from '../../typings/api/statistics';
import type { Result } from '../../typings/envelope';
import { mayReconcile } from '../_shared/access/statistics';
import { _, db, rows, transaction, txGet } from '../_shared/cloud';
import { loadActor } from '../_shared/data/actor';
import { getOrg } from '../_shared/data/orgs';
import { PAGE, pagesOf } from '../_shared/data/pages';
import { STATS } from '../_shared/data/stats';
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

/** The stored counters of the subtree, paged by _id. */
async function storedCounters(orgId: string): Promise<CounterDoc[]> {
  const out: CounterDoc[] = [];
  for (let after = ''; ; ) {
    const page = await rows<CounterDoc>(db.collection(STATS).where({ orgPath: orgId, _id: _.gt(after) }).orderBy('_id', 'asc').limit(PAGE));
    out.push(...page);
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

export const reconcile = action(z.strictObject({ orgId: z.string().min(1).max(64), repair: z.boolean().optional() }), async (ctx, input): Promise<Result<{ counters: number; records: number; differences: Difference[] }>> => {
  const [actor, org] = await Promise.all([loadActor(ctx.openid), getOrg(input.orgId)]);
  if (!org) return fail('NOT_FOUND', '没有找到该组织');
  if (!mayReconcile(actor, org.path)) return fail('FORBIDDEN', '只有总工会干部和管理员可以核对统计');

  const [applications, cases, stored] = await Promise.all([
    allOfSubtree<CountedApplication & { _id: string }>('applications', 'applicantOrgPath', org._id, {
      ...COUNTED, campaignId: true, campaignKind: true, campaignTitle: true, terms: true, applicantOrgPath: true, amountFen: true, delivery: true, refunds: true,
    }),
    allOfSubtree<CountedCase & { _id: string }>('cases', 'orgPath', org._id, { ...COUNTED, orgPath: true, disputeType: true, workersAffected: true, recoveredFen: true }),
    storedCounters(org._id),
  ]);
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
  for (const counterId of ids) {
    const [s, r] = [counts(storedById.get(counterId)), counts(recomputed.get(counterId))];
    const fields = COUNTER_FIELDS.filter((f) => s[f] !== r[f]);
    for (const field of fields) differences.push({ counterId, field, counter: s[field], recomputed: r[field] });
    if (fields.length) wrong.push(counterId);
  }

  if (input.repair) {
    for (const counterId of wrong) {
      const seen = storedById.get(counterId);
      const target = recomputed.get(counterId) ?? { ...seen!, ...zeroCounts() };
      await transaction(async (tx) => {
        const now = await txGet<CounterDoc>(tx, STATS, counterId);
        if (!sameCounts(counts(now ?? undefined), counts(seen))) return;
        const { _id, ...data } = target;
        await tx.collection(STATS).doc(_id).set({ data });
      });
    }
  }
  return ok({ counters: ids.length, records: records.length, differences });
});
