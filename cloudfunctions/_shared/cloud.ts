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

/** The part of a CloudBase transaction the handlers use (the SDK ships no typings for it). */
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

/**
 * Runs `work` in a transaction and commits it; CloudBase retries it on a write conflict. To abort without
 * writing, return before any write: nothing is committed but reads.
 */
export function transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  return (db as unknown as { runTransaction(w: (tx: Tx) => Promise<T>): Promise<T> }).runTransaction(work);
}

/** A document read inside a transaction, or null. */
export async function txGet<T>(tx: Tx, collection: string, id: string): Promise<T | null> {
  return ((await tx.collection(collection).doc(id).get()).data as T | null) ?? null;
}
