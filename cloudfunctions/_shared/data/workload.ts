// The `workload` collection: the counters of waiting work (domain/workload.ts), changed in the transaction of
// every step, and read by org a page at a time.
import { _, db, rows, txApply, type Tx } from '../cloud';
import { applyWorkload, sumWorkload, type CounterSum, type WorkloadChange, type WorkloadDoc } from '../domain/workload';

export const WORKLOAD = 'workload';
const PAGE = 1000; // the server SDK's largest page

/** Applies counter changes inside `tx`: one read and one write per counter document, issued together. */
export function applyWorkloadChanges(tx: Tx, changes: readonly WorkloadChange[]): Promise<void> {
  return txApply<WorkloadDoc, WorkloadChange>(tx, WORKLOAD, changes, applyWorkload);
}

export interface WorkloadQuery {
  orgIds: readonly string[];
  /** only these subjects (campaign ids, legalAid, membership); all when absent */
  subjects?: readonly string[];
  /** only the documents counting something that waits for an officer (the workbench, the reminders) */
  waitingOnly?: boolean;
}

/** The counters at some orgs, summed over their shards: how much a read costs is bounded by orgs × subjects ×
 *  shards, never by the records counted; paged by _id. */
export async function workloadAt(q: WorkloadQuery): Promise<CounterSum[]> {
  if (!q.orgIds.length || q.subjects?.length === 0) return [];
  const where = {
    orgId: _.in([...new Set(q.orgIds)]),
    ...(q.subjects && { subject: _.in([...new Set(q.subjects)]) }),
    ...(q.waitingOnly && { waiting: _.gt(0) }),
  };
  const out: WorkloadDoc[] = [];
  for (let after = ''; ; ) {
    const page = await rows<WorkloadDoc>(
      db.collection(WORKLOAD).where({ ...where, _id: _.gt(after) }).orderBy('_id', 'asc').limit(PAGE).field({ subject: true, orgId: true, ownerPath: true, counts: true }),
    );
    out.push(...page);
    if (page.length < PAGE) return sumWorkload(out);
    after = page[page.length - 1]._id;
  }
}
