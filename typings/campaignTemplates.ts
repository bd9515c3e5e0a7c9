// What a new campaign starts from, per kind: the standard form, tiers and eligibility of a county's 金秋助学
// and 夏送清凉, which the officer then adjusts in the campaign editor; the demo campaigns are made from them. Only the fields a kind's rules read by key
// (childIdCard; unit and address) must stay; everything else is the officer's to change.
import type { AmountTier, CampaignKind, FormField } from './api';

/** The fields the rules of each kind read by key (cloudfunctions/_shared/domain/campaignRules.ts), so every
 *  campaign of that kind must have them: the editor keeps them, the server refuses a form without them. */
export const KIND_REQUIRED_FIELDS: Record<CampaignKind, { key: string; type: FormField['type'] }[]> = {
  // the child's ID card makes "one grant per child per campaign, whoever applies" checkable
  studentAid: [{ key: 'childIdCard', type: 'idCard' }],
  // unit + address name the work site: one application per work site per campaign
  summerRelief: [
    { key: 'unit', type: 'text' },
    { key: 'address', type: 'text' },
  ],
};

export interface CampaignTemplate {
  title: string;
  budgetFen: number;
  tiers: AmountTier[];
  hardshipOnly: boolean;
  fields: FormField[];
  /** how many days a new campaign stays open */
  openForDays: number;
}

const yuan = (n: number) => n * 100;

export const CAMPAIGN_TEMPLATES: Record<CampaignKind, CampaignTemplate> = {
  studentAid: {
    title: '金秋助学',
    budgetFen: yuan(500_000),
    openForDays: 60,
    tiers: [
      { key: 'college', label: '专科', amountFen: yuan(2_000) },
      { key: 'undergraduate', label: '本科', amountFen: yuan(3_000) },
      { key: 'postgraduate', label: '研究生', amountFen: yuan(5_000) },
    ],
    hardshipOnly: true,
    fields: [
      { key: 'childName', label: '子女姓名', type: 'text', required: true, max: 20, example: '王小明' },
      { key: 'childIdCard', label: '子女身份证号', type: 'idCard', required: true },
      { key: 'relationship', label: '与会员关系', type: 'select', required: true, options: [{ value: 'child', label: '子女' }, { value: 'ward', label: '被监护人' }] },
      { key: 'school', label: '录取学校', type: 'text', required: true, max: 40, example: '武汉大学' },
      { key: 'major', label: '专业', type: 'text', required: true, max: 30, example: '计算机科学与技术' },
      {
        key: 'level',
        label: '学历层次',
        type: 'select',
        required: true,
        options: [{ value: 'college', label: '专科' }, { value: 'undergraduate', label: '本科' }, { value: 'postgraduate', label: '研究生' }],
      },
      { key: 'admissionYear', label: '入学年份', type: 'number', required: true, max: 2100, example: '2026' },
      { key: 'admissionNotice', label: '录取通知书照片', type: 'images', required: true, max: 3 },
      { key: 'householdSize', label: '家庭人口', type: 'number', required: true, max: 20, example: '4' },
      { key: 'incomePerCapita', label: '家庭月人均收入（元）', type: 'money', required: true, max: yuan(100_000), example: '850' },
      { key: 'hardship', label: '家庭困难情况', type: 'textarea', required: true, max: 500, example: '父亲因病不能干重活，母亲在家照顾老人' },
      { key: 'bankCard', label: '收款银行卡号', type: 'bankCard', required: true, hint: '请填写会员本人名下的银行卡' },
    ],
  },
  summerRelief: {
    title: '夏送清凉',
    budgetFen: yuan(200_000),
    openForDays: 45,
    tiers: [],
    hardshipOnly: false,
    fields: [
      { key: 'unit', label: '单位名称', type: 'text', required: true, max: 40, example: '城关镇环卫所' },
      {
        key: 'jobType',
        label: '高温作业岗位',
        type: 'select',
        required: true,
        options: [
          { value: 'sanitation', label: '环卫' },
          { value: 'construction', label: '建筑' },
          { value: 'courier', label: '快递外卖' },
          { value: 'traffic', label: '交通' },
          { value: 'power', label: '电力' },
          { value: 'other', label: '其他' },
        ],
      },
      { key: 'workers', label: '高温岗位职工人数', type: 'number', required: true, max: 10_000, example: '32' },
      { key: 'address', label: '送达地址', type: 'text', required: true, max: 60, example: '城关镇解放路1号' },
      { key: 'goods', label: '需要的物资或金额', type: 'textarea', required: true, max: 200, example: '绿豆汤、藿香正气水、毛巾' },
      { key: 'proposedDate', label: '希望送达日期', type: 'date', required: true },
    ],
  },
};
