// The fold: adding the steps' deltas (domain/deltas.ts) to the counters, a batch at a time, exactly once.
//
// How a delta folds exactly once, even when a job dies midway or two run at once:
//  1. One fold at a time. A job takes the lease on the cursor document (`folds/counters`) in a transaction:
//     a live lease held by another job means this one does nothing (`busy`); an expired one is taken over.
//     Every later change of the cursor is a transaction that first checks the job still holds the lease, so
//     a job that lost it (it stalled past its lease) stops at its next step.
//  2. A batch is fixed before it is applied: the job writes the batch (its number, one more than the last,
//     and the ids of the deltas in it) into the cursor as `open`, then marks those deltas claimed by it.
//  3. Each counter document gets the batch's sum in one write that only applies while the document's `seq`
//     is below the batch's number, and sets `seq` to it (and `lastAdd` to what it added). A new counter is
//     inserted already holding the sum and the mark; a duplicate means a first attempt made it, and the
//     conditional write then finds it marked.
//  4. The cursor closes the batch (`seq` = its number, `open` null), then its deltas are removed.
// A job that dies anywhere leaves the open batch in the cursor; the next job, once the lease has expired,
// runs that same batch again: counters it reached are marked and skip, the others get it. A job that stalled
// and lost its lease may still be writing counters of that batch meanwhile: the marks make both writes one.
// Batches are serialised, so a counter's `seq` only grows and one number per document is enough.
import { randomUUID } from 'node:crypto';
import { _, db, rows, transaction, txGet } from '../cloud';
import { DELTAS, STATS_FOLDING, sumDeltas, WORKLOAD_FOLDING, type CounterFolding, type DeltaDoc, type FoldState } from '../domain/deltas';
import { isDuplicateKey } from './dbErrors';

export const FOLDS = 'folds';
const CURSOR = 'counters';
/** A job renews its lease at each batch; one that has not for this long is taken to be dead. */
export const FOLD_LEASE_MS = 30_000;
/** Deltas per batch: one page of the server SDK. */
const BATCH = 1000;
const PAGE = 1000;
/** Counter writes in flight at once. */
const WRITERS = 32;

interface CursorDoc {
  _id: string;
  seq: number;
  open: { seq: number; ids: string[] } | null;
  holder: string | null;
  until: Date | null;
}

export interface FoldRun {
  folded: number;
  batches: number;
  left: number;
  busy: boolean;
}

/** The fold's progress, as readers of the counters need it. */
export async function foldState(): Promise<FoldState> {
  const [c] = await rows<CursorDoc>(db.collection(FOLDS).where({ _id: CURSOR }).field({ seq: true, 'open.seq': true }).limit(1));
  return { seq: c?.seq ?? 0, open: c?.open?.seq ?? null };
}

/** Changes the cursor if `runId` holds the lease (or, taking it, if nobody live does); null when it does not. */
async function withLease(runId: string, now: () => Date, change: (c: CursorDoc) => Partial<CursorDoc>, taking = false): Promise<CursorDoc | null> {
  return transaction(async (tx) => {
    const stored = await txGet<CursorDoc>(tx, FOLDS, CURSOR);
    const c: CursorDoc = stored ?? { _id: CURSOR, seq: 0, open: null, holder: null, until: null };
    const at = now();
    const live = c.holder !== null && c.until !== null && new Date(c.until) > at;
    if (taking ? live && c.holder !== runId : c.holder !== runId) return null;
    const next = { ...c, holder: runId, until: new Date(at.getTime() + FOLD_LEASE_MS), ...change(c) };
    const { _id, ...data } = next;
    await tx.collection(FOLDS).doc(_id).set({ data });
    return next;
  });
}

/** Documents of `collection` by id, a page at a time. */
async function byIds<T>(collection: string, ids: readonly string[], field?: Record<string, true>): Promise<T[]> {
  const pages: Promise<T[]>[] = [];
  for (let i = 0; i < ids.length; i += PAGE) {
    const q = db.collection(collection).where({ _id: _.in(ids.slice(i, i + PAGE)) });
    pages.push(rows<T>((field ? q.field(field) : q).limit(PAGE)));
  }
  return (await Promise.all(pages)).flat();
}

/** Runs `work` over `items`, `WRITERS` at a time. */
async function pooled<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(WRITERS, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

/** One batch's sums written to one kind of counter, each document once (see the design note above). */
async function applyBatch<C extends { key: { _id: string }; add: Record<string, number> }, D extends { _id: string }>(folding: CounterFolding<C, D>, changes: readonly C[], seq: number): Promise<void> {
  if (!changes.length) return;
  const coll = db.collection(folding.collection);
  const stored = new Set((await byIds<{ _id: string }>(folding.collection, changes.map((c) => c.key._id), { _id: true })).map((d) => d._id));
  const conditional = async (c: C) => {
    const inc = Object.fromEntries(Object.entries(folding.increments(c)).map(([path, n]) => [path, _.inc(n)]));
    await coll.where(_.or([{ _id: c.key._id, seq: _.lt(seq) }, { _id: c.key._id, seq: _.exists(false) }])).update({ data: { ...inc, seq, lastAdd: _.set({ ...c.add }) } });
  };
  const created = async (c: C) => {
    try {
      await coll.add({ data: { ...folding.created(c), seq, lastAdd: { ...c.add } } });
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      await conditional(c); // made by an earlier attempt at this batch: marked, so this changes nothing
    }
  };
  await pooled(changes, (c) => (stored.has(c.key._id) ? conditional(c) : created(c)));
}

/** Runs batches until nothing is pending or `budgetMs` has passed; `now` is the clock the lease is read by. */
export async function fold(budgetMs: number, now: () => Date = () => new Date()): Promise<FoldRun> {
  const runId = randomUUID();
  const started = Date.now();
  let cursor = await withLease(runId, now, () => ({}), true);
  if (!cursor) return { folded: 0, batches: 0, left: await pendingCount(), busy: true };
  let folded = 0;
  let batches = 0;
  // deltas of closed batches whose removal a job did not live to make
  await db.collection(DELTAS).where({ state: 'claimed', batch: _.lte(cursor.seq) }).remove();
  while (cursor && Date.now() - started < budgetMs) {
    let open = cursor.open;
    if (!open) {
      const ids = (await rows<{ _id: string }>(db.collection(DELTAS).where({ state: 'pending' }).orderBy('_id', 'asc').field({ _id: true }).limit(BATCH))).map((d) => d._id);
      if (!ids.length) break;
      const seq = cursor.seq + 1;
      cursor = await withLease(runId, now, () => ({ open: { seq, ids } }));
      if (!cursor) break;
      open = { seq, ids };
    }
    await db.collection(DELTAS).where({ _id: _.in(open.ids), state: 'pending' }).update({ data: { state: 'claimed', batch: open.seq } });
    const deltas = (await byIds<DeltaDoc>(DELTAS, open.ids)).filter((d) => d.batch === open.seq);
    const sums = sumDeltas(deltas);
    await Promise.all([applyBatch(STATS_FOLDING, sums.stats as never, open.seq), applyBatch(WORKLOAD_FOLDING, sums.workload, open.seq)]);
    const done = open.seq;
    cursor = await withLease(runId, now, () => ({ seq: done, open: null }));
    if (!cursor) break;
    await db.collection(DELTAS).where({ batch: done }).remove();
    folded += deltas.length;
    batches += 1;
  }
  if (cursor) await withLease(runId, now, () => ({ holder: null, until: null }));
  return { folded, batches, left: await pendingCount(), busy: false };
}

async function pendingCount(): Promise<number> {
  const r = (await db.collection(DELTAS).where({ state: 'pending' }).count()) as { total: number };
  return r.total;
}
