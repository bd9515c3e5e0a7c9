// Candidate selection: which documents a query has to look at. A query is served by an index when an
// indexed field (the leading field of a declared index, or _id) is constrained at the top level (or in
// a branch of $and, or in every branch of $or) by equality, $in or a range; then nedb's index gives the
// candidates in O(log n). Otherwise every document is a candidate. Candidates are a superset of the
// answer: mingo applies the full query to them, so the planner never decides what matches.
import { Doc, isPlainObject } from './ejson';

/** The part of nedb's Index this module reads (nedb keeps these in `datastore.indexes`). */
export interface NedbIndex {
  getMatching(value: unknown): Doc[];
  getBetweenBounds(query: Record<string, unknown>): Doc[];
  getAll(): Doc[];
}

export interface Plan {
  docs: Doc[];
  /** `empty`: the query has no condition at all (a count or an unsorted page needs no index) */
  served: boolean | 'empty';
}

const isKey = (v: unknown): boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date;
const RANGE = ['$gt', '$gte', '$lt', '$lte'];

function fromIndex(index: NedbIndex, cond: unknown): Doc[] | null {
  if (isKey(cond)) return index.getMatching(cond);
  if (!isPlainObject(cond)) return null;
  if (isKey(cond.$eq)) return index.getMatching(cond.$eq);
  if (Array.isArray(cond.$in) && cond.$in.every(isKey)) return index.getMatching(cond.$in);
  const bounds = Object.fromEntries(RANGE.filter((op) => isKey(cond[op])).map((op) => [op, cond[op]]));
  return Object.keys(bounds).length ? index.getBetweenBounds(bounds) : null;
}

function union(parts: Doc[][]): Doc[] {
  const seen = new Set<unknown>();
  const out: Doc[] = [];
  for (const part of parts) for (const d of part) if (!seen.has(d)) (seen.add(d), out.push(d));
  return out;
}

function candidates(query: Doc, indexes: Map<string, NedbIndex>): Doc[] | null {
  for (const [field, cond] of Object.entries(query)) {
    const index = indexes.get(field);
    const found = index ? fromIndex(index, cond) : null;
    if (found) return found;
  }
  for (const sub of Array.isArray(query.$and) ? query.$and : []) {
    const found = isPlainObject(sub) ? candidates(sub, indexes) : null;
    if (found) return found;
  }
  if (Array.isArray(query.$or) && query.$or.length) {
    const parts = query.$or.map((sub) => (isPlainObject(sub) ? candidates(sub, indexes) : null));
    if (parts.every((p): p is Doc[] => p !== null)) return union(parts);
  }
  return null;
}

/** `indexes`: nedb's index for each indexed field (including _id). */
export function plan(query: Doc, indexes: Map<string, NedbIndex>, all: () => Doc[]): Plan {
  if (Object.keys(query).length === 0) return { docs: all(), served: 'empty' };
  const docs = candidates(query, indexes);
  return docs ? { docs, served: true } : { docs: all(), served: false };
}

/** The query with its values blanked out: one line per kind of query, for the unindexed report. */
export function queryShape(query: unknown): unknown {
  if (Array.isArray(query)) return query.map(queryShape);
  if (!isPlainObject(query)) return '?';
  const out: Doc = {};
  for (const k of Object.keys(query).sort()) {
    const v = query[k];
    out[k] = isPlainObject(v) || (Array.isArray(v) && ['$and', '$or', '$nor'].includes(k)) ? queryShape(v) : '?';
  }
  return out;
}
