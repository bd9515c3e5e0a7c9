// The county's org tree the world adds under the demo's: towns, industries and parks under org-county, about
// a thousand grassroots unions under them (the most under 城关镇, the county seat), and one industry union
// whose subtree is the notice audience. Documents as the demo seed writes them (path from orgTree's pathFor).
import type { OrgKind } from '../../typings/api/orgs';
import { pathFor } from '../../cloudfunctions/_shared/domain/orgTree';

export interface OrgDoc {
  _id: string;
  name: string;
  kind: OrgKind;
  parentId: string | null;
  path: string[];
  createdAt: Date;
}

export interface OrgTree {
  docs: OrgDoc[];
  /** grassroots unions under 城关镇 (the grassroots officer's scope) */
  chengguan: OrgDoc[];
  /** grassroots unions elsewhere in the county */
  elsewhere: OrgDoc[];
  /** the notice audience's root and its grassroots unions */
  audience: { root: OrgDoc; units: OrgDoc[] };
}

const COUNTY = ['org-county'];
const CHENGGUAN = ['org-county', 'org-chengguan'];
const TOWNS = ['东湖', '西坪', '南山', '北岭', '青石', '白沙', '黄土', '杨柳', '桃源', '石门', '龙泉', '高桥', '新集', '柏树', '马鞍', '双河', '花园', '长岭'];
const UNITS = ['中心学校', '卫生院', '供电所', '农机站', '环卫所', '建筑公司', '物流公司', '食品厂', '纺织厂', '超市', '加油站', '邮政所', '信用社', '水厂', '汽修厂', '砖厂', '茶厂', '养老院', '幼儿园', '客运站'];

const unit = (parent: OrgDoc, i: number, prefix: string, now: Date): OrgDoc => {
  const _id = `${parent._id}-u${String(i).padStart(3, '0')}`;
  return { _id, name: `${prefix}${UNITS[i % UNITS.length]}${i >= UNITS.length ? `第${Math.floor(i / UNITS.length) + 1}分会` : ''}工会`, kind: 'grassroots', parentId: parent._id, path: pathFor(parent.path, _id), createdAt: now };
};

/** About `size` orgs: 150 grassroots unions under 城关镇, the rest spread over 18 towns, and the audience's. */
export function orgTree(size: number, now: Date): OrgTree {
  const docs: OrgDoc[] = [];
  const chengguanRoot = { _id: 'org-chengguan', name: '城关镇总工会', kind: 'town' as const, parentId: 'org-county', path: CHENGGUAN, createdAt: now };
  const chengguan = Array.from({ length: 150 }, (_, i) => unit(chengguanRoot, i, '城关镇', now));
  docs.push(...chengguan);
  const perTown = Math.max(1, Math.floor((size - 150 - 40) / TOWNS.length));
  const elsewhere: OrgDoc[] = [];
  TOWNS.forEach((name, t) => {
    const _id = `org-town-${String(t).padStart(2, '0')}`;
    const town: OrgDoc = { _id, name: `${name}镇总工会`, kind: 'town', parentId: 'org-county', path: pathFor(COUNTY, _id), createdAt: now };
    const units = Array.from({ length: perTown }, (_, i) => unit(town, i, `${name}镇`, now));
    docs.push(town, ...units);
    elsewhere.push(...units);
  });
  const root: OrgDoc = { _id: 'org-edu', name: '县教育系统工会', kind: 'industry', parentId: 'org-county', path: pathFor(COUNTY, 'org-edu'), createdAt: now };
  const audienceUnits = Array.from({ length: 20 }, (_, i) => unit(root, i, '县教育系统', now));
  docs.push(root, ...audienceUnits);
  return { docs, chengguan, elsewhere, audience: { root, units: audienceUnits } };
}
