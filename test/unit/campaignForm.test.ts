import type { CampaignDraft, FormField } from '../../typings/api/campaigns';
import { isCalendarDay, validateAnswers, validateCampaignDraft, type CampaignKindRules } from '../../cloudfunctions/_shared/domain/campaignForm';
import { ruleFields } from '../../cloudfunctions/_shared/domain/ruleFields';
import { builtinKind } from '../../localcloud/src/demo/campaigns';
import { idCardCheckChar } from '../../cloudfunctions/_shared/domain/idCard';

const now = new Date('2026-08-20T04:00:00Z');
const childId = (id17: string) => id17 + idCardCheckChar(id17);

const FIELDS: FormField[] = [
  { key: 'name', label: '姓名', type: 'text', required: true, max: 4 },
  { key: 'story', label: '情况', type: 'textarea', required: false },
  { key: 'size', label: '人口', type: 'number', required: true, max: 20 },
  { key: 'income', label: '收入', type: 'money', required: false, max: 500_000 },
  { key: 'day', label: '日期', type: 'date', required: false },
  { key: 'level', label: '层次', type: 'select', required: true, options: [{ value: 'college', label: '专科' }, { value: 'undergraduate', label: '本科' }] },
  { key: 'childIdCard', label: '身份证', type: 'idCard', required: false },
  { key: 'phone', label: '手机', type: 'phone', required: false },
  { key: 'card', label: '银行卡', type: 'bankCard', required: false },
  { key: 'photos', label: '照片', type: 'images', required: false, max: 2 },
];

describe('validateAnswers', () => {
  it('normalizes a full, valid form', () => {
    const result = validateAnswers(FIELDS, {
      name: ' 王小明 ',
      story: '',
      size: 4,
      income: 123_456,
      day: '2024-02-29',
      level: 'college',
      childIdCard: childId('42032220070301041').toLowerCase(),
      phone: '+86 138-7200-0001',
      card: '6222 0212 3456 7890 128',
      photos: ['cloud://env.bucket/a.jpg', 'cloud://env.bucket/b.jpg'],
    }, now);
    expect(result).toEqual({
      ok: true,
      value: {
        name: '王小明', size: 4, income: 123_456, day: '2024-02-29', level: 'college',
        childIdCard: childId('42032220070301041'), phone: '13872000001', card: '6222021234567890128',
        photos: ['cloud://env.bucket/a.jpg', 'cloud://env.bucket/b.jpg'],
      },
    });
  });

  it('names every missing required field, and leaves empty optional ones out', () => {
    const result = validateAnswers(FIELDS, { name: '  ', photos: [], story: null }, now);
    expect(result).toEqual({ ok: false, fields: { name: '请填写姓名', size: '请填写人口', level: '请选择层次' } });
  });

  it('refuses keys the form does not have, and anything but an object', () => {
    const result = validateAnswers(FIELDS, { name: '王', size: 1, level: 'college', status: 'approved' }, now);
    expect(result).toEqual({ ok: false, fields: { status: '表单中没有这一项' } });
    for (const bad of [null, 'x', [1]]) expect(validateAnswers(FIELDS, bad, now).ok).toBe(false);
  });

  it.each([
    ['name', '王小明明明', '姓名不能超过4个字'],
    ['name', 12, '姓名应为文字'],
    ['story', 'x'.repeat(2001), '情况不能超过2000个字'],
    ['size', 2.5, '人口应为整数'],
    ['size', '3', '人口应为整数'],
    ['size', -1, '人口不能为负数'],
    ['size', 21, '人口不能超过20'],
    ['income', 500_001, '收入不能超过500000分'],
    ['income', 1.5, '收入应为以分计的整数'],
    ['day', '2026-02-29', '日期应为有效日期'],
    ['day', '2026/01/01', '日期应为有效日期'],
    ['level', 'phd', '请从选项中选择层次'],
    ['childIdCard', '420322200703010410', '校验位不对，请核对身份证号'],
    ['childIdCard', 420322, '身份证应为文字'],
    ['phone', '12345678901', '手机号格式不对，请填写中国大陆手机号'],
    ['card', '6222abc', '银行卡号只能包含数字'],
    ['photos', ['cloud://a', 'cloud://b', 'cloud://c'], '照片最多2张'],
    ['photos', ['cloud://a', 'cloud://a'], '照片有重复的图片'],
    ['photos', ['https://evil.example/a.jpg'], '照片上传有误，请重新上传'],
    ['photos', 'cloud://a', '照片上传有误，请重新上传'],
  ])('refuses %s = %j', (key, value, message) => {
    const result = validateAnswers(FIELDS, { name: '王', size: 1, level: 'college', [key]: value }, now);
    expect(result).toEqual({ ok: false, fields: { [key]: message } });
  });

  it('dates ID cards by now: a child born after now is refused', () => {
    const id = childId('42032220260821041');
    expect(validateAnswers(FIELDS, { name: '王', size: 1, level: 'college', childIdCard: id }, now).ok).toBe(false);
    expect(validateAnswers(FIELDS, { name: '王', size: 1, level: 'college', childIdCard: id }, new Date('2026-08-21T00:00:00Z')).ok).toBe(true);
  });
});

test('isCalendarDay', () => {
  expect(isCalendarDay('2028-02-29')).toBe(true);
  expect(isCalendarDay('2027-02-29')).toBe(false);
  expect(isCalendarDay('2027-13-01')).toBe(false);
  expect(isCalendarDay('2027-1-01')).toBe(false);
});

function draft(over: Partial<CampaignDraft> = {}): CampaignDraft {
  return {
    kindId: 'studentAid',
    year: 2026,
    title: ' 2026年金秋助学 ',
    orgId: 'org-county',
    openDay: '2026-08-01',
    closeDay: '2026-09-30',
    budgetFen: 50_000_000,
    tiers: [
      { key: 'college', label: '专科', amountFen: 200_000 },
      { key: 'undergraduate', label: '本科', amountFen: 300_000 },
    ],
    eligibility: { hardshipOnly: true, newEmploymentOnly: false },
    fields: [
      { key: 'childName', label: '子女姓名', type: 'text', required: true, max: 20 },
      { key: 'childIdCard', label: '子女身份证号', type: 'idCard', required: true },
      { key: 'level', label: '学历层次', type: 'select', required: true, options: [{ value: 'college', label: '专科' }] },
    ],
    ...over,
  };
}

/** What a built-in kind asks of its campaigns. */
const rulesOf = (kindId: string): CampaignKindRules => {
  const k = builtinKind(kindId);
  return { settle: k.settle.mode, required: ruleFields(k) };
};

describe('validateCampaignDraft', () => {
  const STUDENT = rulesOf('studentAid');
  it('accepts a sound campaign, title trimmed', () => {
    expect(validateCampaignDraft(draft(), STUDENT)).toEqual({ ok: true, value: { ...draft(), title: '2026年金秋助学' } });
  });

  it('accepts a one-day window and a 夏送清凉 with a cap and no tiers', () => {
    expect(validateCampaignDraft(draft({ closeDay: '2026-08-01' }), STUDENT).ok).toBe(true);
    const summer = draft({
      kindId: 'summerRelief', tiers: [], maxAmountFen: 1_000_000,
      fields: [
        { key: 'unit', label: '单位', type: 'text', required: true },
        { key: 'address', label: '地址', type: 'text', required: true },
        { key: 'workers', label: '人数', type: 'number', required: true },
      ],
    });
    expect(validateCampaignDraft(summer, rulesOf('summerRelief')).ok).toBe(true);
  });

  it('asks a places campaign for its quota and place cost, and no other campaign for them', () => {
    const places = rulesOf('sanatorium');
    const sanatorium = draft({ kindId: 'sanatorium', tiers: [], quota: 40, placeFen: 200_000 });
    expect(validateCampaignDraft(sanatorium, places).ok).toBe(true);
    expect(fails(draft({ kindId: 'sanatorium', tiers: [] }), places)).toEqual({ quota: '名额应为1到100000的整数', placeFen: '每个名额的费用应为不小于0的整数（分）' });
    expect(fails(draft({ kindId: 'sanatorium', quota: 10, placeFen: 0 }), places)).toEqual({ tiers: '名额类活动不设金额档次' });
    expect(fails(draft({ quota: 10 }), STUDENT)).toEqual({ quota: '只有名额类活动设名额' });
  });

  const fails = (d: CampaignDraft, rules: CampaignKindRules = STUDENT) => {
    const r = validateCampaignDraft(d, rules);
    if (r.ok) throw new Error('expected a refusal');
    return r.fields;
  };

  it('refuses a window closing before it opens, and bad days', () => {
    expect(fails(draft({ closeDay: '2026-07-31' }))).toEqual({ closeDay: '截止日期不能早于开始日期' });
    expect(fails(draft({ openDay: '2026-02-30' }))).toEqual({ openDay: '请选择开始日期' });
  });

  it('refuses a budget and tiers that are not positive integers in 分', () => {
    for (const budgetFen of [0, -5, 1.5]) expect(fails(draft({ budgetFen }))).toHaveProperty('budgetFen');
    const tiers = [
      { key: 'a', label: 'A', amountFen: 0 },
      { key: 'a', label: '', amountFen: 100.5 },
      { key: 'b', label: 'B', amountFen: 60_000_000 },
    ];
    expect(fails(draft({ tiers }))).toEqual({
      'tiers.0.amountFen': '金额应为大于0的整数（分）',
      'tiers.1.key': '档次标识应唯一，以英文字母开头，只含英文字母、数字和下划线',
      'tiers.1.label': '请填写档次名称',
      'tiers.1.amountFen': '金额应为大于0的整数（分）',
      'tiers.2.amountFen': '档次金额不能超过预算',
    });
  });

  it('refuses a cap beside tiers, or beyond the budget', () => {
    expect(fails(draft({ maxAmountFen: 100 }))).toHaveProperty('maxAmountFen');
    expect(fails(draft({ tiers: [], maxAmountFen: 60_000_000 }))).toEqual({ maxAmountFen: '单笔上限不能超过预算' });
  });

  it('refuses duplicate or non-identifier keys, selects without options, misplaced options and max', () => {
    const base = draft().fields;
    const fields: FormField[] = [
      ...base,
      { key: 'childName', label: '重复', type: 'text', required: false },
      { key: '1st', label: '数字开头', type: 'text', required: false },
      { key: 'school', label: '学校', type: 'select', required: false, options: [] },
      { key: 'when', label: '日期', type: 'date', required: false, max: 3, options: [{ value: 'a', label: 'A' }] },
      { key: 'pick', label: '', type: 'select', required: false, options: [{ value: 'a', label: 'A' }, { value: 'a', label: 'B' }] },
    ];
    expect(fails(draft({ fields }))).toEqual({
      'fields.3.key': '字段标识不能重复',
      'fields.4.key': '字段标识应以英文字母开头，只含英文字母、数字和下划线，最长40个字符',
      'fields.5.options': '选择题至少要有一个选项',
      'fields.6.options': '只有选择题可以设置选项',
      'fields.6.max': '这种字段不能设置上限',
      'fields.7.label': '请填写字段名称（不超过40个字）',
      'fields.7.options': '选项的值不能为空或重复，名称不能为空',
    });
  });

  it('refuses a campaign without the fields its kind rules read', () => {
    const noChild = draft({ fields: [{ key: 'childIdCard', label: '身份证', type: 'text', required: true }] });
    expect(fails(noChild)).toHaveProperty('fields');
    const optional = draft({ fields: [{ key: 'childIdCard', label: '身份证', type: 'idCard', required: false }] });
    expect(fails(optional)).toHaveProperty('fields');
    expect(fails(draft({ kindId: 'summerRelief', tiers: [] }), rulesOf('summerRelief'))).toEqual({ fields: '表单中应有必填的文字字段“unit”（单位名称）' });
    expect(fails(draft({ title: '', year: 1999 }))).toEqual({ title: '请填写活动名称（不超过40个字）', year: '年度不对' });
  });
});
