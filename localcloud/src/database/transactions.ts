// Transactions with CloudBase's snapshot isolation (MongoDB underneath). Each buffers its writes in a Draft;
// nothing reaches the store before commit, and commit applies them in one journaled write.
//
// - Snapshot: a transaction's first operation takes it. From then on, whenever the store is about to replace
//   a document, the transaction keeps the state it replaces (or "absent"), once per document, and reads it
//   instead of the committed one (copy on write: nothing is kept while no transaction has a snapshot).
// - Locks: a write locks the document and the unique-index keys its old and new states hold. Writing what
//   another open transaction has locked, or a document changed since the snapshot, is a write conflict
//   (DATABASE_TRANSACTION_CONFLICT): that write fails and ends the transaction. Reads never conflict, so
//   write skew is possible, as in production.
// - An ordinary write touching a lock waits, outside the store's write gate, until the transaction ends
//   (commit, abort or expiry), then runs again on what is committed then; after `lockWaitMs` it fails with
//   nothing written. It never fails the transaction.
// - A transaction still open after `lifetimeMs` is rolled back, releasing its locks.
import { randomBytes } from 'node:crypto';
import { Draft } from './draft';
import { Doc } from './ejson';
import { lockWaitTimeout, transactionConflict, transactionNotFound } from './errors';
import { Change } from './journal';
import { docKey, Store } from './store';

export interface TransactionLimits {
  /** how long a transaction may stay open before it is rolled back */
  lifetimeMs: number;
  /** how long an ordinary write waits for a transaction's lock before it fails */
  lockWaitMs: number;
}

interface Tx {
  id: string;
  startedAt: number;
  draft: Draft;
  /** from the first operation: the state each document changed by others since then had at the snapshot (null: absent) */
  kept: Map<string, Doc | null> | null;
  /** document keys and unique-index keys this transaction's writes hold */
  locks: Set<string>;
  /** resolves when the transaction is over */
  ended: Promise<void>;
  end: () => void;
}

export class Transactions {
  private readonly open = new Map<string, Tx>();
  /** open transactions that have taken their snapshot */
  private readonly snapshots = new Set<Tx>();
  private readonly locks = new Map<string, Tx>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly store: Store,
    private readonly limits: TransactionLimits,
    private readonly log: (line: string) => void,
  ) {
    store.beforeApply = (changes) => this.keep(changes);
    this.sweeper = setInterval(() => this.expire(), Math.min(1000, limits.lifetimeMs));
    this.sweeper.unref();
  }

  start(): string {
    let end!: () => void;
    const ended = new Promise<void>((resolve) => (end = resolve));
    const tx: Tx = {
      id: randomBytes(16).toString('hex'),
      startedAt: Date.now(),
      draft: new Draft(this.store, {
        read: (collection, id) => this.read(tx, collection, id),
        write: (collection, id, doc) => this.lock(tx, collection, id, doc),
      }),
      kept: null,
      locks: new Set(),
      ended,
      end,
    };
    this.open.set(tx.id, tx);
    return tx.id;
  }

  /** Runs one operation of the transaction; a failed operation ends the transaction, as in MongoDB. */
  run<T>(id: unknown, op: (draft: Draft) => T): Promise<T> {
    return this.store.gate.read(() => {
      const tx = this.get(id);
      if (!tx.kept) {
        tx.kept = new Map();
        this.snapshots.add(tx);
      }
      try {
        return op(tx.draft);
      } catch (e) {
        this.end(tx);
        throw e;
      }
    });
  }

  /** Ends the transaction (if it is open) because of `error`, which the caller throws. */
  fail(id: unknown, error: Error): Error {
    const tx = typeof id === 'string' ? this.open.get(id) : undefined;
    if (tx) this.end(tx);
    return error;
  }

  commit(id: unknown): Promise<void> {
    return this.store.gate.write(async () => {
      const tx = this.get(id);
      this.end(tx);
      // a unique key now held by a document committed after the snapshot is a write conflict
      await this.store.apply(tx.draft.list(), (key) => tx.kept?.has(key) ?? false);
    });
  }

  abort(id: unknown): void {
    this.end(this.get(id));
  }

  /**
   * An ordinary write: `op` builds it on committed data and it is applied whole, unless it touches a lock;
   * then it waits, outside the gate so the transaction can commit, and `op` runs again.
   */
  async write<T>(op: (draft: Draft) => T): Promise<T> {
    let deadline: number | undefined;
    for (;;) {
      const attempt = await this.store.gate.write(async () => {
        const draft = new Draft(this.store);
        const result = op(draft);
        const holder = this.holder(draft.list());
        if (!holder) await this.store.apply(draft.list());
        return { result, holder };
      });
      if (!attempt.holder) return attempt.result;
      deadline ??= Date.now() + this.limits.lockWaitMs;
      await this.waitFor(attempt.holder, deadline);
    }
  }

  stop(): void {
    clearInterval(this.sweeper);
  }

  private get(id: unknown): Tx {
    const tx = typeof id === 'string' ? this.open.get(id) : undefined;
    if (!tx) throw transactionNotFound(String(id));
    return tx;
  }

  private read(tx: Tx, collection: string, id: unknown): Doc | undefined {
    const committed = this.store.collection(collection);
    const key = docKey(collection, id);
    return tx.kept?.has(key) ? (tx.kept.get(key) ?? undefined) : committed.get(id);
  }

  /** The keys a change locks: its document, and the unique keys its old and new states hold. */
  private lockKeys(collection: string, id: unknown, doc: Doc | null): string[] {
    const c = this.store.collection(collection);
    const before = c.get(id);
    return [docKey(collection, id), ...(before ? c.uniqueKeys(before) : []), ...(doc ? c.uniqueKeys(doc) : [])];
  }

  private lock(tx: Tx, collection: string, id: unknown, doc: Doc | null): void {
    if (tx.kept?.has(docKey(collection, id))) throw transactionConflict();
    const keys = this.lockKeys(collection, id, doc);
    for (const key of keys) {
      const holder = this.locks.get(key);
      if (holder && holder !== tx) throw transactionConflict();
    }
    for (const key of keys) {
      this.locks.set(key, tx);
      tx.locks.add(key);
    }
  }

  /** The open transaction holding a lock these changes need, if any. */
  private holder(changes: Change[]): Tx | undefined {
    if (this.locks.size === 0) return undefined;
    for (const c of changes) {
      for (const key of this.lockKeys(c.collection, c.id, c.doc)) {
        const holder = this.locks.get(key);
        if (holder) return holder;
      }
    }
    return undefined;
  }

  private async waitFor(tx: Tx, deadline: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<true>((resolve) => (timer = setTimeout(() => resolve(true), Math.max(0, deadline - Date.now()))));
    const expired = await Promise.race([tx.ended.then(() => false), timedOut]);
    clearTimeout(timer);
    if (expired) throw lockWaitTimeout(this.limits.lockWaitMs);
  }

  /** Copy on write: every snapshot keeps the state each change is about to replace, the first time only. */
  private keep(changes: Change[]): void {
    if (this.snapshots.size === 0) return;
    for (const c of changes) {
      const key = docKey(c.collection, c.id);
      const before = this.store.collection(c.collection).get(c.id) ?? null;
      for (const tx of this.snapshots) if (!tx.kept!.has(key)) tx.kept!.set(key, before);
    }
  }

  private end(tx: Tx): void {
    this.open.delete(tx.id);
    this.snapshots.delete(tx);
    for (const key of tx.locks) if (this.locks.get(key) === tx) this.locks.delete(key);
    tx.end();
  }

  private expire(): void {
    const deadline = Date.now() - this.limits.lifetimeMs;
    for (const tx of this.open.values()) {
      if (tx.startedAt < deadline) {
        this.end(tx);
        this.log(`transaction ${tx.id} expired after ${this.limits.lifetimeMs} ms and was rolled back`);
      }
    }
  }
}
