// The `orgs` function: the union org tree.

export type OrgKind = 'federation' | 'town' | 'industry' | 'park' | 'grassroots';

export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  federation: '总工会',
  town: '乡镇（街道）工会',
  industry: '行业工会',
  park: '园区工会',
  grassroots: '基层工会',
};

/** Compact picker node (TDesign cascader keys { label: 'name', value: 'id' }): a county's ≈4,000 orgs in one answer. */
export interface OrgNode {
  id: string;
  name: string;
  kind: OrgKind;
  children?: OrgNode[];
}

export interface OrgSearchHit {
  id: string;
  name: string;
  kind: OrgKind;
  /** names from the root to this org, '竹溪县总工会 / 城关镇 / 某某公司工会', to tell same-named unions apart */
  pathLabel: string;
}

export interface OrgsApi {
  tree: { input: Record<string, never>; output: { roots: OrgNode[]; count: number } };
  search: { input: { query: string; limit?: number }; output: { hits: OrgSearchHit[] } };
}
