// The declaration file (cloudbase/collections.json): every collection and its indexes, created by
// localcloud at start and by the deploy step in a real environment.
//   { "collections": [ { "name": "members", "indexes": [
//       { "name": "openid_1", "keys": [["openid", 1]], "unique": true },
//       { "name": "org_created", "keys": [["orgId", 1], ["createdAt", -1]] } ] } ] }
// Other properties (e.g. security rules) are left to whoever reads them.
import fs from 'node:fs';

export interface IndexDeclaration {
  name: string;
  /** [field (dot path), 1 | -1] in index order */
  keys: [string, 1 | -1][];
  unique: boolean;
}

export interface CollectionDeclaration {
  name: string;
  indexes: IndexDeclaration[];
}

export const COLLECTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;

function fail(file: string, what: string): never {
  throw new Error(`${file}: ${what}`);
}

export function readDeclarations(file: string): CollectionDeclaration[] {
  if (!fs.existsSync(file)) return [];
  const root = JSON.parse(fs.readFileSync(file, 'utf8')) as { collections?: unknown };
  if (!Array.isArray(root.collections)) fail(file, '"collections" must be an array');
  return root.collections.map((c: { name?: unknown; indexes?: unknown }, i: number) => {
    if (typeof c.name !== 'string' || !COLLECTION_NAME.test(c.name)) fail(file, `collections[${i}].name must match ${COLLECTION_NAME}`);
    const indexes = (c.indexes ?? []) as { name?: unknown; keys?: unknown; unique?: unknown }[];
    if (!Array.isArray(indexes)) fail(file, `${c.name}.indexes must be an array`);
    return {
      name: c.name,
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
