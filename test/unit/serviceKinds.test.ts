import type { ServiceKindDraft } from '../../typings/api/serviceKinds';
import {
  applicationTerms,
  drawLots,
  drawSeed,
  duplicateRefusal,
  kindVisibleTo,
  maxHeadcount,
  renderHeadline,
  renderSentence,
  snapshotOf,
  subjectKey,
  validateKindDraft,
  yearDuplicateRefusal,
} from '../../cloudfunctions/_shared/domain/serviceKinds';
import { ruleFields } from '../../cloudfunctions/_shared/domain/ruleFields';
import { BUILTIN_KINDS, builtinKind } from '../../localcloud/src/demo/campaigns';

const HASH_KEY = Buffer.alloc(32, 7);

/** A built-in as its officer would submit it for their own federation. */
function draftOf(kindId: string, over: Partial<ServiceKindDraft> = {}): ServiceKindDraft {
  const { label, description, icon, subject, settle, counting, duplicate, sentence, headline, eligibility, template } = builtinKind(kindId);
  return { label, description, icon, orgId: 'org-county', subject, settle, counting, duplicate, sentence, headline, eligibility, template, ...over };
}

const fails = (d: ServiceKindDraft, yearGroupSubject: Parameters<typeof validateKindDraft>[1] = null) => {
  const r = validateKindDraft(d, yearGroupSubject);
  if (r.ok) throw new Error('expected a refusal');
  return r.fields;
};

describe('the built-in kinds as shipped (cloudbase/service-kinds.json)', () => {
  it('are the six kinds of the reports, each valid by the rules officers are held to', () => {
    expect(BUILTIN_KINDS.map((k) => k.label)).toEqual(['金秋助学', '夏送清凉', '冬送温暖', '两节慰问', '职工疗休养', '医疗救助']);
    for (const k of BUILTIN_KINDS) {
      expect(k.builtin).toBe(true);
      expect(validateKindDraft(draftOf(k._id))).toMatchObject({ ok: true });
    }
  });

  it('settle and count as the reports do', () => {
    const rules = Object.fromEntries(BUILTIN_KINDS.map((k) => [k._id, [k.subject.type, k.settle.mode, k.counting.people.by]]));
    expect(rules).toEqual({
      studentAid: ['familyMember', 'cash', 'application'],
      summerRelief: ['site', 'goods', 'delivered'],
      winterWarmth: ['household', 'both', 'application'],
      festivalCare: ['household', 'both', 'application'],
      sanatorium: ['member', 'places', 'application'],
      medicalAid: ['member', 'cash', 'application'],
    });
    expect(builtinKind('medicalAid').settle.capField).toBe('medicalBills');
  });
});

describe('validateKindDraft refuses, against the field at fault', () => {
  it('an unknown settle mode, subject or counting rule', () => {
    expect(fails(draftOf('winterWarmth', { settle: { mode: 'voucher' as never } }))).toEqual({ 'settle.mode': '结算方式不对，请选择发放现金、发放实物、现金或实物、名额' });
    expect(fails(draftOf('winterWarmth', { subject: { type: 'team' } as never }))).toEqual({ 'subject.type': '请选择申请对象（会员本人、家属、家庭或工作场所）' });
    expect(fails(draftOf('winterWarmth', { counting: { people: { by: 'guess' } as never } }))).toHaveProperty(['counting.people']);
  });

  it('a counting rule naming a field its form lacks, or one of another type', () => {
    expect(fails(draftOf('winterWarmth', { counting: { people: { by: 'field', field: 'members' } } }))).toEqual({
      'counting.people.field': '表单中应有必填的整数字段“members”（计人次的人数）',
    });
    expect(fails(draftOf('winterWarmth', { counting: { people: { by: 'field', field: 'address' } } }))).toHaveProperty(['counting.people.field']);
  });

  it('a duplicate rule (the subject) on a missing field, and a cap on a field that is not money', () => {
    expect(fails(draftOf('studentAid', { subject: { type: 'familyMember', nameField: 'childName', idCardField: 'childId' } }))).toEqual({
      'subject.idCardField': '表单中应有必填的身份证号字段“childId”（家属身份证号）',
    });
    expect(fails(draftOf('medicalAid', { settle: { mode: 'cash', capField: 'diagnosis' } }))).toHaveProperty(['settle.capField']);
    expect(fails(draftOf('summerRelief', { settle: { mode: 'goods', capField: 'workers' } }))).toEqual({ 'settle.capField': '只有发放现金的服务可以按表单金额设上限' });
  });

  it('counting deliveries where a cash payment could settle it (it would count 0 人次)', () => {
    expect(fails(draftOf('summerRelief', { settle: { mode: 'both' } }))).toEqual({ 'counting.people': '按送达人数计人次只适用于发放实物的服务' });
  });

  it('a sentence with unknown placeholders or unpaired braces, a headline naming no field', () => {
    expect(fails(draftOf('winterWarmth', { sentence: '{title}：慰问 {households} 户' }))).toEqual({
      sentence: '报告用语中有不认识的占位符{households}，可用的有：{title}{people}{wan}{received}{approved}',
    });
    expect(fails(draftOf('winterWarmth', { sentence: '{title：慰问' }))).toEqual({ sentence: '报告用语中的花括号没有成对' });
    expect(fails(draftOf('winterWarmth', { headline: '{applicant}（{street}）' }))).toHaveProperty('headline');
  });

  it('a places kind without a quota, with tiers; a year group shared with another subject type', () => {
    const s = builtinKind('sanatorium');
    expect(fails(draftOf('sanatorium', { template: { ...s.template, quota: 0, tiers: [{ key: 'a', label: 'A', amountFen: 100 }] } }))).toEqual({
      'template.quota': '名额应为1到100000的整数',
      'template.tiers': '名额类服务不设金额档次',
    });
    expect(fails(draftOf('winterWarmth', { duplicate: { yearGroup: 'studentGrant' } }), 'familyMember')).toEqual({ 'duplicate.yearGroup': '同一互斥组的服务，申请对象必须相同' });
  });

  it('keeps only what the chosen rules read', () => {
    const r = validateKindDraft(draftOf('sanatorium', { subject: { type: 'member', sizeField: 'x' } as never }));
    expect(r).toMatchObject({ ok: true, value: { subject: { type: 'member' } } });
  });
});

describe('an application under its kind', () => {
  const winter = snapshotOf({ ...builtinKind('winterWarmth'), kindId: 'winterWarmth' });
  const summer = snapshotOf({ ...builtinKind('summerRelief'), kindId: 'summerRelief' });
  const medical = snapshotOf({ ...builtinKind('medicalAid'), kindId: 'medicalAid' });

  it('keeps the 人次 it counts, the figures its form declared and the cap it sets', () => {
    expect(applicationTerms(winter, { householdSize: 4 })).toEqual({ kindLabel: '冬送温暖', sentence: winter.sentence, people: 1, declared: 4, capFen: null });
    expect(applicationTerms(summer, { workers: 32 })).toMatchObject({ people: null, declared: 32 });
    expect(applicationTerms(medical, { medicalBills: 250_000 })).toMatchObject({ people: 1, declared: null, capFen: 250_000 });
    expect(maxHeadcount({ declared: 32 })).toBe(32);
    expect(maxHeadcount({ declared: null })).toBe(1);
  });

  it('is one per subject: a household is its member, a site its canonical unit and address', () => {
    expect(subjectKey(winter.subject, {}, 'member-1', HASH_KEY)).toBe('household:member-1');
    expect(subjectKey(summer.subject, { unit: '环卫所 ', address: '解放路１号' }, 'm', HASH_KEY)).toBe(subjectKey(summer.subject, { unit: '环卫所', address: '解放路1号' }, 'other', HASH_KEY));
    expect(duplicateRefusal(summer)).toEqual({ message: '这个工作场所本次已经申请过了', field: 'unit' });
    expect(yearDuplicateRefusal(winter, 'c2', { campaignId: 'c1', campaignTitle: '2026年冬送温暖' })).toEqual({ message: '今年已经申请过2026年冬送温暖，同一年内不能重复申请', field: '_form' });
  });

  it('reads its headline and report sentence from the kind', () => {
    const student = builtinKind('studentAid');
    expect(renderHeadline(student.headline, student.template.fields, { childName: '王小明', level: 'undergraduate', school: '武汉大学' }, '王建国')).toBe('王小明（本科，武汉大学）');
    expect(renderHeadline(winter.headline, [], { householdSize: 3 }, '王建国')).toBe('王建国家（3人）');
    expect(renderSentence(winter.sentence, { title: '2026年冬送温暖', people: '509', wan: '41', received: '600', approved: '520' })).toBe('2026年冬送温暖：慰问困难职工 509 人次，发放慰问金和慰问品 41 万元');
  });

  it('is seen by the built-ins everywhere, a federation’s own kinds in its subtree only', () => {
    expect(kindVisibleTo({ builtin: true, orgId: null }, ['x'])).toBe(true);
    expect(kindVisibleTo({ builtin: false, orgId: 'org-county' }, ['org-county', 'org-chengguan'])).toBe(true);
    expect(kindVisibleTo({ builtin: false, orgId: 'org-shuiping' }, ['org-county', 'org-chengguan'])).toBe(false);
    expect(ruleFields(winter).map((f) => f.key)).toEqual(['householdSize']);
  });
});

describe('the draw by lot', () => {
  const candidates = Array.from({ length: 30 }, (_, i) => `app-${String(i).padStart(2, '0')}`);

  it('is the same from the recorded seed and candidates, whatever their order', () => {
    const seed = drawSeed('draw-1', candidates);
    expect(drawSeed('draw-1', [...candidates].reverse())).toBe(seed);
    const winners = drawLots(seed, candidates, 5);
    expect(winners).toHaveLength(5);
    expect(new Set(winners).size).toBe(5);
    expect(drawLots(seed, [...candidates].reverse(), 5)).toEqual(winners);
    expect(winners.every((w) => candidates.includes(w))).toBe(true);
  });

  it('draws others for another draw, and all of them when there are fewer than the places', () => {
    expect(drawLots(drawSeed('draw-2', candidates), candidates, 5)).not.toEqual(drawLots(drawSeed('draw-1', candidates), candidates, 5));
    expect(drawLots('seed', candidates.slice(0, 3), 5).sort()).toEqual(candidates.slice(0, 3));
  });
});
