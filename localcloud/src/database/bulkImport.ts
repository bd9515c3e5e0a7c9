// Bulk loading for big tests and benchmarks:
//
//   POST /__localcloud/database/COLLECTION/import
//   body: NDJSON, one document per line in EJSON (canonical or relaxed: dates as {"$date": "…"} or
//         {"$date": {"$numberLong": "…"}}); a document without _id gets a CloudBase-style id
//   → 200 {"inserted": N}
//
//   POST /__localcloud/database/COLLECTION/import?replace=1
//   the same, but a document whose _id is stored replaces it (as set() does) → 200 {"inserted": N, "replaced": M}
//
// All the documents go in as ONE write, like an insert of many through the SDK: unique indexes are checked
// (a duplicate refuses the whole import: 409 with CloudBase's E11000 error; a bad _id 400), the write is journaled, every declared
// index is maintained, and open transactions see it as a concurrent write. An unknown collection is 404, a
// line that is not an EJSON object 400 naming the line.
import readline from 'node:readline';
import { CloudError } from '../protocol';
import { HttpRoute } from '../server';
import { decodeObject, Doc } from './ejson';
import { Draft } from './draft';
import { insert } from './operations';
import { Store } from './store';

export function importRoute(store: Store, envId: string): HttpRoute {
  return {
    method: 'POST',
    path: /^\/__localcloud\/database\/([A-Za-z0-9_-]+)\/import$/,
    async handle(c) {
      const collection = c.match[1];
      const replace = c.url.searchParams.get('replace') === '1';
      // The body is read line by line as it arrives (never held whole), and always to its end, so even a
      // refusal reaches a client still sending.
      const now = Date.now();
      const docs: Doc[] = [];
      let bad: string | null = null;
      let n = 0;
      for await (const line of readline.createInterface({ input: c.req, crlfDelay: Infinity })) {
        n += 1;
        if (bad || !line.trim()) continue;
        try {
          docs.push(decodeObject(line, `line ${n}`, now));
        } catch (e) {
          bad = (e as Error).message;
        }
      }
      if (!store.has(collection)) return c.json(404, { errCode: 'DATABASE_COLLECTION_NOT_EXIST', errMsg: `collection ${collection} does not exist` });
      if (bad) return c.json(400, { errCode: 'INVALID_PARAM', errMsg: bad });
      try {
        const counts = await store.gate.write(async () => {
          const draft = new Draft(store);
          const replacing = new Set(replace ? docs.filter((d) => d._id !== undefined && draft.get(collection, d._id) !== undefined) : []);
          for (const d of replacing) draft.put(collection, d._id, d);
          const ids = insert({ draft, envId, check: () => undefined, examined: () => undefined }, collection, replacing.size ? docs.filter((d) => !replacing.has(d)) : docs);
          await store.apply(draft.list());
          return replace ? { inserted: ids.length, replaced: replacing.size } : { inserted: ids.length };
        });
        c.json(200, counts);
      } catch (e) {
        if (e instanceof CloudError) return c.json(e.code === 'INVALID_PARAM' ? 400 : 409, { errCode: e.code, errMsg: e.message });
        throw e;
      }
    },
  };
}
