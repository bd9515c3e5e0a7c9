// A set of pending document states over a view of the store: a write request builds one over committed
// data and the store applies it whole; a transaction keeps one over its snapshot until commit. Reads
// through a draft see its own writes.
import { Doc } from './ejson';
import { Change } from './journal';
import { Plan, SortSpec } from './planner';
import { Collection, docKey, Store } from './store';

/** A transaction's side of its draft: the snapshot it reads, and the locks its writes take. */
export interface Guard {
  /** the document as of the transaction's snapshot */
  read(collection: string, id: unknown): Doc | undefined;
  /** throws a conflict when the write must not happen */
  write(collection: string, id: unknown, doc: Doc | null): void;
}

export class Draft {
  private readonly changes = new Map<string, Change>();

  constructor(
    private readonly store: Store,
    private readonly guard?: Guard,
  ) {}

  collection(name: string): Collection {
    return this.store.collection(name);
  }

  get(collection: string, id: unknown): Doc | undefined {
    const base = this.store.collection(collection);
    const mine = this.changes.get(docKey(collection, id));
    if (mine) return mine.doc ?? undefined;
    return this.guard ? this.guard.read(collection, id) : base.get(id);
  }

  /** Candidates over committed data: only plain requests query (a transaction runs single-document operations). */
  plan(collection: string, query: Doc, order?: SortSpec): Plan {
    return this.store.collection(collection).plan(query, order);
  }

  put(collection: string, id: unknown, doc: Doc | null): void {
    this.guard?.write(collection, id, doc);
    this.changes.set(docKey(collection, id), { collection, id, doc });
  }

  list(): Change[] {
    return [...this.changes.values()];
  }
}
