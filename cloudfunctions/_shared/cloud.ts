// The one wx-server-sdk instance of a function, initialised for the environment the function runs in.
import cloud from 'wx-server-sdk';

// DYNAMIC_CURRENT_ENV is a symbol the SDK resolves at call time; its typings only admit strings.
// throwOnNotFound off: doc(id).get() of a missing document answers { data: null } instead of throwing, so
// "not found" is a value the handlers turn into NOT_FOUND.
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string, throwOnNotFound: false } as Parameters<typeof cloud.init>[0]);

export { cloud };
export const db = cloud.database();
export const _ = db.command;

/** The documents a query returns. (wx-server-sdk's typings give get() a callback-style union type.) */
export async function rows<T>(query: { get(): unknown }): Promise<T[]> {
  const res = (await query.get()) as { data: unknown[] };
  return res.data as T[];
}

/**
 * The part of a CloudBase transaction the handlers use (the SDK ships no typings for it): single-document
 * operations only. CloudBase refuses a where-query in a transaction, and the SDK sends where().update(),
 * count() and aggregate() of a transaction's collection outside it.
 */
export interface Tx {
  collection(name: string): {
    add(options: { data: object }): Promise<{ _id: string }>;
    doc(id: string): {
      get(): Promise<{ data: unknown }>;
      set(options: { data: object }): Promise<unknown>;
      update(options: { data: object }): Promise<unknown>;
      remove(): Promise<unknown>;
    };
  };
}

const TX_ATTEMPTS = 8;

/** Thrown when a transaction lost to concurrent ones on every attempt; the boundary answers CONFLICT. */
export class TransactionContended extends Error {
  constructor(cause: unknown) {
    super('transaction lost to concurrent transactions on every attempt', { cause });
  }
}

/** A write-write conflict with another transaction: at a write (TransactionConflict) or at commit. */
/**
 * A transaction that lost a race: a conflict, or an operation finding the transaction already ended. A
 * failed operation ends its transaction, so of writes issued together (the report counters) the one that
 * conflicted may reject after one that found the transaction gone, and Promise.all reports the latter.
 * Either way the transaction changed nothing, so running it again is safe.
 */
function isTransactionConflict(e: unknown): boolean {
  const err = e as { errMsg?: unknown; message?: unknown; code?: unknown } | null;
  const text = `${err?.code ?? ''} ${err?.errMsg ?? ''} ${err?.message ?? ''}`;
  return /TransactionConflict|DATABASE_TRANSACTION_CONFLICT|TransactionNotExist/i.test(text);
}

/**
 * Runs `work` in a transaction and commits it. A conflict with a concurrent transaction runs `work` again
 * from its reads (CloudBase retries only conflicts found at commit, not those found at a write), so the
 * loser of a race sees the winner's result and answers from it. To abort without writing, return before
 * any write.
 *
 * Isolation is MongoDB's snapshot isolation: only writes conflict. A decision taken on a document `work`
 * reads but does not write is not checked again at commit, so a concurrent change to it goes unnoticed:
 * write what the decision depends on (as a decision writes the campaign's ledger it reserves from).
 */
export async function transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  const run = db as unknown as { runTransaction(w: (tx: Tx) => Promise<T>): Promise<T> };
  for (let attempt = 1; ; attempt++) {
    try {
      return await run.runTransaction(work);
    } catch (e) {
      if (!isTransactionConflict(e)) throw e;
      if (attempt >= TX_ATTEMPTS) throw new TransactionContended(e);
      // jittered exponential backoff: many officers approving in one campaign all write its ledger
      await new Promise((r) => setTimeout(r, Math.random() * 10 * 2 ** attempt));
    }
  }
}

/** A document read inside a transaction, or null. */
export async function txGet<T>(tx: Tx, collection: string, id: string): Promise<T | null> {
  return ((await tx.collection(collection).doc(id).get()).data as T | null) ?? null;
}
