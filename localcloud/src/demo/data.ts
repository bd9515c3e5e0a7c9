// The demo world `npm start` opens with: a county federation's org tree and one person in every role (fixed
// openids, so a newcomer can act as each from the developer panel); its campaigns are in campaigns.ts. The
// developer panel of the mini-program shows these people, so nothing here may need Node.
import type { HardshipCause, HardshipGrade, OrgKind, Role } from '../../../typings/api';

export interface DemoOrg {
  _id: string;
  name: string;
  kind: OrgKind;
  parentId: string | null;
}

export const DEMO_ORGS: DemoOrg[] = [
  { _id: 'org-county', name: '示范县总工会', kind: 'federation', parentId: null },
  { _id: 'org-chengguan', name: '城关镇总工会', kind: 'town', parentId: 'org-county' },
  { _id: 'org-cg-sanitation', name: '城关镇环卫所工会', kind: 'grassroots', parentId: 'org-chengguan' },
  { _id: 'org-cg-construction', name: '示范县第一建筑公司工会', kind: 'grassroots', parentId: 'org-chengguan' },
  { _id: 'org-cg-couriers', name: '城关镇快递物流行业联合工会', kind: 'grassroots', parentId: 'org-chengguan' },
  { _id: 'org-shuiping', name: '水坪镇总工会', kind: 'town', parentId: 'org-county' },
  { _id: 'org-sp-school', name: '水坪镇中心学校工会', kind: 'grassroots', parentId: 'org-shuiping' },
  { _id: 'org-sp-clinic', name: '水坪镇卫生院工会', kind: 'grassroots', parentId: 'org-shuiping' },
  { _id: 'org-park', name: '县工业园区工会联合会', kind: 'park', parentId: 'org-county' },
  { _id: 'org-park-power', name: '示范电力公司工会', kind: 'grassroots', parentId: 'org-park' },
  { _id: 'org-park-food', name: '示范食品有限公司工会', kind: 'grassroots', parentId: 'org-park' },
  { _id: 'org-transport', name: '县交通运输行业工会', kind: 'industry', parentId: 'org-county' },
  { _id: 'org-tr-bus', name: '县公交公司工会', kind: 'grassroots', parentId: 'org-transport' },
];

export interface DemoPerson {
  openid: string;
  label: string;
  /** null: not registered yet */
  member: null | {
    name: string;
    /** first 17 digits of the ID card; the check digit is computed */
    id17: string;
    phone: string;
    workUnit: string;
    orgId: string;
    status: 'pending' | 'approved';
    /** a 困难职工: the confirmed hardship record (困难职工档案) the demo starts with; null: none */
    hardship: null | {
      grade: HardshipGrade;
      causes: HardshipCause[];
      /** the household, each ID card by its first 17 digits */
      household: { name: string; relation: string; id17: string }[];
      monthlyIncomePerHeadFen: number;
    };
  };
  roles: { role: Role; orgId: string }[];
}

/** 王建国's household as 张伟 verified it: his wife, long ill, and their son at university. */
const WANG_HOUSEHOLD = {
  grade: 'severe' as const,
  causes: ['illness' as const, 'schooling' as const],
  household: [
    { name: '李桂兰', relation: '配偶', id17: '42032219770815042' },
    { name: '王小明', relation: '子女', id17: '42032220060901033' },
  ],
  monthlyIncomePerHeadFen: 68_000,
};

export const DEMO_PEOPLE: DemoPerson[] = [
  { openid: 'o-demo-member', label: '会员 王建国（环卫工人，困难职工）', member: { name: '王建国', id17: '42032219750312041', phone: '13872000001', workUnit: '城关镇环卫所', orgId: 'org-cg-sanitation', status: 'approved', hardship: WANG_HOUSEHOLD }, roles: [] },
  { openid: 'o-demo-pending', label: '待审核会员 李秀英', member: { name: '李秀英', id17: '42032219800521062', phone: '13872000002', workUnit: '城关镇环卫所', orgId: 'org-cg-sanitation', status: 'pending', hardship: null }, roles: [] },
  { openid: 'o-demo-org-officer', label: '基层工会干部 张伟（城关镇）', member: { name: '张伟', id17: '42032219780909031', phone: '13872000003', workUnit: '城关镇总工会', orgId: 'org-cg-construction', status: 'approved', hardship: null }, roles: [{ role: 'orgOfficer', orgId: 'org-chengguan' }] },
  { openid: 'o-demo-sp-officer', label: '基层工会干部 吴刚（水坪镇）', member: { name: '吴刚', id17: '42032219760418011', phone: '13872000008', workUnit: '水坪镇总工会', orgId: 'org-sp-clinic', status: 'approved', hardship: null }, roles: [{ role: 'orgOfficer', orgId: 'org-shuiping' }] },
  { openid: 'o-demo-fed-officer', label: '总工会干部 刘芳', member: { name: '刘芳', id17: '42032219820214022', phone: '13872000004', workUnit: '示范县总工会', orgId: 'org-tr-bus', status: 'approved', hardship: null }, roles: [{ role: 'federationOfficer', orgId: 'org-county' }] },
  { openid: 'o-demo-lawyer', label: '律师 陈明', member: { name: '陈明', id17: '42032219850630051', phone: '13872000005', workUnit: '示范律师事务所', orgId: 'org-park-food', status: 'approved', hardship: null }, roles: [{ role: 'lawyer', orgId: 'org-county' }] },
  { openid: 'o-demo-staff', label: '宣传干事 赵丽', member: { name: '赵丽', id17: '42032219900101082', phone: '13872000006', workUnit: '示范县总工会', orgId: 'org-sp-school', status: 'approved', hardship: null }, roles: [{ role: 'staff', orgId: 'org-county' }] },
  { openid: 'o-demo-admin', label: '管理员 孙强', member: { name: '孙强', id17: '42032219870707071', phone: '13872000007', workUnit: '示范县总工会', orgId: 'org-park-power', status: 'approved', hardship: null }, roles: [{ role: 'admin', orgId: 'org-county' }] },
  { openid: 'o-demo-newcomer', label: '新用户（未认证）', member: null, roles: [] },
];
