// 公示's pure rules: the period over Asia/Shanghai working days (holidays and 调休 included), the hold on
// settling, the objection window, what the public list shows (masked names, the grant), and the steps 公示
// adds to an approved application.
import type { Actor, Grant } from '../../cloudfunctions/_shared/access/actor';
import { checkPublicityDays } from '../../cloudfunctions/_shared/domain/campaignForm';
import { grantLabel, objectionWindow, publicityEnd, publicityLastDay, publicityLine, settlementHold } from '../../cloudfunctions/_shared/domain/publicity';
import { transition } from '../../cloudfunctions/_shared/workflow/machine';
import { PUBLICITY_MACHINE, type ListedRecord } from '../../cloudfunctions/_shared/workflow/publicity';

const at = (s: string) => new Date(s);

describe('publicityEnd', () => {
  it('runs N working days after the day it is published, ending at the start of the next Shanghai day', () => {
    // published Thursday 2026-12-03 10:00 Shanghai: Fri 4, Mon 7, Tue 8, Wed 9, Thu 10 → ends as the 11th begins
    const end = publicityEnd(at('2026-12-03T02:00:00Z'), 5);
    expect(end.toISOString()).toBe('2026-12-10T16:00:00.000Z');
    expect(publicityLastDay(end)).toBe('12月10日');
  });

  it('a late evening in Shanghai is already the next day', () => {
    // 2026-12-03T17:00Z is Friday 12-04 01:00 in Shanghai
    expect(publicityLastDay(publicityEnd(at('2026-12-03T17:00:00Z'), 5))).toBe('12月11日');
  });

  it('skips the 国庆 holidays and counts the 调休 Saturday', () => {
    // published Wed 2026-09-30: Oct 1–7 off, Sat Oct 10 works: Thu 8, Fri 9, Sat 10, Mon 12, Tue 13
    expect(publicityLastDay(publicityEnd(at('2026-09-30T02:00:00Z'), 5))).toBe('10月13日');
  });
});

describe('settlementHold', () => {
  const publicized = { publicity: { workingDays: 5 } };
  const endsAt = at('2026-12-10T16:00:00Z');

  it('never holds a campaign without 公示, but for an objection still open (the setting turned off since)', () => {
    expect(settlementHold({}, {}, at('2026-12-01T00:00:00Z'))).toBeNull();
    expect(settlementHold({ publicity: null }, { publicity: null, openObjections: 0 }, at('2026-12-01T00:00:00Z'))).toBeNull();
    expect(settlementHold({ publicity: null }, { openObjections: 2 }, at('2026-12-01T00:00:00Z'))?.message).toBe('该申请有未处理的异议，处理后方可发放');
  });

  it('holds what was never published', () => {
    expect(settlementHold(publicized, { publicity: null }, at('2026-12-20T00:00:00Z'))).toEqual({ code: 'ON_HOLD', message: '本活动须先公示，公示期满后方可发放' });
  });

  it('holds until the period ends, naming its last day', () => {
    const app = { publicity: { publicityId: 'p', endsAt }, openObjections: 0 };
    expect(settlementHold(publicized, app, at('2026-12-10T15:59:59Z'))).toEqual({ code: 'ON_HOLD', message: '公示期未满，12月10日后方可发放' });
    expect(settlementHold(publicized, app, endsAt)).toBeNull();
  });

  it('holds while an objection is open, even after the period', () => {
    const app = { publicity: { publicityId: 'p', endsAt }, openObjections: 1 };
    expect(settlementHold(publicized, app, at('2026-12-20T00:00:00Z'))).toEqual({ code: 'ON_HOLD', message: '该申请有未处理的异议，处理后方可发放' });
  });
});

describe('objectionWindow', () => {
  const p = { startsAt: at('2026-12-03T02:00:00Z'), endsAt: at('2026-12-10T16:00:00Z') };
  it('takes objections from the start to the end', () => {
    expect(objectionWindow(p, at('2026-12-03T02:00:00Z'))).toBeNull();
    expect(objectionWindow(p, at('2026-12-10T15:59:59Z'))).toBeNull();
  });
  it('refuses them after the period and before it', () => {
    expect(objectionWindow(p, at('2026-12-10T16:00:00Z'))).toEqual({ code: 'WINDOW_CLOSED', message: '公示期已结束，不能再提出异议' });
    expect(objectionWindow(p, at('2026-12-01T00:00:00Z'))?.code).toBe('WINDOW_CLOSED');
  });
});

describe('the public list', () => {
  const tiers = [{ key: 'ug', label: '本科', amountFen: 300_000 }];
  it('masks names: 王*国, 李*, 欧**娜', () => {
    const line = (name: string) => publicityLine({ _id: 'a', applicantName: name, amountFen: 300_000 }, '城关镇环卫所工会', { tiers }).maskedName;
    expect([line('王建国'), line('李四'), line('欧阳娜娜')]).toEqual(['王*国', '李*', '欧**娜']);
  });
  it('names the grant by its tier, else its amount; a places campaign says 入选', () => {
    expect(grantLabel(tiers, 300_000, null)).toBe('本科（3000元）');
    expect(grantLabel([], 150_050, null)).toBe('1500.5元');
    expect(publicityLine({ _id: 'a', applicantName: '王建国', amountFen: 200_000 }, '工会', { tiers: [], quota: 10 }).grant).toBe('入选');
  });
  it('carries no more than the id, masked name, org and grant', () => {
    expect(Object.keys(publicityLine({ _id: 'a', applicantName: '王建国', amountFen: 1 }, '工会', { tiers }))).toEqual(['applicationId', 'maskedName', 'orgName', 'grant']);
  });
});

test('the setting takes 1 to 30 working days', () => {
  expect([1, 5, 30].map(checkPublicityDays)).toEqual([null, null, null]);
  expect(checkPublicityDays(0)).toBe('公示天数应为1到30个工作日');
  expect(checkPublicityDays(2.5)).toBe('公示天数应为1到30个工作日');
});

describe('the 公示 steps of an approved application (workflow/publicity.ts)', () => {
  const COUNTY = ['org-county'];
  const SANITATION = [...COUNTY, 'org-chengguan', 'org-cg-sanitation'];
  const actor = (memberId: string, grants: [Grant['role'], string[]][] = []): Actor => ({
    openid: `o-${memberId}`, memberId, verified: true, grants: grants.map(([role, path], i) => ({ grantId: `g${i}`, role, orgId: path[path.length - 1], orgPath: path })),
  });
  const federation = actor('m-fed', [['federationOfficer', COUNTY]]);
  const grassroots = actor('m-grassroots', [['orgOfficer', SANITATION]]);
  const endsAt = at('2026-12-10T16:00:00Z');
  const record = (over: Partial<ListedRecord> = {}): ListedRecord => ({
    _id: 'app1', status: 'approved', version: 3, history: [], updatedAt: new Date(0), createdAt: new Date(0),
    campaignId: 'c1', campaignKind: 'studentAid', campaignTitle: '2026年金秋助学', terms: { kindLabel: '金秋助学', sentence: '', people: 1, declared: null, capFen: null },
    applicantMemberId: 'm-applicant', applicantOpenid: 'o-m-applicant', applicantOrgPath: SANITATION, campaignOrgPath: COUNTY,
    answers: {}, amountFen: 300_000, payment: null, delivery: null, attendance: null, ...over,
  });
  const now = at('2026-12-03T02:00:00Z');

  it('publicize lists an approved application once, keeping its state, and tells the applicant the last day', () => {
    const r = transition(PUBLICITY_MACHINE, record(), 'publicize', federation, { publicityId: 'pub-1', endsAt }, now);
    if (!r.ok) throw new Error(r.message);
    expect(r.next).toMatchObject({ status: 'approved', version: 4, publicity: { publicityId: 'pub-1', endsAt }, openObjections: 0 });
    expect(r.messages[0]).toMatchObject({ toOpenid: 'o-m-applicant', phrase: '公示中', brief: '公示至12月10日' });
    expect(transition(PUBLICITY_MACHINE, r.next, 'publicize', federation, { publicityId: 'pub-2', endsAt }, now)).toMatchObject({ ok: false, code: 'INVALID_STATE', message: '该申请已在公示中' });
  });

  it('only the campaign’s federation officer takes the steps, never on their own application', () => {
    expect(transition(PUBLICITY_MACHINE, record(), 'publicize', grassroots, { publicityId: 'p', endsAt }, now)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const own = actor('m-applicant', [['federationOfficer', COUNTY]]);
    expect(transition(PUBLICITY_MACHINE, record({ openObjections: 1 }), 'objectionReject', own, { comment: '不符合' }, now)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('an objection upheld returns or rejects the application with a reason, taking it off the list and its amount away', () => {
    const listed = record({ publicity: { publicityId: 'p', endsAt }, openObjections: 2 });
    expect(transition(PUBLICITY_MACHINE, record({ openObjections: 0 }), 'objectionReturn', federation, { comment: '请补充' }, now)).toMatchObject({ ok: false, code: 'INVALID_STATE', message: '该申请没有待处理的异议' });
    expect(transition(PUBLICITY_MACHINE, listed, 'objectionReject', federation, {}, now)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', fields: { comment: '请填写说明' } });
    for (const [name, to] of [['objectionReturn', 'returned'], ['objectionReject', 'rejected']] as const) {
      const r = transition(PUBLICITY_MACHINE, listed, name, federation, { comment: '经核实不符合条件' }, now);
      expect(r).toMatchObject({ ok: true, next: { status: to, amountFen: null, publicity: null, openObjections: 0 } });
    }
    expect(transition(PUBLICITY_MACHINE, { ...listed, status: 'paid' }, 'objectionReject', federation, { comment: '晚了' }, now)).toMatchObject({ ok: false, code: 'INVALID_STATE' });
  });
});
