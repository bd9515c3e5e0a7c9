import {
  buildPickerTree,
  isInSubtree,
  type Org,
  type OrgKind,
  type PickerNode,
  pathFor,
  searchOrgs,
  validateOrgTree,
} from '../../cloudfunctions/_shared/domain/orgTree';

/** A county federation with towns, industries and parks, and grassroots unions under them: `total` orgs. */
function countyTree(total: number): Org[] {
  const orgs: Org[] = [];
  const add = (id: string, name: string, kind: OrgKind, parent: Org | null): Org => {
    const org: Org = { _id: id, name, kind, parentId: parent?._id ?? null, path: pathFor(parent?.path ?? null, id) };
    orgs.push(org);
    return org;
  };
  const root = add('root', '竹溪县总工会', 'federation', null);
  const middles: Org[] = [];
  const towns = ['城关镇', '水坪镇', '县河镇', '蒋家堰镇', '中峰镇', '天宝乡', '汇湾镇', '新洲镇', '丰溪镇', '龙坝镇', '鄂坪乡'];
  towns.forEach((name, i) => middles.push(add(`town${i}`, name, 'town', root)));
  ['教育工会', '卫生工会', '建筑业工会'].forEach((name, i) => middles.push(add(`ind${i}`, name, 'industry', root)));
  middles.push(add('park0', '竹溪工业园区工会', 'park', root));
  for (let i = 0; orgs.length < total; i++) {
    const parent = middles[i % middles.length];
    // Every middle org has a 供销社工会, so that name repeats across the county.
    const name = i < middles.length ? '供销社工会' : `某某${i}号公司工会`;
    add(`g${i}`, name, 'grassroots', parent);
  }
  return orgs;
}

const orgs = countyTree(4000);

function walk(nodes: PickerNode[], visit: (node: PickerNode, siblings: PickerNode[]) => void): void {
  for (const node of nodes) {
    visit(node, nodes);
    if (node.children) walk(node.children, visit);
  }
}

describe('paths', () => {
  it('builds a path from the parent path', () => {
    expect(pathFor(null, 'root')).toEqual(['root']);
    expect(pathFor(['root', 'town0'], 'g1')).toEqual(['root', 'town0', 'g1']);
  });

  it('scopes by subtree, the scope org included', () => {
    expect(isInSubtree(['root', 'town0', 'g1'], 'town0')).toBe(true);
    expect(isInSubtree(['root', 'town0'], 'town0')).toBe(true);
    expect(isInSubtree(['root', 'town1', 'g2'], 'town0')).toBe(false);
    expect(isInSubtree(['root'], 'town0')).toBe(false);
  });
});

describe('buildPickerTree', () => {
  it('builds 4,000 orgs into one sorted tree holding every org once', () => {
    const started = Date.now();
    const tree = buildPickerTree(orgs);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(tree).toHaveLength(1);
    expect(tree[0]).toMatchObject({ id: 'root', name: '竹溪县总工会', kind: 'federation' });
    const seen = new Set<string>();
    walk(tree, (node, siblings) => {
      seen.add(node.id);
      expect(Object.keys(node).sort()).toEqual(node.children ? ['children', 'id', 'kind', 'name'] : ['id', 'kind', 'name']);
      const i = siblings.indexOf(node);
      if (i > 0) expect(siblings[i - 1].name.localeCompare(node.name, 'zh')).toBeLessThanOrEqual(0);
    });
    expect(seen.size).toBe(4000);
    expect(tree[0].children).toHaveLength(15);
  });

  it('orders the same input the same way whatever its order, equal names by id', () => {
    const twins: Org[] = [
      { _id: 'root', name: '总工会', kind: 'federation', parentId: null, path: ['root'] },
      { _id: 'b', name: '供销社工会', kind: 'grassroots', parentId: 'root', path: ['root', 'b'] },
      { _id: 'a', name: '供销社工会', kind: 'grassroots', parentId: 'root', path: ['root', 'a'] },
      { _id: 'c', name: '城关镇', kind: 'town', parentId: 'root', path: ['root', 'c'] },
    ];
    const ids = (list: Org[]) => buildPickerTree(list)[0].children!.map((n) => n.id);
    expect(ids(twins)).toEqual(ids([...twins].reverse()));
    expect(ids(twins).indexOf('a')).toBeLessThan(ids(twins).indexOf('b'));
  });

  it('roots an officer subtree at the scope org', () => {
    const scoped = orgs.filter((o) => isInSubtree(o.path, 'town3'));
    const tree = buildPickerTree(scoped);
    expect(tree.map((n) => n.id)).toEqual(['town3']);
    expect(tree[0].children!.length).toBe(scoped.length - 1);
  });
});

describe('searchOrgs', () => {
  it('finds same-named unions with their full path names', () => {
    const hits = searchOrgs(orgs, '供销社', 50);
    expect(hits).toHaveLength(15);
    const labels = new Set(hits.map((h) => h.pathLabel));
    expect(labels.size).toBe(15);
    expect(labels).toContain('竹溪县总工会 / 城关镇 / 供销社工会');
    expect(labels).toContain('竹溪县总工会 / 教育工会 / 供销社工会');
    for (const hit of hits) expect(hit).toMatchObject({ name: '供销社工会', kind: 'grassroots' });
  });

  it('ranks an exact name before prefixes before other matches, and honours the limit', () => {
    const root: Org = { _id: 'r', name: '总工会', kind: 'federation', parentId: null, path: ['r'] };
    const child = (id: string, name: string): Org => ({ _id: id, name, kind: 'town', parentId: 'r', path: ['r', id] });
    const list = [root, child('a', '老城关镇联合工会'), child('b', '城关镇工会'), child('c', '城关镇'), child('d', '水坪镇')];
    expect(searchOrgs(list, '城关镇', 10).map((h) => h.id)).toEqual(['c', 'b', 'a']);
    expect(searchOrgs(list, '城关镇', 2).map((h) => h.id)).toEqual(['c', 'b']);
    const many = searchOrgs(orgs, '某某12', 10);
    expect(many).toHaveLength(10);
    for (const hit of many) expect(hit.name).toContain('某某12');
  });

  it('returns nothing for a blank query or no match, and matches Latin letters in any case', () => {
    expect(searchOrgs(orgs, '  ', 10)).toEqual([]);
    expect(searchOrgs(orgs, '不存在的工会', 10)).toEqual([]);
    const latin: Org[] = [{ _id: 'x', name: 'ABC科技公司工会', kind: 'grassroots', parentId: null, path: ['x'] }];
    expect(searchOrgs(latin, 'abc', 10).map((h) => h.id)).toEqual(['x']);
  });
});

describe('validateOrgTree', () => {
  const codes = (list: Org[]) => validateOrgTree(list).map((p) => `${p.code}:${p.orgId ?? ''}`).sort();
  const replace = (id: string, change: Partial<Org>) => orgs.map((o) => (o._id === id ? { ...o, ...change } : o));

  it('accepts a sound tree of 4,000 orgs', () => {
    expect(validateOrgTree(orgs)).toEqual([]);
  });

  it('reports a missing parent', () => {
    expect(codes(replace('g20', { parentId: 'gone', path: ['gone', 'g20'] }))).toEqual(['MISSING_PARENT:g20']);
  });

  it('reports a cycle, and the orgs in it, once', () => {
    const looped = replace('town0', { parentId: 'g0', path: ['root', 'g0', 'town0'] });
    // g0 sits under town0; town0 now under g0.
    const problems = validateOrgTree(looped);
    expect(problems.filter((p) => p.code === 'CYCLE').map((p) => p.orgId).sort()).toEqual(['g0', 'town0']);
    expect(problems.every((p) => p.message.length > 0)).toBe(true);
  });

  it('reports zero or several roots', () => {
    const second: Org = { _id: 'root2', name: '另一个总工会', kind: 'federation', parentId: null, path: ['root2'] };
    expect(codes([...orgs, second])).toEqual(['ROOT_COUNT:']);
    expect(codes([])).toEqual(['ROOT_COUNT:']);
  });

  it('reports a stored path that differs from the parent chain', () => {
    expect(codes(replace('g30', { path: ['root', 'g30'] }))).toEqual(['PATH_MISMATCH:g30']);
    expect(codes(replace('town1', { path: ['town1'] }))).toEqual(['PATH_MISMATCH:town1']);
  });

  it('reports a duplicate id', () => {
    expect(codes([...orgs, { ...orgs[5], name: '重复的工会' }])).toEqual([`DUPLICATE_ID:${orgs[5]._id}`]);
  });
});
