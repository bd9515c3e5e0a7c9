// Transactions: each buffers its writes in a Draft; nothing reaches the store before commit, and commit
// applies them in one journaled write. A transaction conflicts (DATABASE_TRANSACTION_CONFLICT) when a
// document it read or wrote was changed by anyone else after it first saw it, or when it writes a
// document another open transaction has already written (first writer wins, as in MongoDB). The
// conflict is raised by that write if it can be known then, else by commit; either way the transaction
// is over and changed nothing. A transaction still open after `timeoutMs` is rolled back.
import { randomBytes } from 'node:crypto';
import { Draft, Guard } from './draft';
import { transactionConflict, transactionNotFound } from './errors';
import { Change } from './journal';
import { docKey, Store } from './store';

interface TxState {
  id: string;
  startedAt: number;
  /** documents this transaction has seen */
  seen: Set<string>;
  /** seen documents someone else changed since */
  stale: Set<string>;
}

type Tx = TxState & { draft: Draft };

export class Transactions {
  private readonly open = new Map<string, Tx>();
  private readonly watchers = new Map<string, Set<TxState>>();
  private readonly writers = new Map<string, TxState>();
  private committing: TxState | null = null;
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly store: Store,
    private readonly timeoutMs: number,
    private readonly log: (line: string) => void,
  ) {
    store.onApplied = (changes) => this.changed(changes);
    this.sweeper = setInterval(() => this.expire(), Math.min(1000, timeoutMs));
    this.sweeper.unref();
  }

  start(): string {
    const state: TxState = { id: randomBytes(16).toString('hex'), startedAt: Date.now(), seen: new Set(), stale: new Set() };
    const tx: Tx = Object.assign(state, { draft: new Draft(this.store, this.guard(state)) });
    this.open.set(tx.id, tx);
    return tx.id;
  }

  /** Runs one operation of the transaction; a failed operation ends the transaction, as in MongoDB. */
  run<T>(id: unknown, op: (draft: Draft) => T): Promise<T> {
    return this.store.gate.read(() => {
      const tx = this.get(id);
      try {
        return op(tx.draft);
      } catch (e) {
        this.end(tx);
        throw e;
      }
    });
  }

  commit(id: unknown): Promise<void> {
    return this.store.gate.write(async () => {
      const tx = this.get(id);
      this.end(tx);
      if (tx.stale.size) throw transactionConflict();
      this.committing = tx;
      try {
        await this.store.apply(tx.draft.list());
      } finally {
        this.committing = null;
      }
    });
  }

  abort(id: unknown): void {
    this.end(this.get(id));
  }

  stop(): void {
    clearInterval(this.sweeper);
  }

  private get(id: unknown): Tx {
    const tx = typeof id === 'string' ? this.open.get(id) : undefined;
    if (!tx) throw transactionNotFound(String(id));
    return tx;
  }

  private guard(tx: TxState): Guard {
    const see = (key: string) => {
      if (tx.seen.has(key)) return;
      tx.seen.add(key);
      let set = this.watchers.get(key);
      if (!set) this.watchers.set(key, (set = new Set()));
      set.add(tx);
    };
    return {
      read: (collection, id) => see(docKey(collection, id)),
      write: (collection, id) => {
        const key = docKey(collection, id);
        const writer = this.writers.get(key);
        if (tx.stale.has(key) || (writer && writer !== tx)) throw transactionConflict();
        see(key);
        this.writers.set(key, tx);
      },
    };
  }

  private changed(changes: Change[]): void {
    for (const c of changes) {
      const key = docKey(c.collection, c.id);
      for (const tx of this.watchers.get(key) ?? []) if (tx !== this.committing) tx.stale.add(key);
    }
  }

  private end(tx: Tx): void {
    this.open.delete(tx.id);
    for (const key of tx.seen) {
      const set = this.watchers.get(key);
      set?.delete(tx);
      if (set?.size === 0) this.watchers.delete(key);
      if (this.writers.get(key) === tx) this.writers.delete(key);
    }
  }

  private expire(): void {
    const deadline = Date.now() - this.timeoutMs;
    for (const tx of this.open.values()) {
      if (tx.startedAt < deadline) {
        this.end(tx);
        this.log(`transaction ${tx.id} expired after ${this.timeoutMs} ms and was rolled back`);
      }
    }
  }
}
