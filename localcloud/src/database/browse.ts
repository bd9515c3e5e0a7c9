// The data as the console shows it, and the console's direct edits:
//   GET    /__localcloud/database/collections                      every collection: its count and declared indexes
//   GET    /__localcloud/database/COLL/documents?where=&orderBy=&offset=&limit=
//          a page (limit ≤ 100, default 20) of the documents matching `where` (a query in EJSON, as the SDK
//          sends it: {"status":"submitted"}, {"createdAt":{"$gt":{"$date":"2025-01-01T00:00:00Z"}}}) in
//          `orderBy` ({"createdAt":-1}); documents in relaxed EJSON, with the total matching
//   PUT    /__localcloud/database/COLL/documents/ID   body: the document (relaxed EJSON)  replaces it
//   DELETE /__localcloud/database/COLL/documents/ID                                        removes it
// These queries are the developer's, not the product's: they are not counted as unindexed. An edit is one
// write like any other (unique indexes checked, journaled, a conflict for open transactions that saw it).
import { EJSON } from 'bson';
import { CloudError } from '../protocol';
import type { HttpContext, HttpRoute } from '../server';
import { Draft } from './draft';
import { decodeObject, decodeParam, Doc, isPlainObject } from './ejson';
import { count, find, OpContext, SortSpec } from './operations';
import { Store } from './store';

const PAGE = 20;
const MAX_PAGE = 100;

const toRelaxed = (doc: Doc): unknown => EJSON.serialize(doc, { relaxed: true });

/** nedb (and MongoDB before 5) refuse field names starting with $ or holding a dot; refused here, before the journal. */
function badFieldName(v: unknown): string | null {
  if (Array.isArray(v)) return v.map(badFieldName).find((x) => x !== null) ?? null;
  if (!isPlainObject(v)) return null;
  for (const [k, x] of Object.entries(v)) {
    if (k.startsWith('$') || k.includes('.')) return k;
    const inner = badFieldName(x);
    if (inner) return inner;
  }
  return null;
}

export function browseRoutes(store: Store, envId: string, log: (line: string) => void): HttpRoute[] {
  const op = (draft: Draft): OpContext => ({ draft, envId, check: () => undefined, examined: () => undefined });
  const fail = (c: HttpContext, status: number, message: string) => c.json(status, { errCode: status === 404 ? 'NOT_FOUND' : 'INVALID_PARAM', errMsg: message });

  /** The stored id an URL names: a string id, or the number it spells when no string id matches. */
  const idOf = (collection: string, raw: string): unknown => {
    const draft = new Draft(store);
    if (draft.get(collection, raw) !== undefined) return raw;
    const n = Number(raw);
    return /^-?\d+(\.\d+)?$/.test(raw) && draft.get(collection, n) !== undefined ? n : undefined;
  };

  /** Runs a replace or remove of one stored document as one write; 404 when it is not there. */
  async function change(c: HttpContext, next: (before: Doc) => Doc | null, verb: string): Promise<void> {
    const [collection, raw] = [c.match[1], decodeURIComponent(c.match[2])];
    if (!store.has(collection)) return fail(c, 404, `collection ${collection} does not exist`);
    try {
      const done = await store.gate.write(async () => {
        const id = idOf(collection, raw);
        if (id === undefined) return false;
        const draft = new Draft(store);
        draft.put(collection, id, next(draft.get(collection, id)!));
        await store.apply(draft.list());
        return true;
      });
      if (!done) return fail(c, 404, `no document ${raw} in ${collection}`);
      log(`console: ${verb} ${collection}/${raw}`);
      c.json(200, { [verb]: 1 });
    } catch (e) {
      if (e instanceof CloudError) return c.json(e.code === 'INVALID_PARAM' ? 400 : 409, { errCode: e.code, errMsg: e.message });
      throw e;
    }
  }

  const documents = /^\/__localcloud\/database\/([A-Za-z0-9_-]+)\/documents$/;
  const document = /^\/__localcloud\/database\/([A-Za-z0-9_-]+)\/documents\/([^/]+)$/;
  return [
    {
      method: 'GET',
      path: /^\/__localcloud\/database\/collections$/,
      handle: async (c) =>
        c.json(200, {
          collections: await store.gate.read(() =>
            store.names().map((name) => {
              const coll = store.collection(name);
              return { name, count: coll.all().length, indexes: coll.indexes.map((ix) => ({ name: ix.name, keys: ix.keys, unique: ix.unique })) };
            }),
          ),
        }),
    },
    {
      method: 'GET',
      path: documents,
      async handle(c) {
        const collection = c.match[1];
        if (!store.has(collection)) return fail(c, 404, `collection ${collection} does not exist`);
        const q = c.url.searchParams;
        const now = Date.now();
        let where: Doc;
        let order: SortSpec | undefined;
        try {
          where = q.get('where')?.trim() ? decodeObject(q.get('where'), 'where', now) : {};
          const o = q.get('orderBy')?.trim() ? decodeParam(q.get('orderBy'), 'orderBy', now) : undefined;
          if (o !== undefined && (!isPlainObject(o) || Object.values(o).some((d) => d !== 1 && d !== -1))) throw new CloudError('INVALID_PARAM', 'orderBy must map fields to 1 or -1');
          order = o as SortSpec | undefined;
        } catch (e) {
          return fail(c, 400, (e as Error).message);
        }
        const offset = Math.max(0, Number(q.get('offset')) || 0);
        const limit = Math.min(MAX_PAGE, Math.max(1, Number(q.get('limit')) || PAGE));
        try {
          const page = await store.gate.read(() => {
            const total = count(op(new Draft(store)), collection, where);
            const docs = find(op(new Draft(store)), collection, where, { order, offset, limit });
            return { total, offset, limit, documents: docs.map(toRelaxed) };
          });
          c.json(200, page);
        } catch (e) {
          if (e instanceof CloudError) return fail(c, 400, e.message);
          throw e;
        }
      },
    },
    {
      method: 'PUT',
      path: document,
      async handle(c) {
        let doc: Doc;
        try {
          doc = decodeObject((await c.body()).toString('utf8'), 'document', Date.now());
        } catch (e) {
          return fail(c, 400, (e as Error).message);
        }
        const bad = badFieldName(doc);
        if (bad) return fail(c, 400, `field name ${JSON.stringify(bad)} may not start with $ or contain a dot`);
        if (doc._id !== undefined && String(doc._id) !== decodeURIComponent(c.match[2])) return fail(c, 400, 'a document\'s _id cannot change');
        await change(c, (before) => ({ ...doc, _id: before._id }), 'replaced');
      },
    },
    { method: 'DELETE', path: document, handle: (c) => change(c, () => null, 'deleted') },
  ];
}
