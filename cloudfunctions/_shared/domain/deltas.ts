// A step's change to the counters — the report counters (figures.ts) and the counters of waiting work
// (workload.ts) — as one delta document, written in the step's own transaction instead of the counter
// documents themselves, and the pure rules of folding deltas into the counters (data/fold.ts runs them).
//
// Why: a step used to read and write every counter on its record's path (the day's and the month's of each
// org, and the waiting work of each) inside its transaction — most of its round trips, and the documents
// every concurrent step of a busy day wrote, so their transactions conflicted and ran again. A delta is one
// new document per step: nothing two steps share.
//
// A delta is packed: what the step adds per campaign, org path and day (figures.ts CounterFlow) and per
// subject and org path (workload.ts WorkloadFlow), a few hundred bytes; the fold expands a whole batch of
// them at once into one sum per counter document.
//
// A fold applies a batch of deltas (numbered by `seq`, one batch at a time) to each counter document with
// one conditional increment that also marks the document with the batch's `seq` and what it added
// (`lastAdd`): a document already marked with that batch or a later one is not changed again, so a batch
// applied twice (a job that died midway, resumed) adds once. Readers add every delta still stored except
// those of a batch already applied and not yet removed (FoldState.removing); while a batch is being applied
// they take each counter as it stood before it (asBeforeBatch: its counts less `lastAdd` where it carries
// the batch's mark), its deltas being still there to add, so a reader never counts a delta twice or misses
// one, however far the fold has got.
import { applyChange, expandFlows, type CounterChange, type CounterDoc, type CounterFlow } from './figures';
import { applyWorkload, expandWorkload, WAITING_STATUSES, type WorkloadChange, type WorkloadDoc, type WorkloadFlow } from './workload';

export const DELTAS = 'deltas';
/** A fold job renews its lease at each batch; one that has not for this long is taken to be dead. */
export const FOLD_LEASE_MS = 30_000;
/** Deltas per fold batch: the more, the more of them share each counter write. */
export const FOLD_BATCH = 10_000;

/** What the fold leaves on a counter document: the last batch applied to it and what that batch added. */
export interface FoldMark {
  seq?: number;
  lastAdd?: Record<string, number>;
}

/** A step's change to the counters, written once and never changed; removed once folded. */
export interface DeltaDoc {
  _id: string;
  at: Date;
  /** every org whose counters it changes: readers find the deltas of their orgs by it */
  orgIds: string[];
  stats: CounterFlow[];
  workload: WorkloadFlow[];
}

/** The delta of a step's counter flows, or null when it changes no counter. */
export function deltaOf(stats: readonly CounterFlow[], workload: readonly WorkloadFlow[], at: Date): Omit<DeltaDoc, '_id'> | null {
  if (!stats.length && !workload.length) return null;
  const orgIds = [...new Set([...stats.flatMap((f) => f.orgPath), ...workload.flatMap((f) => f.orgPath)])];
  return { at, orgIds, stats: [...stats], workload: [...workload] };
}

type Change = { key: { _id: string }; add: Record<string, number> };

/** The changes of many deltas, summed per counter document: what a batch writes, one write per document. */
export function sumDeltas(deltas: readonly Pick<DeltaDoc, 'stats' | 'workload'>[]): { stats: CounterChange[]; workload: WorkloadChange[] } {
  return { stats: expandFlows(deltas.flatMap((d) => d.stats)), workload: expandWorkload(deltas.flatMap((d) => d.workload)) };
}

/** How a fold writes one kind of counter: the document a change makes from nothing, and the fields it
 *  increments on a stored one (dotted paths). */
export interface CounterFolding<C extends Change, D extends { _id: string }> {
  collection: string;
  created(change: C): D;
  increments(change: C): Record<string, number>;
  /** a counter as the change left it, from what it was */
  apply(stored: D | null, change: C): D;
}

export const STATS_FOLDING: CounterFolding<CounterChange & Change, CounterDoc> = {
  collection: 'stats',
  created: (c) => applyChange(null, c),
  increments: (c) => ({ ...c.add }) as Record<string, number>,
  apply: applyChange,
};

export const WORKLOAD_FOLDING: CounterFolding<WorkloadChange, WorkloadDoc> = {
  collection: 'workload',
  created: (c) => applyWorkload(null, c),
  increments: (c) => {
    const inc: Record<string, number> = {};
    for (const [status, n] of Object.entries(c.add)) inc[`counts.${status}`] = n;
    const waiting = WAITING_STATUSES.reduce((s, st) => s + (c.add[st] ?? 0), 0);
    if (waiting) inc.waiting = waiting;
    return inc;
  },
  apply: applyWorkload,
};

/** The fold's progress as readers see it: the last batch applied whole, the one being applied (if any), and
 *  the deltas of the last one that are applied but not yet removed. */
export interface FoldState {
  seq: number;
  open: number | null;
  removing: ReadonlySet<string>;
}

/** A counter as it stood before the open batch: less what the batch added, where the batch reached it. */
export function asBeforeBatch<C extends Change, D extends { _id: string } & FoldMark>(folding: CounterFolding<C, D>, doc: D, open: number | null): D {
  if (open === null || doc.seq !== open || !doc.lastAdd) return doc;
  const negated = Object.fromEntries(Object.entries(doc.lastAdd).map(([f, n]) => [f, -n]));
  const { _id, seq, lastAdd, ...key } = doc;
  void seq;
  void lastAdd;
  return folding.apply(doc, { key: { _id, ...key }, add: negated } as unknown as C);
}

/** Whether a reader adds a stored delta to the counters it read: unless its batch was applied already. */
export const unfolded = (d: Pick<DeltaDoc, '_id'>, fold: FoldState): boolean => !fold.removing.has(d._id);
