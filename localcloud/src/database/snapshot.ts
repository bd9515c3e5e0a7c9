// The whole database to a folder and back, for the data dir's export and import (console/dataDir.ts):
// one file a collection, DIR/NAME.ndjson, one document a line in canonical EJSON (types kept: dates,
// doubles, longs), so the files are also what `POST /__localcloud/database/NAME/import` reads.
// An export is the committed state at one instant (taken at once between writes); an import replaces every
// collection's documents with the folder's in ONE write (journaled, unique indexes checked, a conflict for
// every open transaction), creating the collections the folder has and emptying those it has not.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { Draft } from './draft';
import { decodeObject, Doc, encodeValue } from './ejson';
import { invalidParam } from './errors';
import { Store } from './store';

const EXT = '.ndjson';

/** Writes every collection into `dir` (which must exist); returns the document count of each. */
export async function exportDatabase(store: Store, dir: string): Promise<Record<string, number>> {
  const snapshot = await store.gate.read(() => store.names().map((name) => [name, store.collection(name).all()] as const));
  const counts: Record<string, number> = {};
  for (const [name, docs] of snapshot) {
    const out = fs.createWriteStream(path.join(dir, name + EXT));
    for (const doc of docs) if (!out.write(encodeValue(doc) + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
    await new Promise<void>((resolve, reject) => out.end(() => resolve()).on('error', reject));
    counts[name] = docs.length;
  }
  return counts;
}

/** Reads the collections an export folder holds (none when it has no such files). */
export async function readExport(dir: string): Promise<Map<string, Doc[]>> {
  const collections = new Map<string, Doc[]>();
  if (!fs.existsSync(dir)) return collections;
  const now = Date.now();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(EXT)).sort()) {
    const docs: Doc[] = [];
    let n = 0;
    for await (const line of readline.createInterface({ input: fs.createReadStream(path.join(dir, file)), crlfDelay: Infinity })) {
      n += 1;
      if (!line.trim()) continue;
      const doc = decodeObject(line, `${file} line ${n}`, now);
      if (typeof doc._id !== 'string' && typeof doc._id !== 'number') throw invalidParam(`${file} line ${n}: _id must be a string or a number`);
      docs.push(doc);
    }
    collections.set(file.slice(0, -EXT.length), docs);
  }
  return collections;
}

/** Makes `collections` the whole database, in one write; returns the document count of each collection. */
export async function replaceDatabase(store: Store, collections: Map<string, Doc[]>): Promise<Record<string, number>> {
  return store.gate.write(async () => {
    for (const name of collections.keys()) if (!store.has(name)) await store.create(name);
    const draft = new Draft(store);
    for (const name of store.names()) for (const doc of store.collection(name).all()) draft.put(name, doc._id, null);
    for (const [name, docs] of collections) for (const doc of docs) draft.put(name, doc._id, doc);
    await store.apply(draft.list());
    return Object.fromEntries(store.names().map((name) => [name, collections.get(name)?.length ?? 0]));
  });
}
