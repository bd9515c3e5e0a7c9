// The database service: answers the `database.*` admin actions wx-server-sdk sends, with nedb as the
// storage engine (one datastore per collection under <dataDir>/database/) and mingo as the query
// engine. Collections and indexes come from the declaration file; see store.ts for durability,
// transactions.ts for isolation, unindexed.ts for the index accounting, bulkImport.ts for loading big data sets,
// browse.ts for the console's view and edits, snapshot.ts for the data dir's export and import.
import path from 'node:path';
import { AdminReply, AdminRequest, CloudError } from '../protocol';
import { LocalCloudContext, LocalService } from '../server';
import { browseRoutes } from './browse';
import { importRoute } from './bulkImport';
import { readDeclarations, seedsToWrite, type CollectionDeclaration } from './declarations';
import { Draft } from './draft';
import { decodeObject, decodeParam, Doc, encodeValue, isPlainObject } from './ejson';
import { invalidParam, notSingleDocument } from './errors';
import { aggregate, count, find, insert, modify, ModifyResult, OpContext, remove, SortSpec } from './operations';
import { Store } from './store';
import { Transactions } from './transactions';
import { UnindexedQueries } from './unindexed';

/** get() without a limit answers 100 documents; the server SDK may ask for at most 1000. */
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;
/**
 * aggregate() without a $limit stage answers 20 results; with one, at most 10,000 (a larger $limit answers
 * 10,000). Not in CloudBase's documentation: what developers measured on the server
 * (https://developers.weixin.qq.com/community/develop/article/doc/000624c67c8b48611dba2b12058c13).
 */
const AGGREGATE_DEFAULT_LIMIT = 20;
const AGGREGATE_MAX_RESULTS = 10_000;

/** Milliseconds from the environment variable `name`, or `fallback` when it is unset. */
function msFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms <= 0) throw new Error(`${name} must be a positive number of milliseconds, not ${JSON.stringify(raw)}`);
  return ms;
}

/**
 * CloudBase rolls back a transaction not committed or aborted within 30 s (its DATABASE_TRANSACTION_FAIL
 * page). An ordinary write blocked by a transaction's lock waits until the lock is released or a timeout
 * (CloudBase's transaction guide); CloudBase names no figure, and the SDK gives up on any request after its
 * default 15 s (@cloudbase/node-sdk `timeout`), so that is the default wait. See localcloud/README.md.
 */
const TRANSACTION_LIMITS = {
  lifetimeMs: msFromEnv('LOCALCLOUD_TRANSACTION_TIMEOUT_MS', 30_000),
  lockWaitMs: msFromEnv('LOCALCLOUD_LOCK_WAIT_MS', 15_000),
};

type Params = Record<string, unknown>;

function text(params: Params, name: string): string {
  const v = params[name];
  if (typeof v !== 'string' || v === '') throw invalidParam(`${name} must be a non-empty string`);
  return v;
}

function nonNegativeInt(params: Params, name: string, fallback: number): number {
  const v = params[name];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw invalidParam(`${name} must be a non-negative integer`);
  return v;
}

const optionalObject = (params: Params, name: string, now: number): Doc | undefined =>
  params[name] === undefined || params[name] === null || params[name] === '' ? undefined : decodeObject(params[name], name, now);

/** `order` is {field: 1 | -1} from wx-server-sdk 4, [{field, direction}] from older SDKs. */
function parseOrder(params: Params, now: number): SortSpec | undefined {
  if (params.order === undefined || params.order === null) return undefined;
  const raw = decodeParam(params.order, 'order', now);
  const entries: [string, unknown][] = Array.isArray(raw)
    ? raw.map((o: { field?: unknown; direction?: unknown }) => [String(o.field), o.direction === 'desc' ? -1 : o.direction === 'asc' ? 1 : o.direction])
    : isPlainObject(raw)
      ? Object.entries(raw)
      : [['', null]];
  for (const [field, dir] of entries) if (!field || (dir !== 1 && dir !== -1)) throw invalidParam('order must map fields to 1 or -1');
  return Object.fromEntries(entries) as SortSpec;
}

/** Writes the declared seed documents a collection lacks or holds at a lower seedVersion, in one write, as
 *  the deploy step does in CloudBase. */
async function applySeeds(store: Store, declarations: CollectionDeclaration[]): Promise<void> {
  await store.gate.write(() =>
    store.apply(
      declarations.flatMap((d) => {
        const stored = new Map(
          d.seed.flatMap((s) => {
            const doc = store.collection(d.name).get(s._id);
            return doc ? [[s._id, typeof doc.seedVersion === 'number' ? doc.seedVersion : null] as const] : [];
          }),
        );
        return seedsToWrite(d.seed, stored).map((doc) => ({ collection: d.name, id: doc._id, doc: structuredClone(doc) }));
      }),
    ),
  );
}

/** The database service, its store for the data dir's export, import and reset, and the declared seeds
 *  written again after those replace the database (the product's built-in documents are always there). */
export type DatabaseService = LocalService & { store: Store; seed(): Promise<void> };

export async function createDatabase(ctx: LocalCloudContext, collectionsFile: string): Promise<DatabaseService> {
  const declarations = readDeclarations(collectionsFile);
  const store = await Store.open(path.join(ctx.dataDir, 'database'), ctx.envId, declarations);
  await applySeeds(store, declarations);
  const transactions = new Transactions(store, TRANSACTION_LIMITS, ctx.log);
  const unindexed = new UnindexedQueries(ctx);

  const opContext = (draft: Draft, req: AdminRequest): OpContext => ({
    draft,
    envId: ctx.envId,
    check: (collection, query, plan, kind, order) => unindexed.check(collection, query, plan, kind, req.invocationId, order),
    examined: (n) => ctx.stats.recordExamined(n, req.invocationId),
  });
  const transactionId = (req: AdminRequest) => req.params.transactionId;
  const inTransaction = (req: AdminRequest) => transactionId(req) !== undefined;

  /**
   * A request of a transaction must address one document (queryType DOC, a query of its _id alone); else
   * it is refused, and the transaction is over, as after any failed operation.
   */
  const singleDocument = (req: AdminRequest, what: string, query?: Doc): void => {
    const ok = query !== undefined && req.params.queryType === 'DOC' && Object.keys(query).length === 1 && ['string', 'number'].includes(typeof query._id);
    if (inTransaction(req) && !ok) throw transactions.fail(transactionId(req), notSingleDocument(what));
  };

  /** Reads see committed data, or the transaction's snapshot when the request belongs to one. */
  const read = <T>(req: AdminRequest, op: (c: OpContext) => T): Promise<T> =>
    inTransaction(req)
      ? transactions.run(transactionId(req), (draft) => op(opContext(draft, req)))
      : store.gate.read(() => op(opContext(new Draft(store), req)));

  /** A write outside a transaction is applied whole before it is answered (after any transaction holding what it touches). */
  const write = <T>(req: AdminRequest, op: (c: OpContext) => T): Promise<T> =>
    inTransaction(req)
      ? transactions.run(transactionId(req), (draft) => op(opContext(draft, req)))
      : transactions.write((draft) => op(opContext(draft, req)));

  /** Counted once the write is answered: an ordinary write waiting for a lock builds its changes again, which must not count twice. */
  const written = (req: AdminRequest, n: number) => ctx.stats.recordWritten(n, req.invocationId);
  const changedBy = (r: ModifyResult) => r.updated + (r.upsertedId === undefined ? 0 : 1);

  /** The query of a request: {_id} for a document reference (queryType DOC), else its where(). */
  const queryOf = (p: Params, now: number): Doc => optionalObject(p, 'query', now) ?? {};

  const modifyRequest = (p: Params, now: number) => ({
    collection: text(p, 'collectionName'),
    query: queryOf(p, now),
    data: decodeObject(p.data, 'data', now),
    options: { multi: p.multi === true, merge: p.merge !== false, upsert: p.upsert === true },
  });

  const actions: Record<string, (req: AdminRequest, p: Params, now: number) => Promise<AdminReply>> = {
    async 'database.insertDocument'(req, p, now) {
      const collection = text(p, 'collectionName');
      if (!Array.isArray(p.data) || p.data.length === 0) throw invalidParam('data must be a non-empty array');
      const docs = p.data.map((d, i) => decodeObject(d, `data[${i}]`, now));
      const insertedIds = await write(req, (c) => insert(c, collection, docs));
      written(req, insertedIds.length);
      return { data: { insertedIds } };
    },
    async 'database.getDocument'(req, p, now) {
      const collection = text(p, 'collectionName');
      const query = queryOf(p, now);
      singleDocument(req, 'where().get()', query);
      const options = {
        order: parseOrder(p, now),
        offset: nonNegativeInt(p, 'offset', 0),
        limit: Math.min(nonNegativeInt(p, 'limit', DEFAULT_LIMIT) || DEFAULT_LIMIT, MAX_LIMIT),
        projection: optionalObject(p, 'projection', now),
      };
      const list = await read(req, (c) => find(c, collection, query, options));
      return { data: { list: list.map(encodeValue), limit: options.limit, offset: options.offset } };
    },
    async 'database.calculateDocument'(req, p, now) {
      const collection = text(p, 'collectionName');
      const query = queryOf(p, now);
      singleDocument(req, 'count()');
      return { data: { total: await read(req, (c) => count(c, collection, query)) } };
    },
    async 'database.modifyDocument'(req, p, now) {
      const m = modifyRequest(p, now);
      singleDocument(req, 'where().update()', m.query);
      const r = await write(req, (c) => modify(c, m.collection, m.query, m.data, m.options));
      written(req, changedBy(r));
      return { data: { updated: r.updated, upsert_id: r.upsertedId } };
    },
    async 'database.modifyAndReturnDoc'(req, p, now) {
      const m = modifyRequest(p, now);
      singleDocument(req, 'where().updateAndReturn()', m.query);
      const r = await write(req, (c) => modify(c, m.collection, m.query, m.data, { ...m.options, multi: false }));
      written(req, changedBy(r));
      return { data: { updated: r.updated, doc: r.doc ? encodeValue(r.doc) : null } };
    },
    async 'database.removeDocument'(req, p, now) {
      const collection = text(p, 'collectionName');
      const query = queryOf(p, now);
      singleDocument(req, 'where().remove()', query);
      const deleted = await write(req, (c) => remove(c, collection, query, p.multi === true));
      written(req, deleted);
      return { data: { deleted } };
    },
    async 'database.aggregateDocuments'(req, p, now) {
      const collection = text(p, 'collectionName');
      singleDocument(req, 'aggregate()');
      if (!Array.isArray(p.stages)) throw invalidParam('stages must be an array');
      const pipeline = p.stages.map((s: { stageKey?: unknown; stageValue?: unknown }, i) => {
        if (typeof s?.stageKey !== 'string' || !s.stageKey.startsWith('$')) throw invalidParam(`stages[${i}].stageKey must be a $stage name`);
        return { [s.stageKey]: decodeParam(s.stageValue, `stages[${i}].stageValue`, now) };
      });
      pipeline.push({ $limit: pipeline.some((stage) => '$limit' in stage) ? AGGREGATE_MAX_RESULTS : AGGREGATE_DEFAULT_LIMIT });
      const list = await store.gate.read(() => aggregate(opContext(new Draft(store), req), store, collection, pipeline));
      return { data: { list: list.map(encodeValue) } };
    },
    async 'database.addCollection'(_req, p) {
      const name = text(p, 'collectionName');
      await store.gate.write(() => store.create(name));
      return {};
    },
    async 'database.startTransaction'() {
      return { transactionId: transactions.start() };
    },
    async 'database.commitTransaction'(_req, p) {
      await transactions.commit(p.transactionId);
      return {};
    },
    async 'database.abortTransaction'(_req, p) {
      transactions.abort(p.transactionId);
      return {};
    },
    // the older transaction API of @cloudbase/database (transaction.get/set/update/delete by _id)
    async 'database.getInTransaction'(req, p) {
      const collection = text(p, 'collectionName');
      const doc = await read(req, (c) => c.draft.get(collection, p._id));
      return { data: encodeValue(doc ?? null) };
    },
    async 'database.updateDocInTransaction'(req, p, now) {
      const collection = text(p, 'collectionName');
      const data = decodeObject(p.data, 'data', now);
      const upsert = p.upsert === true;
      const r = await write(req, (c) => modify(c, collection, { _id: p._id }, data, { multi: false, merge: !upsert, upsert }));
      written(req, changedBy(r));
      return { updated: encodeValue(r.updated), upserted: r.upsertedId === undefined ? undefined : JSON.stringify([{ _id: r.upsertedId }]) };
    },
    async 'database.deleteDocInTransaction'(req, p) {
      const collection = text(p, 'collectionName');
      const deleted = await write(req, (c) => remove(c, collection, { _id: p._id }, false));
      written(req, deleted);
      return { deleted: encodeValue(deleted) };
    },
  };

  return {
    prefix: 'database',
    store,
    seed: () => applySeeds(store, declarations),
    routes: [...unindexed.routes(), importRoute(store, ctx.envId), ...browseRoutes(store, ctx.envId, ctx.log)],
    async handle(req) {
      const action = actions[req.action];
      if (!action) throw new CloudError('INVALID_ACTION', `action ${req.action} is not supported by localcloud`);
      return action(req, req.params, Date.now());
    },
    async stop() {
      transactions.stop();
      await store.close();
    },
  };
}
