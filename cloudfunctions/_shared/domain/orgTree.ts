// The tree of union orgs: a county/city federation at the root, towns, industries, parks and grassroots
// unions below. Each org stores its materialized path so subtree scoping is one array match.

import type { OrgKind, OrgNode as PickerNode, OrgSearchHit } from '../../../typings/api/orgs';

export type { OrgKind, PickerNode, OrgSearchHit };

export interface Org {
  _id: string;
  name: string;
  parentId: string | null;
  kind: OrgKind;
  /** ancestor ids from the root to this org, inclusive */
  path: string[];
}


export type OrgTreeProblemCode = 'DUPLICATE_ID' | 'MISSING_PARENT' | 'CYCLE' | 'ROOT_COUNT' | 'PATH_MISMATCH';

export interface OrgTreeProblem {
  /** the org at fault; absent when the problem is the whole tree's */
  orgId?: string;
  code: OrgTreeProblemCode;
  /** plain Chinese, for the admin who manages orgs */
  message: string;
}

const collator = new Intl.Collator('zh');

/** Orders by name in Chinese collation, then by id so equal names keep one stable order. */
function byName(a: { name: string; id: string }, b: { name: string; id: string }): number {
  return collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The path of a new org under a parent with `parentPath` (null for the root). */
export function pathFor(parentPath: string[] | null, id: string): string[] {
  return [...(parentPath ?? []), id];
}

/** Whether an org with `orgPath` is the scope org itself or one of its descendants. */
export function isInSubtree(orgPath: string[], scopeOrgId: string): boolean {
  return orgPath.includes(scopeOrgId);
}

/** Picker forest sorted by name at every level; an org whose parent is not among `orgs` becomes a root, so
 *  an officer's subtree builds the same way as the whole tree. */
export function buildPickerTree(orgs: Org[]): PickerNode[] {
  const nodes = new Map<string, PickerNode>();
  for (const org of orgs) nodes.set(org._id, { id: org._id, name: org.name, kind: org.kind });
  const roots: PickerNode[] = [];
  for (const org of orgs) {
    const node = nodes.get(org._id)!;
    const parent = org.parentId === null ? undefined : nodes.get(org.parentId);
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  const sortDeep = (list: PickerNode[]): PickerNode[] => {
    list.sort(byName);
    for (const node of list) if (node.children) sortDeep(node.children);
    return list;
  };
  return sortDeep(roots);
}

/** Orgs whose name contains `query` (exact, then prefix, then other matches; each by name), with the names
 *  of their path so same-named unions can be told apart. */
export function searchOrgs(orgs: Org[], query: string, limit = 20): OrgSearchHit[] {
  const q = query.trim().toLowerCase();
  if (!q || limit <= 0) return [];
  const nameById = new Map(orgs.map((o) => [o._id, o.name]));
  const rank = (name: string): number => (name === q ? 0 : name.startsWith(q) ? 1 : 2);
  return orgs
    .filter((o) => o.name.toLowerCase().includes(q))
    .map((o) => ({ org: o, id: o._id, name: o.name, rank: rank(o.name.toLowerCase()) }))
    .sort((a, b) => a.rank - b.rank || byName(a, b))
    .slice(0, limit)
    .map(({ org }) => ({
      id: org._id,
      name: org.name,
      kind: org.kind,
      pathLabel: org.path.map((id) => nameById.get(id) ?? '?').join(' / '),
    }));
}

/** Every problem of a whole org tree: duplicate ids, missing parents, cycles, not exactly one root, and
 *  stored paths that differ from the parent chain. Empty when the tree is sound. */
export function validateOrgTree(orgs: Org[]): OrgTreeProblem[] {
  const problems: OrgTreeProblem[] = [];
  const byId = new Map<string, Org>();
  for (const org of orgs) {
    if (byId.has(org._id)) {
      problems.push({ orgId: org._id, code: 'DUPLICATE_ID', message: `组织编号 ${org._id} 重复` });
    } else byId.set(org._id, org);
  }

  const roots = orgs.filter((o) => o.parentId === null);
  if (roots.length !== 1) {
    problems.push({ code: 'ROOT_COUNT', message: `组织树应有且只有一个顶级组织，现有 ${roots.length} 个` });
  }

  // Expected path of each org from its parent chain; undefined when the chain is broken or loops.
  const expected = new Map<string, string[] | undefined>();
  const resolve = (org: Org): string[] | undefined => {
    const chain: Org[] = [];
    const onChain = new Set<string>();
    let cur = org;
    let base: string[] | undefined;
    for (;;) {
      if (expected.has(cur._id)) {
        base = expected.get(cur._id);
        break;
      }
      if (onChain.has(cur._id)) {
        for (const o of chain.slice(chain.indexOf(cur))) {
          problems.push({ orgId: o._id, code: 'CYCLE', message: `组织“${o.name}”的上级关系形成了环` });
        }
        break;
      }
      chain.push(cur);
      onChain.add(cur._id);
      if (cur.parentId === null) {
        base = [];
        break;
      }
      const parent = byId.get(cur.parentId);
      if (!parent) {
        problems.push({ orgId: cur._id, code: 'MISSING_PARENT', message: `组织“${cur.name}”的上级组织不存在` });
        break;
      }
      cur = parent;
    }
    // Walk back down from the topmost ancestor reached; a broken chain leaves every org on it unresolved.
    for (let i = chain.length - 1; i >= 0; i--) {
      base = base && [...base, chain[i]._id];
      expected.set(chain[i]._id, base);
    }
    return expected.get(org._id);
  };

  for (const org of byId.values()) {
    const want = resolve(org);
    if (want && (want.length !== org.path.length || want.some((id, i) => id !== org.path[i]))) {
      problems.push({ orgId: org._id, code: 'PATH_MISMATCH', message: `组织“${org.name}”的层级路径与上级关系不一致` });
    }
  }
  return problems;
}
