import { randomBytes } from 'node:crypto';
import {
  checkBudgetEdit,
  checkRefund,
  checkEligibility,
  checkGrantAmount,
  checkStatusChange,
  checkWindow,
  daysOfWindow,
  formatYuan,
  refundBudget,
  refundableFen,
  releaseBudget,
  remainingFen,
  reserveBudget,
  settleBudget,
  suggestedTierKey,
  takePlaces,
  windowOfDays,
} from '../../cloudfunctions/_shared/domain/campaignRules';
import { idCardCheckChar } from '../../cloudfunctions/_shared/domain/idCard';
import { builtinKind } from '../../localcloud/src/demo/campaigns';
import { campaignDuplicateKey, subjectKey } from '../../cloudfunctions/_shared/domain/serviceKinds';
import type { BudgetLedger } from '../../typings/api/campaigns';

describe('campaign window, in Asia/Shanghai calendar days', () => {
  const window = windowOfDays('2026-09-01', '2026-09-30');
  const campaign = { status: 'open' as const, ...window };

  it('is stored as [start of the open day, start of the day after the close day)', () => {
    expect(window.opensAt.toISOString()).toBe('2026-08-31T16:00:00.000Z');
    expect(window.closesAt.toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(daysOfWindow(window)).toEqual({ openDay: '2026-09-01', closeDay: '2026-09-30' });
    expect(daysOfWindow(windowOfDays('2026-12-31', '2026-12-31'))).toEqual({ openDay: '2026-12-31', closeDay: '2026-12-31' });
  });

  it('opens at Shanghai midnight of the open day', () => {
    const before = checkWindow(campaign, new Date('2026-08-31T15:59:59.999Z'));
    expect(before).toEqual({ ok: false, code: 'WINDOW_CLOSED', message: '该活动尚未开始接受申请' });
    expect(checkWindow(campaign, new Date('2026-08-31T16:00:00.000Z')).ok).toBe(true);
  });

  it('takes the whole close day and closes at the following Shanghai midnight', () => {
    expect(checkWindow(campaign, new Date('2026-09-30T15:59:59.999Z')).ok).toBe(true);
    expect(checkWindow(campaign, new Date('2026-09-30T16:00:00.000Z'))).toEqual({
      ok: false, code: 'WINDOW_CLOSED', message: '该活动的申请时间已截止',
    });
  });

  it('is shut for a draft or closed campaign even inside its days', () => {
    const inside = new Date('2026-09-10T02:00:00Z');
    expect(checkWindow({ ...campaign, status: 'draft' }, inside).ok).toBe(false);
    expect(checkWindow({ ...campaign, status: 'closed' }, inside).ok).toBe(false);
  });
});

describe('eligibility', () => {
  const hardshipOnly = { eligibility: { hardshipOnly: true, newEmploymentOnly: false } };
  const anyone = { eligibility: { hardshipOnly: false, newEmploymentOnly: false } };
  const gig = { eligibility: { hardshipOnly: false, newEmploymentOnly: true } };
  const severeOnly = { eligibility: { hardshipOnly: true, newEmploymentOnly: false, hardshipGrades: ['extreme' as const, 'severe' as const] } };
  const member = { verified: true, hardshipGrade: null, newEmployment: false };
  it('needs an approved membership', () => {
    expect(checkEligibility(anyone, { ...member, verified: false, hardshipGrade: 'extreme' })).toEqual({ ok: false, code: 'INELIGIBLE', message: '会员认证通过后才能申请' });
    expect(checkEligibility(anyone, member).ok).toBe(true);
  });
  it('needs 建档困难职工 where the campaign is for them only', () => {
    expect(checkEligibility(hardshipOnly, member)).toEqual({ ok: false, code: 'INELIGIBLE', message: '该活动仅面向建档困难职工' });
    expect(checkEligibility(hardshipOnly, { ...member, hardshipGrade: 'marginal' }).ok).toBe(true);
  });
  it('takes only the grades the campaign names, where it names any', () => {
    expect(checkEligibility(severeOnly, member)).toEqual({ ok: false, code: 'INELIGIBLE', message: '该活动仅面向特困、重困建档困难职工' });
    expect(checkEligibility(severeOnly, { ...member, hardshipGrade: 'ordinary' })).toEqual({ ok: false, code: 'INELIGIBLE', message: '该活动仅面向特困、重困建档困难职工' });
    expect(checkEligibility(severeOnly, { ...member, hardshipGrade: 'severe' }).ok).toBe(true);
    expect(checkEligibility({ eligibility: { ...severeOnly.eligibility, hardshipGrades: [] } }, { ...member, hardshipGrade: 'marginal' }).ok).toBe(true);
  });
  it('needs a 新就业形态劳动者 where the campaign is for them only', () => {
    expect(checkEligibility(gig, member)).toEqual({ ok: false, code: 'INELIGIBLE', message: '该活动仅面向新就业形态劳动者' });
    expect(checkEligibility(gig, { ...member, newEmployment: true }).ok).toBe(true);
  });
});

describe('grant amount', () => {
  const tiered = { budgetFen: 10_000_000, tiers: [{ key: 'college', label: '专科', amountFen: 200_000 }, { key: 'undergraduate', label: '本科', amountFen: 300_000 }] };
  it('is one of the tiers when the campaign has tiers', () => {
    expect(checkGrantAmount(tiered, 300_000)).toEqual({ ok: true, value: 300_000 });
    expect(checkGrantAmount(tiered, 250_000)).toEqual({ ok: false, code: 'VALIDATION_FAILED', message: '金额不在本活动的资助档次之内' });
  });
  it('is within the cap, or the budget, without tiers', () => {
    expect(checkGrantAmount({ budgetFen: 1_000_000, tiers: [], maxAmountFen: 50_000 }, 50_000).ok).toBe(true);
    expect(checkGrantAmount({ budgetFen: 1_000_000, tiers: [], maxAmountFen: 50_000 }, 50_001).ok).toBe(false);
    expect(checkGrantAmount({ budgetFen: 1_000_000, tiers: [] }, 1_000_000).ok).toBe(true);
    expect(checkGrantAmount({ budgetFen: 1_000_000, tiers: [] }, 1_000_001).ok).toBe(false);
  });
  it('is a positive integer in 分', () => {
    for (const bad of [0, -100, 1.5, '300000', null, NaN]) expect(checkGrantAmount(tiered, bad).ok).toBe(false);
  });
  it('never exceeds the cap the form sets (医疗救助: the bills), tier or not', () => {
    expect(checkGrantAmount(tiered, 300_000, 250_000)).toEqual({ ok: false, code: 'VALIDATION_FAILED', message: '金额不能超过申请表中申报的2500元' });
    expect(checkGrantAmount(tiered, 200_000, 250_000).ok).toBe(true);
    expect(checkGrantAmount({ budgetFen: 1_000_000, tiers: [] }, 260_000, 250_000).ok).toBe(false);
  });
});

describe('duplicate key', () => {
  const hashKey = randomBytes(32);
  const id = (id17: string) => id17 + idCardCheckChar(id17);
  const child = id('42032220070301041');

  const duplicateKey = (c: { campaignId: string; kindId: string }, answers: Record<string, string | number>, key: Buffer, memberId = 'member-a') =>
    campaignDuplicateKey(c.campaignId, subjectKey(builtinKind(c.kindId).subject, answers, memberId, key));

  it('金秋助学 (a family member): one per child per campaign, whoever applies, without the ID number in it', () => {
    const c = { campaignId: 'c1', kindId: 'studentAid' };
    const a = duplicateKey(c, { childIdCard: child, childName: '王小明', bankCard: '6222021234567890' }, hashKey);
    const b = duplicateKey(c, { childIdCard: child, childName: '王晓明' }, hashKey, 'member-b');
    expect(a).toBe(b);
    expect(a).not.toContain(child);
    expect(duplicateKey(c, { childIdCard: id('42032220070301042') }, hashKey)).not.toBe(a);
    expect(duplicateKey({ ...c, campaignId: 'c2' }, { childIdCard: child }, hashKey)).not.toBe(a);
  });

  it('夏送清凉 (a site): one per work site (unit and address, however spaced or full-width) per campaign', () => {
    const c = { campaignId: 'c1', kindId: 'summerRelief' };
    const a = duplicateKey(c, { unit: '城关镇环卫所', address: '城关镇 解放路 1 号', workers: 30 }, hashKey);
    expect(duplicateKey(c, { unit: ' 城关镇环卫所', address: '城关镇解放路１号', workers: 12 }, hashKey)).toBe(a);
    expect(duplicateKey(c, { unit: '城关镇环卫所', address: '城关镇解放路2号' }, hashKey)).not.toBe(a);
    expect(duplicateKey({ ...c, campaignId: 'c2' }, { unit: '城关镇环卫所', address: '城关镇解放路1号' }, hashKey)).not.toBe(a);
  });

  it('冬送温暖 (a household) and 医疗救助 (the member): one per member per campaign', () => {
    expect(duplicateKey({ campaignId: 'c1', kindId: 'winterWarmth' }, { householdSize: 3 }, hashKey)).toBe('c1:household:member-a');
    expect(duplicateKey({ campaignId: 'c1', kindId: 'medicalAid' }, {}, hashKey, 'member-b')).toBe('c1:member:member-b');
  });
});

describe('budget', () => {
  const ledger: BudgetLedger = { budgetFen: 1_000_000, reservedFen: 300_000, paidFen: 200_000, places: null };

  it('reserves an approval within what remains, up to the last 分', () => {
    expect(remainingFen(ledger)).toBe(500_000);
    expect(reserveBudget(ledger, 500_000)).toEqual({ ok: true, value: { ...ledger, reservedFen: 800_000 } });
    expect(reserveBudget(ledger, 500_001)).toEqual({ ok: false, code: 'BUDGET_EXHAUSTED', message: '本活动剩余预算不足（剩余5000元）' });
  });

  it('never lets reserved + paid exceed the budget, approving until exhausted', () => {
    let l: BudgetLedger = { budgetFen: 1_000_000, reservedFen: 0, paidFen: 0, places: null };
    let granted = 0;
    for (let i = 0; i < 10; i++) {
      const r = reserveBudget(l, 300_000);
      if (r.ok) {
        l = i % 2 ? settleBudget(r.value, 300_000) : r.value;
        granted++;
      }
      expect(l.reservedFen + l.paidFen).toBeLessThanOrEqual(l.budgetFen);
    }
    expect(granted).toBe(3);
    expect(remainingFen(l)).toBe(100_000);
  });

  it('settles payment from reserved to paid, and refuses to settle what was never reserved', () => {
    expect(settleBudget(ledger, 300_000)).toEqual({ budgetFen: 1_000_000, reservedFen: 0, paidFen: 500_000, places: null });
    expect(() => settleBudget(ledger, 300_001)).toThrow('inconsistent');
  });

  it('cancelling an approval releases its reservation, and a places campaign’s place; never more than was taken', () => {
    expect(releaseBudget(ledger, 300_000)).toEqual({ budgetFen: 1_000_000, reservedFen: 0, paidFen: 200_000, places: null });
    expect(releaseBudget({ ...ledger, places: { quota: 3, taken: 2 } }, 300_000)).toMatchObject({ reservedFen: 0, places: { quota: 3, taken: 1 } });
    expect(() => releaseBudget(ledger, 300_001)).toThrow('inconsistent');
    expect(() => releaseBudget({ ...ledger, places: { quota: 3, taken: 0 } }, 0)).toThrow('inconsistent');
  });

  it('a refund is positive and at most what is not yet refunded; it returns to the budget', () => {
    const refunds = [{ amountFen: 100_000 }];
    expect(refundableFen(300_000, refunds)).toBe(200_000);
    expect(checkRefund(300_000, refunds, 200_000)).toEqual({ ok: true, value: 200_000 });
    expect(checkRefund(300_000, refunds, 200_001)).toEqual({ ok: false, code: 'VALIDATION_FAILED', message: '退款金额不能超过尚未退回的2000元' });
    expect(checkRefund(300_000, [], 0)).toMatchObject({ ok: false, message: '退款金额应大于0' });
    expect(checkRefund(300_000, [{ amountFen: 300_000 }], 1)).toMatchObject({ ok: false, message: '退款金额不能超过尚未退回的0元' });
    expect(refundBudget(ledger, 200_000)).toEqual({ budgetFen: 1_000_000, reservedFen: 300_000, paidFen: 0, places: null });
    expect(() => refundBudget(ledger, 200_001)).toThrow('inconsistent');
  });

  it('gives a places campaign’s places up to its quota, never past it', () => {
    const places: BudgetLedger = { ...ledger, places: { quota: 3, taken: 1 } };
    expect(takePlaces(places, 2)).toEqual({ ok: true, value: { ...places, places: { quota: 3, taken: 3 } } });
    expect(takePlaces(places, 3)).toEqual({ ok: false, code: 'BUDGET_EXHAUSTED', message: '本活动只剩2个名额' });
    expect(takePlaces({ ...ledger, places: { quota: 3, taken: 3 } }, 1)).toMatchObject({ ok: false, message: '本活动的名额已满' });
    expect(takePlaces(ledger, 5)).toEqual({ ok: true, value: ledger });
  });
});

test('formatYuan', () => {
  expect(formatYuan(300_000)).toBe('3000元');
  expect(formatYuan(1_050)).toBe('10.5元');
  expect(formatYuan(1)).toBe('0.01元');
  expect(formatYuan(10_000)).toBe('100元');
});

describe('campaign status and budget edits', () => {
  test.each([
    ['draft', 'open', true],
    ['closed', 'open', true],
    ['open', 'open', false],
    ['open', 'closed', true],
    ['draft', 'closed', false],
    ['closed', 'closed', false],
  ] as const)('%s → %s allowed: %s', (from, to, allowed) => {
    const r = checkStatusChange(from, to);
    expect(r.ok).toBe(allowed);
    if (!r.ok) expect(r.code).toBe('INVALID_STATE');
  });

  test('the budget may fall to what is committed, not below', () => {
    const ledger: BudgetLedger = { budgetFen: 1_000_000, reservedFen: 300_000, paidFen: 200_000, places: null };
    expect(checkBudgetEdit(ledger, 500_000)).toEqual({ ok: true, value: { ...ledger, budgetFen: 500_000 } });
    expect(checkBudgetEdit(ledger, 499_999)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', message: expect.stringContaining('5000元') });
  });
});

describe('suggested tier', () => {
  const campaign = {
    tiers: [
      { key: 'college', label: '专科', amountFen: 200_000 },
      { key: 'undergraduate', label: '本科', amountFen: 300_000 },
    ],
    fields: [
      { key: 'school', label: '学校', type: 'text' as const, required: true },
      { key: 'level', label: '学历层次', type: 'select' as const, required: true, options: [{ value: 'college', label: '专科' }, { value: 'undergraduate', label: '本科' }] },
    ],
  };
  test('the tier whose key a select answer holds', () => {
    expect(suggestedTierKey(campaign, { school: 'x', level: 'undergraduate' })).toBe('undergraduate');
  });
  test('a text answer that happens to equal a tier key names no tier; nor does a campaign without tiers', () => {
    expect(suggestedTierKey(campaign, { school: 'college' })).toBeNull();
    expect(suggestedTierKey({ ...campaign, tiers: [] }, { level: 'college' })).toBeNull();
  });
});
