// A declared index as MongoDB keeps it: a B+ tree of (composite key → document), in the index's key
// order with its directions, ties broken by _id. An array value makes the index multikey: one entry per
// element (a dot path through an array of objects reaches each element's field). Missing and null are
// the same key, as in MongoDB. The store keeps every index up to date on each write (store.ts).
import BTree from 'sorted-btree';
import { IndexDeclaration } from './declarations';
import { Doc } from './ejson';
import { compareValues, MAX, MIN } from './keyOrder';

/**
 * One entry's key: a value per index field, in index order (MIN/MAX in range ends), then the _id. A flat
 * array of exactly that length: an index holds one per document (per element when multikey), so its size
 * is most of an index's memory.
 */
export type IndexKey = unknown[];

/** From `low` to `high` inclusive, in index order. */
export interface Interval {
  low: IndexKey;
  high: IndexKey;
}

const isSentinel = (v: unknown): boolean => v === MIN || v === MAX;

/** `values` then `id`, in an array allocated at its exact length (a literal built by spreading is not). */
function keyOf(values: unknown[], id: unknown): IndexKey {
  const key = new Array<unknown>(values.length + 1);
  for (let i = 0; i < values.length; i++) key[i] = values[i];
  key[values.length] = id;
  return key;
}

/** The value(s) an index sees at a dot path: arrays along the way contribute each element. */
function indexed(v: unknown, parts: string[]): unknown {
  if (parts.length === 0) return v;
  if (Array.isArray(v)) {
    if (/^\d+$/.test(parts[0])) return indexed(v[Number(parts[0])], parts.slice(1));
    const out = v.flatMap((x) => {
      const r = indexed(x, parts);
      return r === undefined ? [] : Array.isArray(r) ? r : [r];
    });
    return out.length ? out : undefined;
  }
  if (v !== null && typeof v === 'object' && !(v instanceof Date) && !(v instanceof RegExp)) return indexed((v as Doc)[parts[0]], parts.slice(1));
  return undefined;
}

export class CompoundIndex {
  readonly fields: string[];
  readonly directions: (1 | -1)[];
  /** the fields any document had an array under (as MongoDB's multikey paths, never reset) */
  readonly multikeyFields = new Set<string>();
  private readonly paths: string[][];
  private readonly tree: BTree<IndexKey, Doc>;

  constructor(readonly declaration: IndexDeclaration) {
    this.fields = declaration.keys.map(([f]) => f);
    this.directions = declaration.keys.map(([, d]) => d);
    this.paths = this.fields.map((f) => f.split('.'));
    this.tree = new BTree<IndexKey, Doc>(undefined, this.compare);
  }

  readonly compare = (a: IndexKey, b: IndexKey): number => {
    const n = this.directions.length;
    for (let i = 0; i < n; i++) {
      const x = a[i];
      const y = b[i];
      const c = isSentinel(x) || isSentinel(y) ? compareValues(x, y) : compareValues(x, y) * this.directions[i];
      if (c) return c;
    }
    return compareValues(a[n], b[n]);
  };

  get size(): number {
    return this.tree.size;
  }

  /** Every key `doc` has in this index (one unless multikey). */
  keysOf(doc: Doc): IndexKey[] {
    return this.tuples(doc, true).map((v) => keyOf(v, doc._id));
  }

  /** The field values of each of `doc`'s keys, without its _id (a unique index holds these across
   *  documents); marks nothing multikey, so a write refused leaves the index as it was. */
  valuesOf(doc: Doc): unknown[][] {
    return this.tuples(doc, false);
  }

  private tuples(doc: Doc, mark: boolean): unknown[][] {
    let keys: unknown[][] = [[]];
    for (const [i, path] of this.paths.entries()) {
      const v = indexed(doc, path);
      let values: unknown[];
      if (Array.isArray(v)) {
        if (mark) this.multikeyFields.add(this.fields[i]);
        values = v.length ? [...new Set(v)] : [null];
      } else values = [v ?? null];
      keys = values.length === 1 ? keys.map((k) => [...k, values[0]]) : keys.flatMap((k) => values.map((x) => [...k, x]));
    }
    return keys;
  }

  add(doc: Doc): void {
    for (const k of this.keysOf(doc)) this.tree.set(k, doc, true);
  }

  remove(doc: Doc): void {
    for (const k of this.keysOf(doc)) this.tree.delete(k);
  }

  /** The documents in `iv`, in index order or reversed (a multikey index may give one more than once). */
  *scan(iv: Interval, reverse = false): Generator<Doc> {
    if (!reverse) {
      for (const [k, d] of this.tree.entries(iv.low)) {
        if (this.compare(k, iv.high) > 0) return;
        yield d;
      }
    } else {
      for (const [k, d] of this.tree.entriesReversed(iv.high)) {
        if (this.compare(k, iv.low) < 0) return;
        yield d;
      }
    }
  }

  /** How many entries `iv` holds, counting no further than `cap`. */
  countUpTo(iv: Interval, cap: number): number {
    return this.tree.getRange(iv.low, iv.high, true, cap).length;
  }

  /** The documents whose key in the leading fields equals `values`. */
  matching(values: unknown[]): Doc[] {
    const rest = this.fields.length - values.length;
    const low = [...values, ...Array(rest).fill(MIN), MIN];
    const high = [...values, ...Array(rest).fill(MAX), MAX];
    return [...new Set(this.scan({ low, high }))];
  }
}
