// Bulk loading through localcloud's import route (POST /__localcloud/database/COLLECTION/import): documents
// as NDJSON of relaxed EJSON (numbers as JSON numbers, dates as {"$date": ISO}: localcloud stores plain JS
// values either way, and relaxed lines are quicker to write and to read than canonical ones), sent in
// chunks of a few tens of MB while the next chunk is being made, so neither process ever holds a whole
// collection's lines.
import http from 'node:http';
import { EJSON } from 'bson';
import type { Localcloud } from '../../test/harness/localcloud';

const CHUNK_CHARS = 24 * 1024 * 1024;
const YIELD_CHARS = 256 * 1024;

function post(lc: Localcloud, collection: string, replace: boolean, body: string): Promise<{ inserted: number; replaced?: number }> {
  const url = new URL(`${lc.url}/__localcloud/database/${collection}/import${replace ? '?replace=1' : ''}`);
  return new Promise((resolve, reject) => {
    // a connection of its own (agent: false): generating the next chunk keeps the event loop busy past the
    // server's keep-alive timeout, and a reused connection would be closed under us
    const req = http.request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/x-ndjson' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(`import into ${collection}: ${res.statusCode} ${text.slice(0, 500)}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Loads `docs` into `collection`; with `replace`, a document whose _id is stored replaces it. Returns how
 * many documents went in. One chunk is in flight (its bytes sent on while) the next is made.
 */
export async function importDocs(lc: Localcloud, collection: string, docs: Iterable<object>, replace = false): Promise<number> {
  let inFlight: Promise<unknown> = Promise.resolve();
  let lines: string[] = [];
  let chars = 0;
  let n = 0;
  const send = async () => {
    if (!lines.length) return;
    const body = lines.join('\n');
    lines = [];
    chars = 0;
    await inFlight;
    inFlight = post(lc, collection, replace, body);
    inFlight.catch(() => undefined); // handled where it is awaited; not an unhandled rejection meanwhile
  };
  let sinceYield = 0;
  for (const doc of docs) {
    const line = EJSON.stringify(doc, { relaxed: true });
    lines.push(line);
    chars += line.length;
    sinceYield += line.length;
    n += 1;
    if (chars >= CHUNK_CHARS) await send();
    else if (sinceYield >= YIELD_CHARS) {
      // let the event loop write the chunk in flight on: the socket takes only its buffer's worth at a
      // time, and without this localcloud would get the rest only once the next chunk is made
      sinceYield = 0;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  await send();
  await inFlight;
  return n;
}
