// Committed data: one nedb datastore per collection under <dataDir>/database/NAME.db (nedb keeps only
// its _id index), the declared indexes as B+ trees (compoundIndex.ts, built at load and maintained by
// every write, journal replay included), and the only way to change it, `apply`, which checks unique indexes,
// lets the open transactions keep what it is about to replace, journals and writes every datafile. Callers
// hold the gate's write side for it.
import Datastore from '@seald-io/nedb';
// nedb's document model: the key check its own insert and update make of a stored document
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nedbModel = require('@seald-io/nedb/lib/model') as { checkObject(doc: Doc): void };
import fs from 'node:fs';
import path from 'node:path';
import { CollectionDeclaration, COLLECTION_NAME, IndexDeclaration } from './declarations';
import { Doc, encodeValue } from './ejson';
import { collectionExists, collectionNotExist, duplicateKey, invalidParam, transactionConflict } from './errors';
import { Gate } from './gate';
import { Change, Journal } from './journal';
import { shareStrings, storedCopy } from './compact';
import { CompoundIndex } from './compoundIndex';
import { plan, Plan, SortSpec } from './planner';

const ID_INDEX: IndexDeclaration = { name: '_id_', keys: [['_id', 1]], unique: true };

/** One key per document across collections (ids may be strings or numbers). */
export const docKey = (collection: string, id: unknown): string => `${collection}\u0000${typeof id}\u0000${String(id)}`;

/** The part of nedb's Index this module reads (nedb keeps these in `datastore.indexes`). */
interface NedbIndex {
  getMatching(value: unknown): Doc[];
}

/** The parts of a nedb Datastore a batch of writes uses: what its own insert and update do per document. */
interface NedbInternals {
  _insertMultipleDocsInCache(docs: Doc[]): void;
  _updateIndexes(modifications: { oldDoc: Doc; newDoc: Doc }[]): void;
  _removeFromIndexes(doc: Doc): void;
  persistence: { persistNewStateAsync(docs: Doc[]): Promise<void> };
}

export class Collection {
  /** one per declared index, _id_ first */
  readonly compound: CompoundIndex[];
  private readonly ids: NedbIndex;

  constructor(
    readonly name: string,
    /** declared indexes, _id_ first */
    readonly indexes: IndexDeclaration[],
    private readonly ds: Datastore,
  ) {
    this.ids = (ds as unknown as { indexes: Record<string, NedbIndex> }).indexes._id;
    this.compound = indexes.map((ix) => new CompoundIndex(ix));
    for (const doc of this.all()) {
      shareStrings(doc);
      for (const ix of this.compound) ix.add(doc);
    }
  }

  get(id: unknown): Doc | undefined {
    return this.ids.getMatching(id)[0];
  }

  all(): Doc[] {
    return this.ds.getAllData() as Doc[];
  }

  /** Candidates for `query`, in `order` when an index gives it (internal objects: never mutate them). */
  plan(query: Doc, order?: SortSpec): Plan {
    return plan(query, this.compound, () => this.all(), order);
  }

  /** Whether a sort on `field` can walk an index instead of sorting a scan. */
  hasLeadingField(field: string): boolean {
    return this.indexes.some((ix) => ix.keys[0][0] === field);
  }

  /** The keys `doc` takes in the unique indexes other than _id, one string per key (a transaction locks them). */
  uniqueKeys(doc: Doc): string[] {
    return this.indexes.flatMap((ix, i) =>
      ix.unique && ix !== ID_INDEX ? [...uniqueKeysOf(this.compound[i], doc).keys()].map((key) => `${this.name}\u0000${ix.name}\u0000${key}`) : [],
    );
  }

  /** The documents other than `doc` that hold the key `values` (one of `doc`'s, uniqueKeysOf) of a unique index. */
  holdersOf(index: IndexDeclaration, values: unknown[], doc: Doc): Doc[] {
    const ix = this.compound[this.indexes.indexOf(index)];
    const key = encodeValue(values);
    return ix.matching(values).filter((d) => d._id !== doc._id && uniqueKeysOf(ix, d).has(key));
  }

  /**
   * Writes final states (one per id); new documents go in one batch and replaced ones in another (what
   * nedb's insert and update do to each, its datafile appended once per batch), so a write of many costs
   * one append each. The stored copy of each new state is the store's compact one (compact.ts); the
   * declared indexes drop each old state and take the new one.
   */
  async write(changes: { id: unknown; doc: Doc | null }[]): Promise<void> {
    const created: Doc[] = [];
    const replaced: { oldDoc: Doc; newDoc: Doc }[] = [];
    const removed: Doc[] = [];
    for (const { id, doc } of changes) {
      const before = this.get(id);
      if (before) for (const ix of this.compound) ix.remove(before);
      if (doc === null) {
        if (before) removed.push(before);
        continue;
      }
      const stored = storedCopy(doc, before ? before._id : (doc._id ?? id));
      nedbModel.checkObject(stored);
      if (before) replaced.push({ oldDoc: before, newDoc: stored });
      else created.push(stored);
    }
    const ds = this.ds as unknown as NedbInternals;
    // removed together, as nedb's own multi remove does: one append to the datafile for all of them
    if (removed.length) {
      for (const d of removed) ds._removeFromIndexes(d);
      await ds.persistence.persistNewStateAsync(removed.map((d) => ({ $$deleted: true, _id: d._id })));
    }
    if (replaced.length) {
      ds._updateIndexes(replaced);
      await ds.persistence.persistNewStateAsync(replaced.map((r) => r.newDoc));
    }
    if (created.length) {
      ds._insertMultipleDocsInCache(created);
      await ds.persistence.persistNewStateAsync(created);
    }
    for (const { id, doc } of changes) {
      const stored = doc && this.get(id);
      if (stored) for (const ix of this.compound) ix.add(stored);
    }
  }

  async compact(): Promise<void> {
    await this.ds.compactDatafileAsync();
  }
}

/**
 * A document's keys in a unique index, encoded, each with its field values: one per combination of its
 * fields' values, an array contributing each element (multikey: the constraint holds across documents, so
 * a document may repeat its own value), a missing field null, as MongoDB has them.
 */
function uniqueKeysOf(ix: CompoundIndex, doc: Doc): Map<string, unknown[]> {
  return new Map(ix.valuesOf(doc).map((values) => [encodeValue(values), values]));
}

function describeKey(index: IndexDeclaration, values: unknown[]): string {
  return `{ ${index.keys.map(([f], i) => `${f}: ${JSON.stringify(values[i])}`).join(', ')} }`;
}

export class Store {
  readonly gate = new Gate();
  private readonly collections = new Map<string, Collection>();
  /** told of every change about to be applied, while the documents it replaces are still in place */
  beforeApply: (changes: Change[]) => void = () => undefined;

  private constructor(
    private readonly dir: string,
    private readonly envId: string,
    private readonly declared: Map<string, CollectionDeclaration>,
    private journal: Journal | null,
  ) {}

  /** Loads (and so compacts) every collection, declared or created earlier, then replays the journal. */
  static async open(dir: string, envId: string, declarations: CollectionDeclaration[]): Promise<Store> {
    fs.mkdirSync(dir, { recursive: true });
    const store = new Store(dir, envId, new Map(declarations.map((d) => [d.name, d])), null);
    const onDisk = fs.readdirSync(dir).filter((f) => f.endsWith('.db')).map((f) => f.slice(0, -3));
    for (const name of new Set([...declarations.map((d) => d.name), ...onDisk])) await store.load(name);
    const { journal, pending } = await Journal.open(path.join(dir, 'journal.log'));
    for (const changes of pending) {
      for (const name of new Set(changes.map((c) => c.collection))) if (!store.collections.has(name)) await store.load(name);
      await store.write(changes);
    }
    if (pending.length) {
      for (const c of store.collections.values()) await c.compact();
      await journal.clear();
    }
    store.journal = journal;
    return store;
  }

  private async load(name: string): Promise<Collection> {
    const ds = new Datastore({ filename: path.join(this.dir, `${name}.db`), corruptAlertThreshold: 1 });
    await ds.loadDatabaseAsync();
    const indexes = [ID_INDEX, ...(this.declared.get(name)?.indexes ?? [])];
    // the declared indexes are the B+ trees; nedb keeps its own _id index only. Uniqueness is checked
    // before a write is journaled, so applying a journaled write can never fail half way.
    const existing = Object.keys((ds as unknown as { indexes: Record<string, unknown> }).indexes);
    for (const field of existing) if (field !== '_id') await ds.removeIndexAsync(field);
    const collection = new Collection(name, indexes, ds);
    this.collections.set(name, collection);
    return collection;
  }

  collection(name: string): Collection {
    const c = this.collections.get(name);
    if (!c) throw collectionNotExist(name);
    return c;
  }

  has(name: string): boolean {
    return this.collections.has(name);
  }

  /** Every collection, declared or created, by name. */
  names(): string[] {
    return [...this.collections.keys()].sort();
  }

  /** database.addCollection: the datafile's existence is what makes it survive a restart. */
  async create(name: string): Promise<void> {
    if (!COLLECTION_NAME.test(name)) throw invalidParam(`collection name must match ${COLLECTION_NAME}`);
    if (this.collections.has(name)) throw collectionExists(name);
    await this.load(name);
  }

  /**
   * Commits a set of final document states, all or nothing. Call inside `gate.write`. A unique key held by
   * a document `isRecent` names (a transaction's: written after its snapshot) is a write conflict, as in
   * MongoDB, rather than a duplicate key.
   */
  async apply(changes: Change[], isRecent: (key: string) => boolean = () => false): Promise<void> {
    if (changes.length === 0) return;
    this.checkUnique(changes, isRecent);
    this.beforeApply(changes);
    await this.journal!.record(changes);
    await this.write(changes);
    await this.journal!.clear();
  }

  private async write(changes: Change[]): Promise<void> {
    for (const name of new Set(changes.map((c) => c.collection))) {
      await this.collection(name).write(changes.filter((c) => c.collection === name));
    }
  }

  private checkUnique(changes: Change[], isRecent: (key: string) => boolean): void {
    const touched = new Set(changes.map((c) => docKey(c.collection, c.id)));
    const claimed = new Map<string, unknown>();
    for (const c of changes) {
      if (!c.doc) continue;
      const collection = this.collection(c.collection);
      for (const [i, index] of collection.indexes.entries()) {
        if (!index.unique || index === ID_INDEX) continue;
        for (const [encoded, values] of uniqueKeysOf(collection.compound[i], c.doc)) {
          const key = `${c.collection}\u0000${index.name}\u0000${encoded}`;
          const holder = collection.holdersOf(index, values, c.doc).find((d) => !touched.has(docKey(c.collection, d._id)));
          if (holder && isRecent(docKey(c.collection, holder._id))) throw transactionConflict();
          if (holder || (claimed.has(key) && claimed.get(key) !== c.id)) {
            throw duplicateKey(this.envId, c.collection, index.name, describeKey(index, values));
          }
          claimed.set(key, c.id);
        }
      }
    }
  }

  async close(): Promise<void> {
    await this.gate.write(() => this.journal?.close());
  }
}
