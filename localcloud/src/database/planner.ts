// Candidate selection: which documents a query has to look at, and in what order. The conditions of a
// query (top level and $and branches; an $or contributes what all its branches constrain) narrow each
// field to points (equality, $in) or a range. Each declared index (and _id) is then read as MongoDB
// would: points on a prefix of its fields, then a range on the next field; the index constrained best
// gives the candidates. A query is served when some index's leading field is constrained (or, failing
// that, every branch of its $or is). When the query is sorted and an index's next fields follow the sort
// (or its exact reverse), the candidates come lazily in that order, so a page stops reading at its
// limit. Candidates are a superset of the answer: mingo applies the full query to them, so the planner
// never decides what matches.
import { CompoundIndex, Interval } from './compoundIndex';
import { Doc, isPlainObject } from './ejson';
import { compareValues, MAX, MIN } from './keyOrder';

export type SortSpec = Record<string, 1 | -1>;

export interface Plan {
  /** candidates, a superset of the answer; in the requested order when `ordered` (read lazily: stop early) */
  docs: Iterable<Doc>;
  ordered: boolean;
  /** `empty`: the query has no condition at all (a count or an unsorted page needs no index) */
  served: boolean | 'empty';
  /** the index that gave the candidates */
  index?: string;
}

/** Points (equality, $in) or a range [lo, hi] in value order, MIN/MAX for an open end. */
type Cond = { points: unknown[] } | { lo: unknown; hi: unknown };

const isKey = (v: unknown): boolean => v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date;
const isRangeKey = (v: unknown): boolean => v !== null && isKey(v);
/** More intervals than this (a product of $in lists) and the index is read with a shorter prefix. */
const MAX_INTERVALS = 1000;
/** A sorted page prefers walking an index in order unless the best index has fewer candidates than this. */
const SMALL_ENOUGH = 2000;

const minOf = (a: unknown, b: unknown): unknown => (compareValues(a, b) <= 0 ? a : b);
const maxOf = (a: unknown, b: unknown): unknown => (compareValues(a, b) >= 0 ? a : b);
const within = (v: unknown, lo: unknown, hi: unknown): boolean => compareValues(v, lo) >= 0 && compareValues(v, hi) <= 0;

function uniquePoints(values: unknown[]): unknown[] {
  const sorted = [...values].sort(compareValues);
  return sorted.filter((v, i) => i === 0 || compareValues(sorted[i - 1], v) !== 0);
}

/**
 * How two conditions on one field narrow it together. On a multikey field each condition may hold for a
 * different element, so one of them (points first) is kept rather than their intersection.
 */
const both = (a: Cond, b: Cond, multikey: boolean): Cond => (!multikey ? intersect(a, b) : 'points' in a || !('points' in b) ? a : b);

/** The narrowing one field's condition gives, or null when it gives none usable. */
function condOf(cond: unknown, multikey: boolean): Cond | null {
  if (isKey(cond)) return { points: [cond] };
  if (!isPlainObject(cond) || Object.keys(cond).some((k) => !k.startsWith('$'))) return null;
  let out: Cond | null = null;
  const and = (c: Cond) => (out = out ? both(out, c, multikey) : c);
  if ('$eq' in cond && isKey(cond.$eq)) and({ points: [cond.$eq] });
  if (Array.isArray(cond.$in) && cond.$in.every(isKey)) and({ points: uniquePoints(cond.$in) });
  for (const op of ['$gt', '$gte']) if (isRangeKey(cond[op])) and({ lo: cond[op], hi: MAX });
  for (const op of ['$lt', '$lte']) if (isRangeKey(cond[op])) and({ lo: MIN, hi: cond[op] });
  return out;
}

function intersect(a: Cond, b: Cond): Cond {
  if ('points' in a && 'points' in b) return { points: a.points.filter((x) => b.points.some((y) => compareValues(x, y) === 0)) };
  if ('points' in a && 'lo' in b) return { points: a.points.filter((x) => within(x, b.lo, b.hi)) };
  if ('lo' in a && 'points' in b) return intersect(b, a);
  const [x, y] = [a as { lo: unknown; hi: unknown }, b as { lo: unknown; hi: unknown }];
  return { lo: maxOf(x.lo, y.lo), hi: minOf(x.hi, y.hi) };
}

function hull(a: Cond, b: Cond): Cond {
  if ('points' in a && 'points' in b) return { points: uniquePoints([...a.points, ...b.points]) };
  const ends = (c: Cond): [unknown, unknown] => ('points' in c ? [c.points.reduce(minOf, MAX), c.points.reduce(maxOf, MIN)] : [c.lo, c.hi]);
  const [al, ah] = ends(a);
  const [bl, bh] = ends(b);
  return { lo: minOf(al, bl), hi: maxOf(ah, bh) };
}

/** What `query` requires of each field, as a conjunction; `multikey`: whether a field holds arrays. */
function conditions(query: Doc, multikey: (field: string) => boolean): Map<string, Cond> {
  const out = new Map<string, Cond>();
  const put = (field: string, c: Cond) => out.set(field, out.has(field) ? both(out.get(field)!, c, multikey(field)) : c);
  for (const [key, value] of Object.entries(query)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const sub of value) if (isPlainObject(sub)) for (const [f, c] of conditions(sub, multikey)) put(f, c);
    } else if (key === '$or' && Array.isArray(value) && value.length && value.every(isPlainObject)) {
      const branches = (value as Doc[]).map((b) => conditions(b, multikey));
      for (const [f, first] of branches[0]) {
        if (branches.every((b) => b.has(f))) put(f, branches.slice(1).reduce<Cond>((h, b) => hull(h, b.get(f)!), first));
      }
    } else if (!key.startsWith('$')) {
      const c = condOf(value, multikey(key));
      if (c) put(key, c);
    }
  }
  return out;
}

interface Choice {
  index: CompoundIndex;
  /** fields of the prefix read by points */
  eq: number;
  range: boolean;
  intervals: Interval[];
}

const flip = (v: unknown): unknown => (v === MIN ? MAX : v === MAX ? MIN : v);

/** How `index` would read the query; `null` when its leading field is not constrained. */
function choose(index: CompoundIndex, conds: Map<string, Cond>, unconstrained = false): Choice | null {
  const { fields, directions } = index;
  let prefixes: unknown[][] = [[]];
  let eq = 0;
  let range: { lo: unknown; hi: unknown } | null = null;
  for (; eq < fields.length; eq++) {
    const c = conds.get(fields[eq]);
    if (!c) break;
    if ('points' in c && prefixes.length * Math.max(c.points.length, 1) <= MAX_INTERVALS) {
      const dir = directions[eq];
      const points = [...c.points].sort((x, y) => compareValues(x, y) * dir);
      prefixes = prefixes.flatMap((p) => points.map((x) => [...p, x]));
      continue;
    }
    range = 'points' in c ? { lo: c.points.reduce(minOf, MAX), hi: c.points.reduce(maxOf, MIN) } : c;
    break;
  }
  if (eq === 0 && !range && !unconstrained) return null;
  const rest = fields.length - eq - (range ? 1 : 0);
  const [low, high] = !range ? [[], []] : directions[eq] === 1 ? [[range.lo], [range.hi]] : [[flip(range.hi)], [flip(range.lo)]];
  const intervals = prefixes.map((p) => ({
    low: [...p, ...low, ...Array(rest).fill(MIN), MIN],
    high: [...p, ...high, ...Array(rest).fill(MAX), MAX],
  }));
  return { index, eq, range: range !== null, intervals };
}

const score = (c: Choice): number => c.eq * 2 + (c.range ? 1 : 0);

/** Whether walking `c` gives documents in `order`: forward, reversed, or not at all. */
function walkDirection(c: Choice, order: [string, 1 | -1][]): 'forward' | 'reverse' | null {
  const { fields, directions, multikeyFields } = c.index;
  // As MongoDB: an array field bound to one value (an org path holding the org) still walks in order; past
  // the bound prefix, a document's several keys would break the order.
  if (c.intervals.length !== 1 || fields.slice(c.eq).some((f) => multikeyFields.has(f))) return null;
  const fixed = fields.slice(0, c.eq);
  const sorted = order.filter(([f]) => !fixed.includes(f));
  let same: boolean | null = null;
  for (let t = 0; t < sorted.length; t++) {
    const i = c.eq + t;
    if (fields[i] !== sorted[t][0]) return null;
    const s = sorted[t][1] === directions[i];
    if (same === null) same = s;
    else if (same !== s) return null;
  }
  return same === false ? 'reverse' : 'forward';
}

function candidates(c: Choice): Doc[] {
  const seen = new Set<Doc>();
  for (const iv of c.intervals) for (const d of c.index.scan(iv)) seen.add(d);
  return [...seen];
}

function* walk(c: Choice, reverse: boolean): Generator<Doc> {
  const seen = new Set<Doc>();
  for (const d of c.index.scan(c.intervals[0], reverse)) if (!seen.has(d)) (seen.add(d), yield d);
}

const best = (choices: Choice[]): Choice | undefined => choices.reduce<Choice | undefined>((b, c) => (!b || score(c) > score(b) ? c : b), undefined);

/** Candidates of an $or read branch by branch, when every branch is served on its own. */
function union(query: Doc, indexes: CompoundIndex[], multikey: (field: string) => boolean): Doc[] | null {
  if (!Array.isArray(query.$or) || !query.$or.length) return null;
  const seen = new Set<Doc>();
  for (const sub of query.$or) {
    if (!isPlainObject(sub)) return null;
    const conds = conditions(sub, multikey);
    const chosen = best(indexes.map((ix) => choose(ix, conds)).filter((c): c is Choice => c !== null));
    const docs = chosen ? candidates(chosen) : union(sub, indexes, multikey);
    if (!docs) return null;
    for (const d of docs) seen.add(d);
  }
  return [...seen];
}

/** `indexes`: the collection's indexes (including _id's); `order`: the sort of a page, if any. */
export function plan(query: Doc, indexes: CompoundIndex[], all: () => Doc[], order?: SortSpec): Plan {
  const sort = Object.entries(order ?? {}) as [string, 1 | -1][];
  const empty = Object.keys(query).length === 0;
  const multikey = (field: string) => indexes.some((ix) => ix.multikeyFields.has(field));
  const conds = conditions(query, multikey);
  const choices = indexes.map((ix) => choose(ix, conds, empty && sort.length > 0)).filter((c): c is Choice => c !== null);
  const served: Plan['served'] = empty ? 'empty' : true;
  const top = empty ? undefined : best(choices);
  if (sort.length) {
    const walkable = choices.map((c) => ({ c, dir: walkDirection(c, sort) })).filter((w) => w.dir !== null);
    const w = walkable.reduce<(typeof walkable)[number] | undefined>((b, x) => (!b || score(x.c) > score(b.c) ? x : b), undefined);
    const better = top && w && score(top) > score(w.c) && top.intervals.reduce((n, iv) => n + top.index.countUpTo(iv, SMALL_ENOUGH), 0) < SMALL_ENOUGH;
    if (w && !better) return { docs: walk(w.c, w.dir === 'reverse'), ordered: true, served, index: w.c.index.declaration.name };
  }
  if (top) return { docs: candidates(top), ordered: false, served, index: top.index.declaration.name };
  if (empty) return { docs: all(), ordered: false, served };
  const docs = union(query, indexes, multikey);
  return docs ? { docs, ordered: false, served: true } : { docs: all(), ordered: false, served: false };
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
