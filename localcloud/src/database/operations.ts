// The database operations, on a Draft: the same code serves a plain request (whose draft the store
// applies at once) and a transaction (whose draft waits for commit). Query, update and aggregation
// semantics are mingo's (MongoDB's); this module only picks candidates and records what changes.
import { calculateObjectSize } from 'bson';
import { Context, ProcessingMode, Query, update as applyUpdate, updateMany } from 'mingo';
import { randomBytes } from 'node:crypto';
import { CloudError } from '../protocol';
import { Draft } from './draft';
import { Doc, encodeValue, isPlainObject, valueAt } from './ejson';
import { documentTooLarge, duplicateKey, invalidParam, MAX_DOCUMENT_BYTES, requestFailed, updateTooLarge } from './errors';
import { Plan, SortSpec } from './planner';
import { Collection, Store } from './store';
import { QueryKind } from './unindexed';

export type { SortSpec };

export interface OpContext {
  draft: Draft;
  envId: string;
  /** reports the plan of a query (for the unindexed accounting) */
  check(collection: Collection, query: Doc, plan: Plan, kind: QueryKind, order?: SortSpec): void;
  /** counts the candidates a query tested (the invocation's docsExamined) */
  examined(n: number): void;
}

/** CloudBase document ids: 32 hex characters. */
export const newId = (): string => randomBytes(16).toString('hex');

const MINGO = { idKey: '_id', scriptEnabled: false };

/** mingo's errors (unknown operator, $inc on a string, ...) are the request's fault. */
function guarded<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof CloudError) throw e;
    throw requestFailed((e as Error).message);
  }
}

const compile = (query: Doc): Query => guarded(() => new Query(query, MINGO));

const idOnly = (query: Doc): unknown => {
  const keys = Object.keys(query);
  const id = query._id;
  return keys.length === 1 && (typeof id === 'string' || typeof id === 'number') ? id : undefined;
};

const isIdList = (c: unknown): c is { $in: (string | number)[] } =>
  isPlainObject(c) && Object.keys(c).length === 1 && Array.isArray(c.$in) && c.$in.every((v) => typeof v === 'string' || typeof v === 'number');

/**
 * A query's `_id: {$in: [...]}` (at its top or in its top-level $and) as a set, and the rest of the query.
 * Performance only: mingo's $in hashes its whole list again for every candidate, so a write naming a page of
 * 1,000 ids tested 1,000 candidates at a million steps; an _id is a string or a number, whose equality a
 * Set's is.
 */
function idListOf(query: Doc): { ids: Set<unknown> | null; rest: Doc } {
  if (isIdList(query._id)) {
    const { _id, ...rest } = query;
    return { ids: new Set((_id as { $in: unknown[] }).$in), rest };
  }
  const and = query.$and;
  const at = Array.isArray(and) ? and.findIndex((c) => isPlainObject(c) && Object.keys(c).length === 1 && isIdList(c._id)) : -1;
  if (at < 0) return { ids: null, rest: query };
  const clauses = (and as Doc[]).filter((_c, i) => i !== at);
  const { $and: _and, ...others } = query;
  return { ids: new Set(((and as Doc[])[at]._id as { $in: unknown[] }).$in), rest: clauses.length ? { ...others, $and: clauses } : others };
}

/**
 * The documents matching `query`, read through the draft (a transaction's by _id only: see index.ts). With
 * `enough`, a plan whose candidates come in `order` stops after that many matches.
 */
function matching(ctx: OpContext, collection: string, query: Doc, kind: QueryKind, order?: SortSpec, enough = Infinity): Doc[] {
  const id = idOnly(query);
  if (id !== undefined) {
    const doc = ctx.draft.get(collection, id);
    ctx.examined(doc ? 1 : 0);
    return doc ? [doc] : [];
  }
  const plan = ctx.draft.plan(collection, query, order);
  ctx.check(ctx.draft.collection(collection), query, plan, kind, order);
  const { ids, rest } = idListOf(query);
  const q = compile(rest);
  const limit = plan.ordered ? enough : Infinity;
  const docs: Doc[] = [];
  let examined = 0;
  guarded(() => {
    for (const d of plan.docs) {
      if (docs.length >= limit) break;
      examined += 1;
      if ((!ids || ids.has(d._id)) && q.test(d)) docs.push(d);
    }
  });
  ctx.examined(examined);
  return docs;
}

export interface FindOptions {
  order?: SortSpec;
  offset: number;
  limit: number;
  projection?: Doc;
}

export function find(ctx: OpContext, collection: string, query: Doc, opts: FindOptions): Doc[] {
  const found = matching(ctx, collection, query, 'get', opts.order, opts.offset + opts.limit);
  return guarded(() => {
    let cursor = new Query({}, MINGO).find(found, opts.projection);
    if (opts.order && Object.keys(opts.order).length) cursor = cursor.sort(opts.order);
    return cursor.skip(opts.offset).limit(opts.limit).all() as Doc[];
  });
}

export const count = (ctx: OpContext, collection: string, query: Doc): number => matching(ctx, collection, query, 'count').length;

export function insert(ctx: OpContext, collection: string, docs: Doc[]): unknown[] {
  ctx.draft.collection(collection);
  return docs.map((doc) => {
    const id = doc._id ?? newId();
    if (typeof id !== 'string' && typeof id !== 'number') throw invalidParam('_id must be a string or a number');
    if (ctx.draft.get(collection, id)) throw duplicateKey(ctx.envId, collection, '_id_', `{ _id: ${JSON.stringify(id)} }`);
    const stored = { _id: id, ...doc };
    const size = calculateObjectSize(stored); // as MongoDB counts it against its 16 MB
    if (size > MAX_DOCUMENT_BYTES) throw documentTooLarge(size, `_id: ${JSON.stringify(id)}`);
    ctx.draft.put(collection, id, stored);
    return id;
  });
}

export interface ModifyOptions {
  multi: boolean;
  /** true: `data` holds update operators (update); false: `data` replaces the document (set) */
  merge: boolean;
  upsert: boolean;
}

export interface ModifyResult {
  updated: number;
  upsertedId?: unknown;
  /** the new state of the last document written (modifyAndReturnDoc) */
  doc: Doc | null;
}

function asModifier(data: Doc): Doc {
  const keys = Object.keys(data);
  const operators = keys.filter((k) => k.startsWith('$'));
  if (operators.length === keys.length) return data;
  if (operators.length === 0) return { $set: data };
  throw invalidParam('update data mixes operators and fields');
}

const NUMERIC = ['$inc', '$mul'];
const ARRAY = ['$push', '$pop', '$pull', '$pullAll', '$addToSet'];

/** MongoDB refuses these where mingo would silently do nothing: a bug should fail here as in the cloud. */
function checkOperandTypes(doc: Doc, modifier: Doc): void {
  for (const [op, fields] of Object.entries(modifier)) {
    if (!isPlainObject(fields)) throw requestFailed(`Modifiers operate on fields but we found type ${typeof fields} instead: ${op}`);
    for (const [path, operand] of Object.entries(fields)) {
      const current = valueAt(doc, path);
      if (NUMERIC.includes(op) && (typeof operand !== 'number' || (current !== undefined && typeof current !== 'number'))) {
        throw requestFailed(`Cannot apply ${op} to a value of non-numeric type: ${path}`);
      }
      if (ARRAY.includes(op) && current !== undefined && !Array.isArray(current)) throw requestFailed(`The field '${path}' must be an array: ${op}`);
    }
  }
}

/** `docs` with `modifier` applied, as new documents; one mingo update for all of them (it sets itself up per
 *  call, which cost more than the update of one document). */
function modified(docs: Doc[], modifier: Doc): Doc[] {
  for (const doc of docs) checkOperandTypes(doc, modifier);
  const next = docs.map((doc) => structuredClone(doc));
  guarded(() => updateMany(next, {}, modifier, { cloneMode: 'deep' }));
  if (next.some((doc, i) => encodeValue(doc._id) !== encodeValue(docs[i]._id))) throw requestFailed("Performing an update on the path '_id' would modify the immutable field '_id'");
  return next;
}

/** The document an upsert starts from: the query's equality conditions. */
function upsertBase(query: Doc): Doc {
  const equalities = Object.fromEntries(Object.entries(query).filter(([k, v]) => !k.startsWith('$') && !(isPlainObject(v) && Object.keys(v).some((o) => o.startsWith('$')))));
  const { _id, ...fields } = equalities;
  const base: Doc = {};
  guarded(() => applyUpdate(base, { $set: fields }));
  return _id === undefined ? base : { _id, ...base };
}

export function modify(ctx: OpContext, collection: string, query: Doc, data: Doc, opts: ModifyOptions): ModifyResult {
  const modifier = opts.merge ? asModifier(data) : null;
  if (!modifier && Object.keys(data).some((k) => k.startsWith('$'))) throw invalidParam('set() takes a document, not update operators');
  const targets = matching(ctx, collection, query, 'write');
  const write = (before: Doc | null, after: Doc) => {
    if (before && encodeValue(before) === encodeValue(after)) return false;
    if (calculateObjectSize(after) > MAX_DOCUMENT_BYTES) throw updateTooLarge();
    ctx.draft.put(collection, after._id, after);
    return true;
  };
  if (targets.length === 0 && opts.upsert) {
    const base = upsertBase(query);
    const id = base._id ?? newId();
    const doc = modifier ? modified([{ ...base, _id: id }], modifier)[0] : { _id: id, ...data };
    write(null, doc);
    return { updated: 0, upsertedId: id, doc };
  }
  const befores = opts.multi ? targets : targets.slice(0, 1);
  const afters = modifier ? modified(befores, modifier) : befores.map((before) => ({ _id: before._id, ...data }));
  const updated = befores.filter((before, i) => write(before, afters[i])).length;
  return { updated, doc: afters[afters.length - 1] ?? null };
}

export function remove(ctx: OpContext, collection: string, query: Doc, multi: boolean): number {
  const targets = matching(ctx, collection, query, 'write');
  const chosen = multi ? targets : targets.slice(0, 1);
  for (const doc of chosen) ctx.draft.put(collection, doc._id, null);
  return chosen.length;
}

/**
 * $lookup as MongoDB's: mingo's equality form with an array localField also lists `undefined` for each
 * element nothing matches, where MongoDB joins only the documents matched (CloudBase's reference, 对数组字段
 * 应用相等匹配). Those are dropped here; anything else is mingo's.
 */
interface Documents {
  map(f: (o: unknown) => unknown): Documents;
}
type PipelineOp = (coll: Documents, expr: unknown, options: unknown) => Documents;
type Ops = Record<string, unknown>;
// mingo's subpaths: the package exports them, the project's module resolution does not reach their typings
/* eslint-disable @typescript-eslint/no-require-imports */
const { Aggregator: BareAggregator } = require('mingo/aggregator') as { Aggregator: new (pipeline: Doc[], options: object) => { run(docs: Doc[]): unknown } };
const pipelineOps = require('mingo/operators/pipeline') as Ops & { $lookup: PipelineOp };
const operators = {
  accumulator: require('mingo/operators/accumulator') as Ops,
  expression: require('mingo/operators/expression') as Ops,
  projection: require('mingo/operators/projection') as Ops,
  query: require('mingo/operators/query') as Ops,
  window: require('mingo/operators/window') as Ops,
};
/* eslint-enable @typescript-eslint/no-require-imports */
const lookup: PipelineOp = (coll, expr, options) => {
  const { as } = expr as { as: string };
  return pipelineOps.$lookup(coll, expr, options).map((o) => {
    const doc = o as Doc;
    return Array.isArray(doc[as]) ? { ...doc, [as]: (doc[as] as unknown[]).filter((d) => d !== undefined) } : doc;
  });
};
/** mingo's operators (what its root Aggregator merges in, which keeps its own $lookup over any given). */
const AGGREGATE_CONTEXT = Context.init({ ...operators, pipeline: { ...pipelineOps, $lookup: lookup } } as never);

/**
 * What a top-level $lookup of a named collection joins from, read as a query reads: for the equality form the
 * documents whose foreignField holds a localField value of the documents at hand, for a pipeline whose leading
 * $match reads no variable (uncorrelated) the documents it matches; for any other the whole collection. Each
 * read is planned on the collection's indexes and accounted as the aggregation's (unindexed, examined), as
 * MongoDB runs a join on the joined collection's index. Copies, since later stages may modify what it joined.
 */
function joinedFrom(ctx: OpContext, store: Store, spec: Doc, docs: readonly Doc[]): Doc {
  const from = spec.from as string;
  if (!store.has(from)) return { ...spec, from: [] };
  let query: Doc | null = null;
  if (typeof spec.localField === 'string' && typeof spec.foreignField === 'string') {
    const values = new Set<unknown>();
    for (const d of docs) {
      const v = valueAt(d, spec.localField) ?? null;
      for (const x of Array.isArray(v) ? v : [v]) values.add(x);
    }
    query = { [spec.foreignField]: { $in: [...values] } };
  } else {
    const first = Array.isArray(spec.pipeline) ? (spec.pipeline[0] as Doc | undefined)?.$match : undefined;
    if (isPlainObject(first) && !JSON.stringify(first).includes('"$expr"')) query = first as Doc;
  }
  const found = query ? matching(ctx, from, query, 'aggregate') : ctx.draft.collection(from).all();
  return { ...spec, from: structuredClone(found) };
}

/** Aggregation over committed data; a leading $match picks its candidates like a query does, and each
 *  top-level $lookup what it joins (joinedFrom), so the stages run in runs between the lookups. */
export function aggregate(ctx: OpContext, store: Store, collection: string, pipeline: Doc[]): Doc[] {
  const coll = ctx.draft.collection(collection);
  const match = isPlainObject(pipeline[0]?.$match) ? (pipeline[0].$match as Doc) : null;
  let docs: Doc[];
  if (match) {
    const plan = coll.plan(match);
    ctx.check(coll, match, plan, 'aggregate');
    docs = [...plan.docs];
  } else docs = coll.all();
  ctx.examined(docs.length);
  const options = {
    ...MINGO,
    context: AGGREGATE_CONTEXT,
    processingMode: ProcessingMode.CLONE_INPUT,
    // a $lookup nested in a sub-pipeline reads the whole collection; copies, as joinedFrom
    collectionResolver: (name: string) => (store.has(name) ? structuredClone(store.collection(name).all()) : []),
  };
  const run = (stages: Doc[], input: Doc[]) => guarded(() => new BareAggregator(stages, options).run(input) as Doc[]);
  let pending: Doc[] = [];
  for (const stage of pipeline) {
    const spec = stage.$lookup;
    if (!isPlainObject(spec) || typeof spec.from !== 'string') {
      pending.push(stage);
      continue;
    }
    if (pending.length) docs = run(pending, docs);
    pending = [];
    docs = run([{ $lookup: joinedFrom(ctx, store, spec as Doc, docs) }], docs);
  }
  return run(pending, docs);
}
