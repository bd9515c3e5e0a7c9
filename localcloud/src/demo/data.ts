// The demo world `npm start` opens with: a county federation's org tree, one person in every role (fixed
// openids, so a newcomer can act as each from the developer panel), and open campaigns.
import type { CampaignView, OrgKind, Role } from '../../../typings/api';

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
    hardship: boolean;
  };
  roles: { role: Role; orgId: string }[];
}

export const DEMO_PEOPLE: DemoPerson[] = [
  { openid: 'o-demo-member', label: '会员 王建国（环卫工人，困难职工）', member: { name: '王建国', id17: '42032219750312041', phone: '13872000001', workUnit: '城关镇环卫所', orgId: 'org-cg-sanitation', status: 'approved', hardship: true }, roles: [] },
  { openid: 'o-demo-pending', label: '待审核会员 李秀英', member: { name: '李秀英', id17: '42032219800521062', phone: '13872000002', workUnit: '城关镇环卫所', orgId: 'org-cg-sanitation', status: 'pending', hardship: false }, roles: [] },
  { openid: 'o-demo-org-officer', label: '基层工会干部 张伟（城关镇）', member: { name: '张伟', id17: '42032219780909031', phone: '13872000003', workUnit: '城关镇总工会', orgId: 'org-cg-construction', status: 'approved', hardship: false }, roles: [{ role: 'orgOfficer', orgId: 'org-chengguan' }] },
  { openid: 'o-demo-sp-officer', label: '基层工会干部 吴刚（水坪镇）', member: { name: '吴刚', id17: '42032219760418011', phone: '13872000008', workUnit: '水坪镇总工会', orgId: 'org-sp-clinic', status: 'approved', hardship: false }, roles: [{ role: 'orgOfficer', orgId: 'org-shuiping' }] },
  { openid: 'o-demo-fed-officer', label: '总工会干部 刘芳', member: { name: '刘芳', id17: '42032219820214022', phone: '13872000004', workUnit: '示范县总工会', orgId: 'org-tr-bus', status: 'approved', hardship: false }, roles: [{ role: 'federationOfficer', orgId: 'org-county' }] },
  { openid: 'o-demo-lawyer', label: '律师 陈明', member: { name: '陈明', id17: '42032219850630051', phone: '13872000005', workUnit: '示范律师事务所', orgId: 'org-park-food', status: 'approved', hardship: false }, roles: [{ role: 'lawyer', orgId: 'org-county' }] },
  { openid: 'o-demo-staff', label: '宣传干事 赵丽', member: { name: '赵丽', id17: '42032219900101082', phone: '13872000006', workUnit: '示范县总工会', orgId: 'org-sp-school', status: 'approved', hardship: false }, roles: [{ role: 'staff', orgId: 'org-county' }] },
  { openid: 'o-demo-admin', label: '管理员 孙强', member: { name: '孙强', id17: '42032219870707071', phone: '13872000007', workUnit: '示范县总工会', orgId: 'org-park-power', status: 'approved', hardship: false }, roles: [{ role: 'admin', orgId: 'org-county' }] },
  { openid: 'o-demo-newcomer', label: '新用户（未认证）', member: null, roles: [] },
];

const yuan = (n: number) => n * 100;

/** Open campaigns of the county federation; their windows are set around the day localcloud seeds them. */
export const DEMO_CAMPAIGNS: (Omit<CampaignView, 'campaignId' | 'opensAt' | 'closesAt' | 'year'> & { _id: string; openForDays: number })[] = [
  {
    _id: 'campaign-student-aid',
    kind: 'studentAid',
    title: '金秋助学',
    orgId: 'org-county',
    openForDays: 60,
    budgetFen: yuan(500_000),
    tiers: [
      { key: 'college', label: '专科', amountFen: yuan(2_000) },
      { key: 'undergraduate', label: '本科', amountFen: yuan(3_000) },
      { key: 'postgraduate', label: '研究生', amountFen: yuan(5_000) },
    ],
    eligibility: { hardshipOnly: true },
    fields: [
      { key: 'childName', label: '子女姓名', type: 'text', required: true, max: 20 },
      { key: 'childIdCard', label: '子女身份证号', type: 'idCard', required: true },
      { key: 'relationship', label: '与会员关系', type: 'select', required: true, options: [{ value: 'child', label: '子女' }, { value: 'ward', label: '被监护人' }] },
      { key: 'school', label: '录取学校', type: 'text', required: true, max: 40 },
      { key: 'major', label: '专业', type: 'text', required: true, max: 30 },
      { key: 'level', label: '学历层次', type: 'select', required: true, options: [{ value: 'college', label: '专科' }, { value: 'undergraduate', label: '本科' }, { value: 'postgraduate', label: '研究生' }] },
      { key: 'admissionYear', label: '入学年份', type: 'number', required: true, max: 2100 },
      { key: 'admissionNotice', label: '录取通知书照片', type: 'images', required: true, max: 3 },
      { key: 'householdSize', label: '家庭人口', type: 'number', required: true, max: 20 },
      { key: 'incomePerCapita', label: '家庭月人均收入（元）', type: 'money', required: true, max: yuan(100_000) },
      { key: 'hardship', label: '家庭困难情况', type: 'textarea', required: true, max: 500 },
      { key: 'bankCard', label: '收款银行卡号', type: 'bankCard', required: true, hint: '请填写会员本人名下的银行卡' },
    ],
    status: 'open',
  },
  {
    _id: 'campaign-summer-relief',
    kind: 'summerRelief',
    title: '夏送清凉',
    orgId: 'org-county',
    openForDays: 45,
    budgetFen: yuan(200_000),
    tiers: [],
    eligibility: { hardshipOnly: false },
    fields: [
      { key: 'unit', label: '单位名称', type: 'text', required: true, max: 40 },
      { key: 'jobType', label: '高温作业岗位', type: 'select', required: true, options: [{ value: 'sanitation', label: '环卫' }, { value: 'construction', label: '建筑' }, { value: 'courier', label: '快递外卖' }, { value: 'traffic', label: '交通' }, { value: 'power', label: '电力' }, { value: 'other', label: '其他' }] },
      { key: 'workers', label: '高温岗位职工人数', type: 'number', required: true, max: 10_000 },
      { key: 'address', label: '送达地址', type: 'text', required: true, max: 60 },
      { key: 'goods', label: '需要的物资或金额', type: 'textarea', required: true, max: 200 },
      { key: 'proposedDate', label: '希望送达日期', type: 'date', required: true },
    ],
    status: 'open',
  },
];
