// The `deltas` collection (domain/deltas.ts): a step's change to the counters written as one document in its
// transaction, and the counters read together with the deltas not yet folded into them, as of one moment of
// the fold (data/fold.ts), so what a reader answers is exact right after a step.
import { _, db, rows, TransactionContended, type Tx } from '../cloud';
import { DELTAS, deltaOf, unfolded, type DeltaDoc, type FoldState } from '../domain/deltas';
import type { CounterFlow } from '../domain/figures';
import type { WorkloadFlow } from '../domain/workload';
import { fold, foldState } from './fold';

const PAGE = 1000;
/** Reads of the fold's state that may find a batch opened or closed in between before a reader gives up. */
const READ_ATTEMPTS = 6;
/** How long a reader that found a backlog lets the fold run before it reads. */
const READER_FOLD_MS = 5_000;

/** Writes the counter flows of a step (or of several taken together) as one delta inside `tx`. */
export async function writeDelta(tx: Tx, stats: readonly CounterFlow[], workload: readonly WorkloadFlow[], now: Date): Promise<void> {
  const delta = deltaOf(stats, workload, now);
  if (delta) await tx.collection(DELTAS).add({ data: delta });
}

/** More unfolded deltas for a reader's orgs than one page: the reader lets the fold catch up first. */
class Backlog extends Error {}

/** The unfolded deltas changing counters of `orgIds`: every one stored but those of an applied batch. */
export async function unfoldedAt(orgIds: readonly string[], state: FoldState): Promise<Pick<DeltaDoc, 'stats' | 'workload'>[]> {
  if (!orgIds.length) return [];
  const page = await rows<DeltaDoc>(db.collection(DELTAS).where({ orgIds: _.in([...new Set(orgIds)]) }).field({ stats: true, workload: true }).limit(PAGE));
  if (page.length === PAGE) throw new Backlog();
  return page.filter((d) => unfolded(d, state));
}

/**
 * Runs `read` (counters and unfolded deltas) between two reads of the fold's state and again when a batch
 * opened or closed in between, so the counters and the deltas it added belong to one moment of the fold.
 * A backlog larger than a page is folded first (a burst is folded as soon as someone reads it).
 */
export async function readCounters<T>(read: (state: FoldState) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const before = await foldState();
    try {
      const result = await read(before);
      const after = await foldState();
      if (after.seq === before.seq && after.open === before.open && after.removing.size === before.removing.size) return result;
    } catch (e) {
      if (!(e instanceof Backlog)) throw e;
      // another job folding: give it a moment
      if ((await fold(READER_FOLD_MS)).busy) await new Promise((r) => setTimeout(r, 200 * attempt));
    }
    if (attempt >= READ_ATTEMPTS) throw new TransactionContended(new Error('the fold kept moving while the counters were read'));
  }
}
