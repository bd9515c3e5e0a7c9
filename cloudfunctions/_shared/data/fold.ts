// The fold: adding the steps' deltas (domain/deltas.ts) to the counters, a batch at a time, exactly once.
//
// How a delta folds exactly once, even when a job dies midway or two run at once:
//  1. One fold at a time. A job takes the lease on the cursor document (`folds/counters`) in a transaction:
//     a live lease held by another job means this one does nothing (`busy`); an expired one is taken over.
//     Every later change of the cursor is a transaction that first checks the job still holds the lease, so
//     a job that lost it (it stalled past its lease) stops at its next step.
//  2. A batch is fixed before it is applied: the job writes the batch (its number, one more than the last,
//     and the ids of the deltas in it) into the cursor as `open`. Deltas themselves are never changed.
//  3. Each counter document gets the batch's sum in one write that only applies while the document's `seq`
//     is below the batch's number, and sets `seq` to it (and `lastAdd` to what it added). A new counter is
//     inserted already holding the sum and the mark; a duplicate means a first attempt made it, and the
//     conditional write then finds it marked.
//  4. The cursor closes the batch (`seq` = its number, `open` null) and names its deltas as `removing`; they
//     are removed, and the next change of the cursor clears `removing`. Readers skip the deltas it names.
// A job that dies anywhere leaves the open batch (or the removal) in the cursor; the next job, once the
// lease has expired, runs that same batch again: counters it reached are marked and skip, the others get it.
// A job that stalled and lost its lease may still be writing counters of that batch meanwhile: the marks
// make both writes one. Batches are serialised, so a counter's `seq` only grows and one number per document
// is enough.
import { randomUUID } from 'node:crypto';
import { _, db, rows, transaction, txGet } from '../cloud';
import { DELTAS, FOLD_BATCH, FOLD_LEASE_MS, STATS_FOLDING, sumDeltas, WORKLOAD_FOLDING, type CounterFolding, type DeltaDoc, type FoldState } from '../domain/deltas';
import { isDuplicateKey } from './dbErrors';

export const FOLDS = 'folds';
const CURSOR = 'counters';
const PAGE = 1000;
/** Counter writes in flight at once. */
const WRITERS = 32;

interface CursorDoc {
  _id: string;
  seq: number;
  open: { seq: number; ids: string[] } | null;
  /** the deltas of batch `seq`, applied, being removed */
  removing: string[] | null;
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
  const [c] = await rows<CursorDoc>(db.collection(FOLDS).where({ _id: CURSOR }).field({ seq: true, 'open.seq': true, removing: true }).limit(1));
  return { seq: c?.seq ?? 0, open: c?.open?.seq ?? null, removing: new Set(c?.removing ?? []) };
}

/** Changes the cursor if `runId` holds the lease (or, taking it, if nobody live does); null when it does not. */
async function withLease(runId: string, now: () => Date, change: (c: CursorDoc) => Partial<CursorDoc>, taking = false): Promise<CursorDoc | null> {
  return transaction(async (tx) => {
    const stored = await txGet<CursorDoc>(tx, FOLDS, CURSOR);
    const c: CursorDoc = stored ?? { _id: CURSOR, seq: 0, open: null, removing: null, holder: null, until: null };
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
  await Promise.all(
    Array.from({ length: Math.min(WRITERS, items.length) }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

/** Counters of `ids` not yet marked with batch `seq` (or never marked) get `add` and the mark. */
function markedIncrement(collection: string, ids: readonly string[], increments: Record<string, number>, add: Record<string, number>, seq: number) {
  const inc = Object.fromEntries(Object.entries(increments).map(([path, n]) => [path, _.inc(n)]));
  return db
    .collection(collection)
    .where(_.and([{ _id: _.in([...ids]) }, _.or([{ seq: _.lt(seq) }, { seq: _.exists(false) }])]))
    .update({ data: { ...inc, seq, lastAdd: _.set({ ...add }) } }) as Promise<unknown>;
}

/**
 * One batch's sums written to one kind of counter, each document once (see the design note above). Most
 * counters of a batch get the same few additions (a unit with one submission: received 1, pending 1), so the
 * stored ones are changed a group of equal additions at a time, up to a page of ids per write; new ones are
 * inserted a page at a time, already holding their sum and the mark.
 */
async function applyBatch<C extends { key: { _id: string }; add: Record<string, number> }, D extends { _id: string }>(folding: CounterFolding<C, D>, changes: readonly C[], seq: number): Promise<void> {
  if (!changes.length) return;
  const stored = new Set((await byIds<{ _id: string }>(folding.collection, changes.map((c) => c.key._id), { _id: true })).map((d) => d._id));
  const groups = new Map<string, C[]>();
  for (const c of changes.filter((x) => stored.has(x.key._id))) {
    const key = JSON.stringify(Object.entries(c.add).sort(([a], [b]) => (a < b ? -1 : 1)));
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const writes: (() => Promise<unknown>)[] = [];
  for (const group of groups.values()) {
    for (let i = 0; i < group.length; i += PAGE) {
      const part = group.slice(i, i + PAGE);
      writes.push(() => markedIncrement(folding.collection, part.map((c) => c.key._id), folding.increments(part[0]), part[0].add, seq));
    }
  }
  const fresh = changes.filter((c) => !stored.has(c.key._id));
  for (let i = 0; i < fresh.length; i += PAGE) {
    const part = fresh.slice(i, i + PAGE);
    writes.push(async () => {
      try {
        await db.collection(folding.collection).add({ data: part.map((c) => ({ ...folding.created(c), seq, lastAdd: { ...c.add } })) });
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
        // some were made by an earlier attempt at this batch (or, in MongoDB, by this insert before the
        // duplicate stopped it): one at a time, those already there marked, so they change nothing
        for (const c of part) {
          try {
            await db.collection(folding.collection).add({ data: { ...folding.created(c), seq, lastAdd: { ...c.add } } });
          } catch (err) {
            if (!isDuplicateKey(err)) throw err;
            await markedIncrement(folding.collection, [c.key._id], folding.increments(c), c.add, seq);
          }
        }
      }
    });
  }
  await pooled(writes, (w) => w().then(() => undefined));
}

/** The first `FOLD_BATCH` stored deltas in _id order, a page at a time. */
async function nextBatch(): Promise<DeltaDoc[]> {
  const out: DeltaDoc[] = [];
  for (let after = ''; out.length < FOLD_BATCH; ) {
    const page = await rows<DeltaDoc>(db.collection(DELTAS).where({ _id: _.gt(after) }).orderBy('_id', 'asc').limit(Math.min(PAGE, FOLD_BATCH - out.length)));
    out.push(...page);
    if (page.length < PAGE) break;
    after = page[page.length - 1]._id;
  }
  return out;
}

/** Removes the deltas of an applied batch, a page of ids per write. */
async function removeDeltas(ids: readonly string[]): Promise<void> {
  const pages: Promise<unknown>[] = [];
  for (let i = 0; i < ids.length; i += PAGE) pages.push(db.collection(DELTAS).where({ _id: _.in(ids.slice(i, i + PAGE)) }).remove() as Promise<unknown>);
  await Promise.all(pages);
}

/** Runs batches until no delta is left or `budgetMs` has passed; `now` is the clock the lease is read by. */
export async function fold(budgetMs: number, now: () => Date = () => new Date()): Promise<FoldRun> {
  const runId = randomUUID();
  const started = Date.now();
  let cursor = await withLease(runId, now, () => ({}), true);
  if (!cursor) return { folded: 0, batches: 0, left: await storedCount(), busy: true };
  let folded = 0;
  let batches = 0;
  // a removal a job did not live to finish
  if (cursor.removing) await removeDeltas(cursor.removing);
  while (cursor && Date.now() - started < budgetMs) {
    let open = cursor.open;
    let deltas: DeltaDoc[];
    if (open) deltas = await byIds<DeltaDoc>(DELTAS, open.ids);
    else {
      deltas = await nextBatch();
      if (!deltas.length) break;
      const batch = { seq: cursor.seq + 1, ids: deltas.map((d) => d._id) };
      cursor = await withLease(runId, now, () => ({ open: batch, removing: null }));
      if (!cursor) break;
      open = batch;
    }
    const sums = sumDeltas(deltas);
    await Promise.all([applyBatch(STATS_FOLDING, sums.stats as never, open.seq), applyBatch(WORKLOAD_FOLDING, sums.workload, open.seq)]);
    const done = open;
    cursor = await withLease(runId, now, () => ({ seq: done.seq, open: null, removing: done.ids }));
    if (!cursor) break;
    await removeDeltas(done.ids);
    folded += deltas.length;
    batches += 1;
  }
  if (cursor) await withLease(runId, now, () => ({ holder: null, until: null, removing: null }));
  return { folded, batches, left: await storedCount(), busy: false };
}

async function storedCount(): Promise<number> {
  const r = (await db.collection(DELTAS).count()) as { total: number };
  return r.total;
}
