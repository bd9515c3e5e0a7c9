// The declaration file (cloudbase/collections.json): every collection and its indexes, created by
// localcloud at start and by the deploy step in a real environment.
//   { "collections": [ { "name": "members", "indexes": [
//       { "name": "openid_1", "keys": [["openid", 1]], "unique": true },
//       { "name": "org_created", "keys": [["orgId", 1], ["createdAt", -1]] } ] },
//     { "name": "serviceKinds", "seed": "service-kinds.json", "indexes": [...] } ] }
// A seed is a JSON file beside the declaration, {"documents": [{"_id": …, "seedVersion": n, …}]}: documents
// the product ships as data, written where missing or where the stored one has a lower seedVersion (never
// otherwise, so nothing else in the collection is touched). Other properties are left to whoever reads them.
import fs from 'node:fs';
import path from 'node:path';

export interface IndexDeclaration {
  name: string;
  /** [field (dot path), 1 | -1] in index order */
  keys: [string, 1 | -1][];
  unique: boolean;
}

/** A document a seed ships: plain JSON with a string _id. */
export interface SeedDocument {
  _id: string;
  seedVersion?: number;
  [field: string]: unknown;
}

export interface CollectionDeclaration {
  name: string;
  indexes: IndexDeclaration[];
  /** the seed file's documents ([] without one) */
  seed: SeedDocument[];
}

/** The seed documents to write given the stored seedVersion of each (undefined: absent; null: stored
 *  without one): the missing ones and those whose stored version is lower. */
export function seedsToWrite(seed: readonly SeedDocument[], stored: ReadonlyMap<string, number | null>): SeedDocument[] {
  return seed.filter((d) => !stored.has(d._id) || (stored.get(d._id) ?? 0) < (d.seedVersion ?? 0));
}

function readSeed(file: string, seedFile: unknown, where: string): SeedDocument[] {
  if (seedFile === undefined) return [];
  if (typeof seedFile !== 'string' || !seedFile) fail(file, `${where}.seed must be a file name`);
  const seedPath = path.join(path.dirname(file), seedFile);
  if (!fs.existsSync(seedPath)) fail(file, `${where}.seed: ${seedFile} does not exist`);
  let root: { documents?: unknown };
  try {
    root = JSON.parse(fs.readFileSync(seedPath, 'utf8')) as { documents?: unknown };
  } catch (e) {
    return fail(file, `${where}.seed: ${seedFile} is not valid JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(root.documents)) fail(file, `${where}.seed: ${seedFile} must hold {"documents": [...]}`);
  const ids = new Set<string>();
  return root.documents.map((d: Record<string, unknown>, i: number) => {
    if (typeof d?._id !== 'string' || !d._id || ids.has(d._id)) fail(file, `${where}.seed: ${seedFile} documents[${i}] needs a unique string _id`);
    if (d.seedVersion !== undefined && !Number.isInteger(d.seedVersion)) fail(file, `${where}.seed: ${seedFile} documents[${i}].seedVersion must be an integer`);
    ids.add(d._id as string);
    return d as SeedDocument;
  });
}

export const COLLECTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;

function fail(file: string, what: string): never {
  throw new Error(`${file}: ${what}`);
}

export function readDeclarations(file: string): CollectionDeclaration[] {
  if (!fs.existsSync(file)) return [];
  const root = JSON.parse(fs.readFileSync(file, 'utf8')) as { collections?: unknown };
  if (!Array.isArray(root.collections)) fail(file, '"collections" must be an array');
  return root.collections.map((c: { name?: unknown; indexes?: unknown; seed?: unknown }, i: number) => {
    if (typeof c.name !== 'string' || !COLLECTION_NAME.test(c.name)) fail(file, `collections[${i}].name must match ${COLLECTION_NAME}`);
    const indexes = (c.indexes ?? []) as { name?: unknown; keys?: unknown; unique?: unknown }[];
    if (!Array.isArray(indexes)) fail(file, `${c.name}.indexes must be an array`);
    return {
      name: c.name,
      seed: readSeed(file, c.seed, c.name),
      indexes: indexes.map((ix, j) => {
        const keys = ix.keys as unknown[];
        const where = `${c.name}.indexes[${j}]`;
        if (typeof ix.name !== 'string' || !ix.name) fail(file, `${where}.name must be a non-empty string`);
        if (!Array.isArray(keys) || keys.length === 0) fail(file, `${where}.keys must be a non-empty array`);
        for (const k of keys) {
          if (!Array.isArray(k) || typeof k[0] !== 'string' || (k[1] !== 1 && k[1] !== -1)) fail(file, `${where}.keys entries must be [field, 1 | -1]`);
        }
        return { name: ix.name, keys: keys as [string, 1 | -1][], unique: ix.unique === true };
      }),
    };
  });
}
