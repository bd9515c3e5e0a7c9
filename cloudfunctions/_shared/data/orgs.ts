// Reading the org tree. The whole tree (≈4,000 orgs in a county) changes rarely, so a function instance
// keeps it for a minute rather than reading it on every call.
import type { Org } from '../domain/orgTree';
import { db, rows } from '../cloud';

const PAGE = 1000; // the server SDK's largest page
const TTL_MS = 60_000;
let cached: { at: number; orgs: Org[] } | null = null;

export async function allOrgs(now = Date.now()): Promise<Org[]> {
  if (cached && now - cached.at < TTL_MS) return cached.orgs;
  const orgs: Org[] = [];
  // Pages by range on _id, not skip: each page is one indexed read however large the tree.
  for (let after = ''; ; ) {
    const page = await rows<Org>(
      db.collection('orgs').where({ _id: db.command.gt(after) }).orderBy('_id', 'asc').limit(PAGE).field({ _id: true, name: true, parentId: true, kind: true, path: true }),
    );
    orgs.push(...page);
    if (page.length < PAGE) break;
    after = page[page.length - 1]._id;
  }
  cached = { at: now, orgs };
  return orgs;
}

export async function getOrg(orgId: string): Promise<Org | null> {
  const [org] = await rows<Org>(db.collection('orgs').where({ _id: orgId }).limit(1));
  return org ?? null;
}

/** Names of a few orgs by id, in one read. */
export async function orgNames(ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const found = await rows<{ _id: string; name: string }>(db.collection('orgs').where({ _id: db.command.in(unique) }).field({ _id: true, name: true }).limit(unique.length));
  return new Map(found.map((o) => [o._id, o.name]));
}
