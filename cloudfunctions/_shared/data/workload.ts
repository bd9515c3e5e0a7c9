// The `workload` collection: the counters of waiting work (domain/workload.ts), changed by the fold from the
// steps' deltas, and read by org a page at a time together with the deltas not yet folded.
import { _, db, rows } from '../cloud';
import { asBeforeBatch, WORKLOAD_FOLDING, type FoldState } from '../domain/deltas';
import { applyWorkload, expandWorkload, sumWorkload, type CounterSum, type WorkloadDoc } from '../domain/workload';
import { readCounters, unfoldedAt } from './deltas';

export const WORKLOAD = 'workload';
const PAGE = 1000; // the server SDK's largest page

export interface WorkloadQuery {
  orgIds: readonly string[];
  /** only these subjects (campaign ids, legalAid, membership); all when absent */
  subjects?: readonly string[];
  /** only the documents counting something that waits for an officer (the workbench, the reminders) */
  waitingOnly?: boolean;
}

/** The stored counters at some orgs as they stood before the fold's open batch, paged by _id. */
async function storedAt(q: WorkloadQuery, state: FoldState): Promise<WorkloadDoc[]> {
  const where = {
    orgId: _.in([...new Set(q.orgIds)]),
    ...(q.subjects && { subject: _.in([...new Set(q.subjects)]) }),
    // while a batch is applied a counter it emptied may still count before it: read them all then
    ...(q.waitingOnly && state.open === null && { waiting: _.gt(0) }),
  };
  const out: WorkloadDoc[] = [];
  for (let after = ''; ; ) {
    const page = await rows<WorkloadDoc>(
      db.collection(WORKLOAD).where({ ...where, _id: _.gt(after) }).orderBy('_id', 'asc').limit(PAGE).field({ subject: true, orgId: true, ownerPath: true, counts: true, seq: true, lastAdd: true }),
    );
    out.push(...page.map((d) => asBeforeBatch(WORKLOAD_FOLDING, d, state.open)));
    if (page.length < PAGE) return out;
    after = page[page.length - 1]._id;
  }
}

/** The counters at some orgs with the steps not yet folded into them: how much a read costs is bounded by
 *  orgs × subjects and the deltas of the last minute, never by the records counted. */
export async function workloadAt(q: WorkloadQuery): Promise<CounterSum[]> {
  if (!q.orgIds.length || q.subjects?.length === 0) return [];
  const orgs = new Set(q.orgIds);
  const subjects = q.subjects && new Set(q.subjects);
  return readCounters(async (state) => {
    const [stored, deltas] = await Promise.all([storedAt(q, state), unfoldedAt(q.orgIds, state)]);
    const unfolded = expandWorkload(deltas.flatMap((d) => d.workload)).filter((c) => orgs.has(c.key.orgId) && (!subjects || subjects.has(c.key.subject)));
    return sumWorkload([...stored, ...unfolded.map((c) => applyWorkload(null, c))]);
  });
}
