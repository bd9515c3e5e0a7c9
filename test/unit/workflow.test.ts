import type { Actor, Grant } from '../../cloudfunctions/_shared/access/actor';
import type { Staffing } from '../../cloudfunctions/_shared/access/coverage';
import { applicationMachine, type ApplicationRecord } from '../../cloudfunctions/_shared/workflow/applications';
import { availableTransitions, transition, type Machine, type WorkflowRecord } from '../../cloudfunctions/_shared/workflow/machine';
import type { ApplicationStatus } from '../../typings/api/applications';
import { snapshotOf } from '../../cloudfunctions/_shared/domain/serviceKinds';
import { builtinKind } from '../../localcloud/src/demo/campaigns';
import type { CampaignView } from '../../typings/api/campaigns';

const COUNTY = ['org-county'];
const SANITATION = ['org-county', 'org-chengguan', 'org-cg-sanitation'];
const now = new Date('2026-09-10T02:00:00Z');

function actor(memberId: string, grants: [Grant['role'], string[]][] = []): Actor {
  return {
    openid: `o-${memberId}`,
    memberId,
    verified: true,
    grants: grants.map(([role, path], i) => ({ grantId: `g${i}`, role, orgId: path[path.length - 1], orgPath: path })),
  };
}
const applicant = actor('m-applicant');
const grassroots = actor('m-grassroots', [['orgOfficer', SANITATION]]);
const federation = actor('m-fed', [['federationOfficer', COUNTY]]);
const stranger = actor('m-stranger');

// ---- the generic mechanism, on a toy machine of the kind legal-aid cases use (self-loops, patches) ----
type CaseState = 'open' | 'closed';
interface CaseRecord extends WorkflowRecord<CaseState> { ownerOpenid: string; steps: number; outcome: string | null }
const caseMachine: Machine<CaseState, CaseRecord> = {
  states: ['open', 'closed'],
  transitions: [
    {
      name: 'logStep', from: ['open'], to: 'open', who: (a, r) => a.openid === r.ownerOpenid,
      needs: (_input, r) => ({ ok: true, patch: { steps: r.steps + 1 } }),
    },
    {
      name: 'close', from: ['open'], to: 'closed', who: (a, r) => a.openid === r.ownerOpenid,
      needs: (input) => (typeof input.outcome === 'string' ? { ok: true, patch: { outcome: input.outcome } } : { ok: false, message: '请选择结案结果', fields: { outcome: '请选择结案结果' } }),
      messages: (next, entry) => [
        { toOpenid: next.ownerOpenid, title: '已结案', body: `结果：${next.outcome}`, subject: '案件', phrase: '已结案', brief: '结案', page: 'p' },
        { toOpenid: 'o-fed', title: '结案通知', body: entry.action, subject: '案件', phrase: '已结案', brief: '结案', page: 'q' },
      ],
    },
  ],
};
const aCase = (): CaseRecord => ({ _id: 'case1', status: 'open', version: 3, history: [], updatedAt: new Date(0), ownerOpenid: 'o-m-applicant', steps: 0, outcome: null });

describe('transition (generic)', () => {
  it('returns the next record with status, version + 1, history entry, patch, and the expected version', () => {
    const r = transition(caseMachine, aCase(), 'close', applicant, { outcome: '调解成功', comment: '  已调解  ' }, now);
    if (!r.ok) throw new Error(r.message);
    const entry = { at: now, by: 'o-m-applicant', action: 'close', from: 'open', to: 'closed', comment: '已调解' };
    expect(r.expectedVersion).toBe(3);
    expect(r.entry).toEqual(entry);
    expect(r.next).toEqual({ ...aCase(), status: 'closed', version: 4, history: [entry], updatedAt: now, outcome: '调解成功' });
    expect(r.messages).toEqual([
      { toOpenid: 'o-m-applicant', title: '已结案', body: '结果：调解成功', subject: '案件', phrase: '已结案', brief: '结案', page: 'p', causeId: 'case1:v4' },
      { toOpenid: 'o-fed', title: '结案通知', body: 'close', subject: '案件', phrase: '已结案', brief: '结案', page: 'q', causeId: 'case1:v4:1' },
    ]);
  });

  it('does not change the record it was given', () => {
    const record = aCase();
    transition(caseMachine, record, 'logStep', applicant, {}, now);
    expect(record).toEqual(aCase());
  });

  it('takes self-loops, appending history each time', () => {
    let r = aCase();
    for (let i = 0; i < 3; i++) {
      const step = transition(caseMachine, r, 'logStep', applicant, {}, now);
      if (!step.ok) throw new Error(step.message);
      r = step.next;
    }
    expect(r).toMatchObject({ status: 'open', version: 6, steps: 3 });
    expect(r.history.map((h) => [h.from, h.to, h.comment])).toEqual([['open', 'open', null], ['open', 'open', null], ['open', 'open', null]]);
  });

  it('refuses an unknown name, then the role, then the state, then the input', () => {
    expect(transition(caseMachine, aCase(), 'reopen', applicant, {}, now)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    const closed = { ...aCase(), status: 'closed' as const };
    expect(transition(caseMachine, closed, 'close', stranger, { outcome: 'x' }, now)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(transition(caseMachine, closed, 'close', applicant, { outcome: 'x' }, now)).toMatchObject({ ok: false, code: 'INVALID_STATE' });
    expect(transition(caseMachine, aCase(), 'close', applicant, {}, now)).toEqual({
      ok: false, code: 'VALIDATION_FAILED', message: '请选择结案结果', fields: { outcome: '请选择结案结果' },
    });
  });

  it('refuses a comment that is not text or too long', () => {
    expect(transition(caseMachine, aCase(), 'logStep', applicant, { comment: 5 }, now)).toMatchObject({ code: 'VALIDATION_FAILED', fields: { comment: expect.any(String) } });
    expect(transition(caseMachine, aCase(), 'logStep', applicant, { comment: '字'.repeat(501) }, now)).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(transition(caseMachine, aCase(), 'logStep', applicant, { comment: '字'.repeat(500) }, now).ok).toBe(true);
  });
});

describe('transition (generic): decisions on an old version', () => {
  const seen: Machine<CaseState, CaseRecord> = { ...caseMachine, visibleTo: (a) => a !== stranger, stale: { noun: '该案件' } };
  const closed = { ...aCase(), status: 'closed' as const };

  it('is CONFLICT for whoever sees the record, before its role or state is judged', () => {
    expect(transition(seen, closed, 'close', grassroots, { outcome: 'x' }, now, 2)).toEqual({ ok: false, code: 'CONFLICT', message: '该案件已被他人处理，请刷新后查看' });
    expect(transition(seen, aCase(), 'close', applicant, { outcome: 'x' }, now, 2)).toMatchObject({ ok: false, code: 'CONFLICT' });
  });

  it('is FORBIDDEN for whoever cannot see it, and CONFLICT after the role for a machine that names no one', () => {
    expect(transition(seen, aCase(), 'close', stranger, { outcome: 'x' }, now, 2)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(transition(caseMachine, aCase(), 'close', stranger, { outcome: 'x' }, now, 2)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(transition(caseMachine, aCase(), 'close', applicant, { outcome: 'x' }, now, 2)).toMatchObject({ ok: false, code: 'CONFLICT' });
  });

  it('the current version goes through', () => {
    expect(transition(seen, aCase(), 'close', applicant, { outcome: 'x' }, now, 3).ok).toBe(true);
  });
});

describe('transition (generic): steps that keep the state, parts and details', () => {
  type S = 'open' | 'closed';
  interface R extends WorkflowRecord<S> { notes: number }
  const machine: Machine<S, R> = {
    states: ['open', 'closed'],
    partOf: (a) => (a.openid === 'o-m-applicant' ? 'member' : 'officer'),
    transitions: [
      { name: 'note', from: ['open', 'closed'], who: () => true, requiresComment: true, needs: (input, r) => ({ ok: true, patch: { notes: r.notes + 1 }, details: { kind: input.kind } }) },
      { name: 'close', from: ['open'], to: 'closed', who: () => true },
    ],
  };
  const record = (status: S): R => ({ _id: 'r1', status, version: 1, history: [], updatedAt: new Date(0), notes: 0 });

  it('a transition without `to` stays in the state it was taken from, and still bumps the version', () => {
    for (const status of ['open', 'closed'] as const) {
      const r = transition(machine, record(status), 'note', grassroots, { comment: '已电话联系', kind: 'call' }, now);
      if (!r.ok) throw new Error(r.message);
      expect(r.next).toMatchObject({ status, version: 2, notes: 1 });
      expect(r.entry).toEqual({ at: now, by: 'o-m-grassroots', action: 'note', from: status, to: status, comment: '已电话联系', part: 'officer', details: { kind: 'call' } });
    }
  });

  it('names the actor\'s part on each entry; entries carry no details when the check gives none', () => {
    const r = transition(machine, record('open'), 'close', applicant, {}, now);
    if (!r.ok) throw new Error(r.message);
    expect(r.entry).toEqual({ at: now, by: 'o-m-applicant', action: 'close', from: 'open', to: 'closed', comment: null, part: 'member' });
  });

  it('machines without partOf keep entries as they were', () => {
    const r = transition(caseMachine, aCase(), 'logStep', applicant, {}, now);
    if (!r.ok) throw new Error(r.message);
    expect(Object.keys(r.entry).sort()).toEqual(['action', 'at', 'by', 'comment', 'from', 'to']);
  });
});

// ---- the applications machine ----
const kindOf = (kindId: string) => snapshotOf({ ...builtinKind(kindId), kindId });
type MachineCampaign = Pick<CampaignView, 'kind' | 'fields' | 'tiers' | 'maxAmountFen' | 'budgetFen' | 'placeFen'>;
const studentAid: MachineCampaign = {
  kind: kindOf('studentAid'),
  budgetFen: 50_000_000,
  tiers: [{ key: 'college', label: '专科', amountFen: 200_000 }, { key: 'undergraduate', label: '本科', amountFen: 300_000 }],
  fields: [{ key: 'school', label: '录取学校', type: 'text', required: true, max: 40 }],
};
const summerRelief: MachineCampaign = { ...studentAid, kind: kindOf('summerRelief'), tiers: [], maxAmountFen: 1_000_000 };
const winterWarmth: MachineCampaign = { ...studentAid, kind: kindOf('winterWarmth'), tiers: [], maxAmountFen: 100_000 };
const medicalAid: MachineCampaign = { ...studentAid, kind: kindOf('medicalAid') };
const sanatorium: MachineCampaign = { ...studentAid, kind: kindOf('sanatorium'), tiers: [], placeFen: 200_000 };
/** the applicant's union has its grassroots officer */
const STAFFED: Staffing = [{ openid: 'o-m-grassroots', role: 'orgOfficer', orgId: 'org-cg-sanitation' }];

const TERMS = { kindLabel: '金秋助学', sentence: '', people: 1, declared: null, capFen: null };

function application(status: ApplicationStatus, over: Partial<ApplicationRecord> = {}): ApplicationRecord {
  return {
    _id: 'app1', status, version: 1, history: [], updatedAt: new Date(0), createdAt: new Date(0),
    campaignId: 'c1', campaignKind: 'studentAid', campaignTitle: '2026年金秋助学', terms: TERMS,
    applicantMemberId: 'm-applicant', applicantOpenid: 'o-m-applicant', applicantOrgPath: SANITATION, campaignOrgPath: COUNTY,
    answers: { school: '武汉大学' }, amountFen: null, payment: null, delivery: null, attendance: null,
    ...over,
  };
}

const ALL: ApplicationStatus[] = ['submitted', 'returned', 'recommended', 'approved', 'paid', 'delivered', 'attended', 'rejected', 'withdrawn', 'cancelled'];

/** Each action: the states it is taken from, the one who takes it, someone refused, and a valid input. */
const ACTIONS: { name: string; from: ApplicationStatus[]; to: ApplicationStatus; by: Actor[]; notBy: Actor[]; input: Record<string, unknown> }[] = [
  { name: 'recommend', from: ['submitted'], to: 'recommended', by: [grassroots], notBy: [federation, applicant, stranger], input: {} },
  { name: 'return', from: ['submitted', 'recommended'], to: 'returned', by: [grassroots, federation], notBy: [applicant, stranger], input: { comment: '请补充录取通知书' } },
  { name: 'reject', from: ['submitted', 'recommended'], to: 'rejected', by: [grassroots, federation], notBy: [applicant, stranger], input: { comment: '不符合条件' } },
  { name: 'approve', from: ['recommended'], to: 'approved', by: [federation], notBy: [grassroots, applicant, stranger], input: { amountFen: 300_000 } },
  { name: 'pay', from: ['approved'], to: 'paid', by: [federation], notBy: [grassroots, applicant, stranger], input: { paymentReference: 'PAY-001', paidOn: '2026-09-10' } },
  { name: 'withdraw', from: ['submitted', 'recommended', 'returned'], to: 'withdrawn', by: [applicant], notBy: [grassroots, federation, stranger], input: {} },
  { name: 'resubmit', from: ['returned'], to: 'submitted', by: [applicant], notBy: [grassroots, federation, stranger], input: { answers: { school: '华中科技大学' } } },
  { name: 'cancel', from: ['approved'], to: 'cancelled', by: [federation], notBy: [grassroots, applicant, stranger], input: { comment: '重复资助' } },
  { name: 'refund', from: ['paid'], to: 'paid', by: [federation], notBy: [grassroots, applicant, stranger], input: { refundFen: 100_000, refundedOn: '2026-09-10', refundReference: 'TK-1', refundReason: '多发' } },
];

describe('applications machine: every action, allowed and refused by state and by role', () => {
  const machine = applicationMachine(studentAid, STAFFED);
  for (const a of ACTIONS) {
    for (const status of ALL) {
      const allowed = a.from.includes(status);
      it(`${a.name} from ${status}: ${allowed ? 'taken' : 'INVALID_STATE'}`, () => {
        // the reviewer of a stage is grassroots for submitted, federation for recommended
        const by = a.name === 'return' || a.name === 'reject' ? (status === 'recommended' ? federation : grassroots) : a.by[0];
        const r = transition(machine, application(status, status === 'approved' || status === 'paid' ? { amountFen: 300_000 } : {}), a.name, by, a.input, now);
        if (allowed) expect(r).toMatchObject({ ok: true, next: { status: a.to, version: 2 } });
        else expect(r).toMatchObject({ ok: false, code: 'INVALID_STATE' });
      });
    }
    for (const status of a.from) {
      it(`${a.name} from ${status}: FORBIDDEN to the wrong roles`, () => {
        const wrong = a.name === 'return' || a.name === 'reject'
          ? [...a.notBy, status === 'submitted' ? federation : grassroots]
          : a.notBy;
        for (const who of wrong) {
          expect(transition(machine, application(status), a.name, who, a.input, now)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
        }
      });
    }
  }

  it('offers each actor the buttons they may press', () => {
    expect(availableTransitions(machine, application('submitted'), grassroots)).toEqual(['recommend', 'return', 'reject']);
    expect(availableTransitions(machine, application('recommended'), federation)).toEqual(['return', 'reject', 'approve']);
    expect(availableTransitions(machine, application('returned'), applicant)).toEqual(['withdraw', 'resubmit']);
    expect(availableTransitions(machine, application('approved'), federation)).toEqual(['pay', 'cancel']);
    expect(availableTransitions(applicationMachine(summerRelief, STAFFED), application('approved'), federation)).toEqual(['deliver', 'cancel']);
    expect(availableTransitions(applicationMachine(winterWarmth, STAFFED), application('approved'), federation)).toEqual(['pay', 'deliver', 'cancel']);
    expect(availableTransitions(applicationMachine(sanatorium, STAFFED), application('approved'), federation)).toEqual(['attend', 'cancel']);
    expect(availableTransitions(machine, application('paid'), federation)).toEqual(['refund']);
    expect(availableTransitions(applicationMachine(summerRelief, STAFFED), application('delivered'), federation)).toEqual([]);
    expect(availableTransitions(machine, application('cancelled'), federation)).toEqual([]);
  });

  it('a settled application is not cancelled: a paid one is told to record a refund', () => {
    expect(transition(applicationMachine(studentAid, STAFFED), application('paid'), 'cancel', federation, { comment: '不符合' }, now)).toEqual({ ok: false, code: 'INVALID_STATE', message: '已发放的申请不能撤销，请登记退款' });
    expect(transition(applicationMachine(summerRelief, STAFFED), application('delivered'), 'cancel', federation, { comment: '不符合' }, now)).toEqual({ ok: false, code: 'INVALID_STATE', message: '已办结的申请不能撤销' });
  });
});

describe('applications machine: inputs', () => {
  const machine = applicationMachine(studentAid, STAFFED);

  it('return and reject need a comment', () => {
    for (const name of ['return', 'reject']) {
      expect(transition(machine, application('submitted'), name, grassroots, { comment: ' ' }, now)).toMatchObject({ code: 'VALIDATION_FAILED', fields: { comment: '请填写说明' } });
    }
  });

  it('approve takes an amount in the campaign tiers, or within its cap', () => {
    expect(transition(machine, application('recommended'), 'approve', federation, { amountFen: 250_000 }, now)).toMatchObject({ code: 'VALIDATION_FAILED', fields: { amountFen: '金额不在本活动的资助档次之内' } });
    expect(transition(machine, application('recommended'), 'approve', federation, {}, now)).toMatchObject({ code: 'VALIDATION_FAILED' });
    const summer = applicationMachine(summerRelief, STAFFED);
    expect(transition(summer, application('recommended'), 'approve', federation, { amountFen: 1_000_001 }, now)).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(transition(summer, application('recommended'), 'approve', federation, { amountFen: 123_456 }, now)).toMatchObject({ ok: true, next: { amountFen: 123_456 } });
  });

  it('pay needs a reference and a date not after today in Shanghai', () => {
    const approved = application('approved', { amountFen: 300_000 });
    expect(transition(machine, approved, 'pay', federation, { paidOn: '2026-09-10' }, now)).toMatchObject({ code: 'VALIDATION_FAILED', fields: { paymentReference: '请填写付款凭证号' } });
    expect(transition(machine, approved, 'pay', federation, { paymentReference: 'P', paidOn: '2026-09-11' }, now)).toMatchObject({ code: 'VALIDATION_FAILED', fields: { paidOn: '日期不能晚于今天' } });
    // 2026-09-10T16:00Z is already 9-11 in Shanghai
    expect(transition(machine, approved, 'pay', federation, { paymentReference: 'P', paidOn: '2026-09-11' }, new Date('2026-09-10T16:00:00Z')).ok).toBe(true);
    expect(transition(machine, approved, 'pay', federation, { paymentReference: ' P-1 ', paidOn: '2026-09-09' }, now)).toMatchObject({ ok: true, next: { payment: { reference: 'P-1', paidOn: '2026-09-09' } } });
  });

  it('deliver is for kinds settled with goods, with a headcount at most the declared one, photos and date', () => {
    const terms = { ...TERMS, kindLabel: '夏送清凉', people: null, declared: 32 };
    const approved = application('approved', { amountFen: 500_000, campaignKind: 'summerRelief', campaignTitle: '2026年夏送清凉', terms });
    const input = { headcount: 32, photos: ['cloud://env/p1.jpg'], deliveredOn: '2026-09-10' };
    expect(transition(machine, approved, 'deliver', federation, input, now)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(transition(applicationMachine(summerRelief, STAFFED), approved, 'pay', federation, { paymentReference: 'P', paidOn: '2026-09-10' }, now)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    const summer = applicationMachine(summerRelief, STAFFED);
    expect(transition(summer, approved, 'deliver', federation, { ...input, headcount: 0 }, now)).toMatchObject({ fields: { headcount: '实际慰问人数应大于0' } });
    expect(transition(summer, approved, 'deliver', federation, { ...input, headcount: 9999 }, now)).toMatchObject({ code: 'VALIDATION_FAILED', fields: { headcount: '实际慰问人数不能超过申请时申报的32人' } });
    expect(transition(summer, approved, 'deliver', federation, { ...input, photos: [] }, now)).toMatchObject({ fields: { photos: '请上传送达照片' } });
    const r = transition(summer, approved, 'deliver', federation, input, now);
    expect(r).toMatchObject({ ok: true, next: { status: 'delivered', delivery: input } });
    expect(r.ok && r.messages[0]).toMatchObject({ title: '慰问物资已送达', body: '2026年夏送清凉慰问物资已于2026-09-10送达，共慰问32人。' });
    // a member's own application reaches one person
    const household = application('approved', { amountFen: 50_000, terms: { ...TERMS, declared: null } });
    expect(transition(applicationMachine(winterWarmth, STAFFED), household, 'deliver', federation, { ...input, headcount: 2 }, now)).toMatchObject({ fields: { headcount: '实际慰问人数不能超过申请时申报的1人' } });
  });

  it('approve never exceeds the cap a form figure sets (医疗救助: the bills)', () => {
    const billed = application('recommended', { terms: { ...TERMS, capFen: 250_000 } });
    expect(transition(applicationMachine(medicalAid, STAFFED), billed, 'approve', federation, { amountFen: 300_000 }, now)).toMatchObject({ code: 'VALIDATION_FAILED', fields: { amountFen: '金额不能超过申请表中申报的2500元' } });
    expect(transition(applicationMachine(medicalAid, STAFFED), billed, 'approve', federation, { amountFen: 200_000 }, now)).toMatchObject({ ok: true, next: { amountFen: 200_000 } });
  });

  it('a places campaign approves with a place at its cost, no amount, and settles by attendance', () => {
    const places = applicationMachine(sanatorium, STAFFED);
    expect(transition(places, application('recommended'), 'approve', federation, { amountFen: 1 }, now)).toMatchObject({ code: 'VALIDATION_FAILED', fields: { amountFen: '名额类活动批准时不填金额' } });
    const r = transition(places, application('recommended', { campaignTitle: '2026年职工疗休养' }), 'approve', federation, {}, now);
    expect(r).toMatchObject({ ok: true, next: { status: 'approved', amountFen: 200_000 } });
    expect(r.ok && r.messages[0].body).toBe('您已入选2026年职工疗休养，请按通知参加。');
    const attended = transition(places, application('approved', { amountFen: 200_000 }), 'attend', federation, { attendedOn: '2026-09-10' }, now);
    expect(attended).toMatchObject({ ok: true, next: { status: 'attended', attendance: { attendedOn: '2026-09-10' } } });
    expect(transition(places, application('approved'), 'attend', federation, { attendedOn: '2026-09-11' }, now)).toMatchObject({ fields: { attendedOn: '日期不能晚于今天' } });
  });

  it('resubmit validates the new answers against the campaign form', () => {
    expect(transition(machine, application('returned'), 'resubmit', applicant, { answers: { school: '' } }, now)).toMatchObject({ code: 'VALIDATION_FAILED', fields: { school: '请填写录取学校' } });
    expect(transition(machine, application('returned'), 'resubmit', applicant, { answers: { school: 'x', status: 'approved' } }, now)).toMatchObject({ code: 'VALIDATION_FAILED', fields: { status: '表单中没有这一项' } });
    expect(transition(machine, application('returned'), 'resubmit', applicant, { answers: { school: ' 华中科技大学 ' } }, now)).toMatchObject({ ok: true, next: { answers: { school: '华中科技大学' } } });
  });
});

test('a whole season of one application: history and messages show every step', () => {
  const machine = applicationMachine(studentAid, STAFFED);
  const steps: [string, Actor, Record<string, unknown>][] = [
    ['return', grassroots, { comment: '请补充录取通知书' }],
    ['resubmit', applicant, { answers: { school: '武汉大学' } }],
    ['recommend', grassroots, {}],
    ['approve', federation, { amountFen: 300_000, comment: '同意' }],
    ['pay', federation, { paymentReference: 'PAY-7', paidOn: '2026-09-10' }],
  ];
  let record = application('submitted');
  const messages: { title: string; body: string; toOpenid: string; causeId: string }[] = [];
  for (const [name, who, input] of steps) {
    const r = transition(machine, record, name, who, input, now);
    if (!r.ok) throw new Error(`${name}: ${r.message}`);
    expect(r.expectedVersion).toBe(record.version);
    record = r.next;
    messages.push(...r.messages);
  }
  expect(record).toMatchObject({ status: 'paid', version: 6, amountFen: 300_000, payment: { reference: 'PAY-7', paidOn: '2026-09-10' } });
  expect(record.history.map((h) => `${h.by} ${h.action} ${h.from}→${h.to} ${h.comment ?? ''}`)).toEqual([
    'o-m-grassroots return submitted→returned 请补充录取通知书',
    'o-m-applicant resubmit returned→submitted ',
    'o-m-grassroots recommend submitted→recommended ',
    'o-m-fed approve recommended→approved 同意',
    'o-m-fed pay approved→paid ',
  ]);
  expect(messages.every((m) => m.toOpenid === 'o-m-applicant')).toBe(true);
  expect(messages.map((m) => m.causeId)).toEqual(['app1:v2', 'app1:v3', 'app1:v4', 'app1:v5', 'app1:v6']);
  expect(messages.map((m) => `${m.title}｜${m.body}`)).toEqual([
    '申请需要补充材料｜您的2026年金秋助学申请需要补充材料：请补充录取通知书。请补充后重新提交。',
    '申请已重新提交｜您的2026年金秋助学申请已补充并重新提交，等待基层工会审核。',
    '申请已通过基层工会审核｜您的2026年金秋助学申请已由基层工会推荐，等待总工会审批。',
    '申请已批准｜您的2026年金秋助学申请已批准，核定金额3000元。说明：同意',
    '款项已发放｜您的2026年金秋助学款项3000元已于2026-09-10发放，请注意查收。',
  ]);
  // a decision on a withdrawn application changes nothing
  const withdrawn = transition(machine, application('submitted'), 'withdraw', applicant, {}, now);
  if (!withdrawn.ok) throw new Error(withdrawn.message);
  expect(transition(machine, withdrawn.next, 'recommend', grassroots, {}, now)).toMatchObject({ ok: false, code: 'INVALID_STATE' });
  expect(transition(machine, withdrawn.next, 'approve', federation, { amountFen: 300_000 }, now)).toMatchObject({ ok: false, code: 'INVALID_STATE' });
});

test('a step that keeps the state applies to the current version, whatever version it was sent with', () => {
  type S = 'open';
  const machine: Machine<S, WorkflowRecord<S>> = { states: ['open'], transitions: [{ name: 'note', from: ['open'], who: () => true }] };
  const r = transition(machine, { _id: 'r1', status: 'open', version: 5, history: [], updatedAt: new Date(0) }, 'note', grassroots, {}, now, 1);
  expect(r).toMatchObject({ ok: true, next: { version: 6 } });
});
