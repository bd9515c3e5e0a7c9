// A set of pending document states over the committed store: a write request builds one and the store
// applies it whole; a transaction keeps one until commit. Reads through a draft see its own writes.
import { Doc } from './ejson';
import { Change } from './journal';
import { Plan, SortSpec } from './planner';
import { Collection, docKey, Store } from './store';

/** What a transaction wants to know about the documents its draft reads and writes. */
export interface Guard {
  read(collection: string, id: unknown): void;
  /** throws a conflict when the write must not happen */
  write(collection: string, id: unknown): void;
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
    this.guard?.read(collection, id);
    return base.get(id);
  }

  /**
   * Candidates over committed data, with this draft's own states in place of the committed ones. With
   * changes of its own in the collection, the candidates lose their index order (the page is sorted).
   */
  plan(collection: string, query: Doc, order?: SortSpec): Plan {
    const base = this.store.collection(collection).plan(query, order);
    const mine = [...this.changes.values()].filter((c) => c.collection === collection);
    if (mine.length === 0) return base;
    const replaced = new Set(mine.map((c) => docKey(collection, c.id)));
    const kept = [...base.docs].filter((d) => !replaced.has(docKey(collection, d._id)));
    return { ...base, ordered: false, docs: [...kept, ...mine.flatMap((c) => (c.doc ? [c.doc] : []))] };
  }

  /** Documents a query returned count as read (a transaction conflicts if they change before commit). */
  read(collection: string, docs: Doc[]): void {
    for (const d of docs) if (!this.changes.has(docKey(collection, d._id))) this.guard?.read(collection, d._id);
  }

  put(collection: string, id: unknown, doc: Doc | null): void {
    this.guard?.write(collection, id);
    this.changes.set(docKey(collection, id), { collection, id, doc });
  }

  list(): Change[] {
    return [...this.changes.values()];
  }
}
