// The legal-aid case machine as pure rules: who may take which step in which state, the inputs a step needs,
// and the deadlines each step sets in working days (Asia/Shanghai).
import type { Actor, Grant } from '../../cloudfunctions/_shared/access/actor';
import { caseMachine, MAX_CASE_FEN, type CaseRecord } from '../../cloudfunctions/_shared/workflow/cases';
import { availableTransitions, transition } from '../../cloudfunctions/_shared/workflow/machine';
import type { CaseStatus } from '../../typings/api/cases';

const COUNTY = ['org-county'];
const CHENGGUAN = ['org-county', 'org-chengguan'];
const SHUIPING = ['org-county', 'org-shuiping'];
const SANITATION = ['org-county', 'org-chengguan', 'org-cg-sanitation'];

function actor(id: string, grants: [Grant['role'], string[]][] = []): Actor {
  return {
    openid: `o-${id}`,
    memberId: `m-${id}`,
    verified: true,
    grants: grants.map(([role, path], i) => ({ grantId: `g-${id}-${i}`, role, orgId: path[path.length - 1], orgPath: path })),
  };
}
const member = actor('member');
const grassroots = actor('cg', [['orgOfficer', CHENGGUAN]]);
const otherTown = actor('sp', [['orgOfficer', SHUIPING]]);
const federation = actor('fed', [['federationOfficer', COUNTY]]);
const lawyer = actor('lawyer', [['lawyer', COUNTY]]);
const otherLawyer = actor('lawyer2', [['lawyer', COUNTY]]);

// Friday 2026-11-20, 10:00 in Shanghai
const friday = new Date('2026-11-20T02:00:00Z');

function record(status: CaseStatus, more: Partial<CaseRecord> = {}): CaseRecord {
  const assigned = ['assigned', 'inProgress'].includes(status);
  return {
    _id: 'case-1',
    status,
    version: 3,
    history: [],
    updatedAt: friday,
    memberId: member.memberId,
    memberOpenid: member.openid,
    orgId: 'org-cg-sanitation',
    orgPath: SANITATION,
    lawyerOpenid: assigned ? lawyer.openid : null,
    lawyer: assigned ? { grantId: 'g-lawyer-0', name: '陈明' } : null,
    personName: '王建国',
    disputeType: 'wages',
    employerName: '城关建筑公司',
    amountInDisputeFen: 1_000_000,
    workersAffected: 3,
    priorProceedings: 'none',
    evidence: [],
    createdAt: friday,
    deadlineAt: null,
    progressAt: friday,
    overdue: false,
    overdueSince: null,
    supervised: false,
    outcome: null,
    recoveredFen: null,
    finishedAt: null,
    rating: null,
    ...more,
  };
}

describe('who may do what, in which state', () => {
  test.each([
    ['submitted', 'grassroots', grassroots, ['accept', 'decline', 'refer', 'message', 'addEvidence']],
    ['submitted', 'the member', member, ['message', 'addEvidence']],
    ['submitted', 'an officer of another town', otherTown, []],
    ['submitted', 'a lawyer not assigned', lawyer, []],
    ['accepted', 'the federation', federation, ['refer', 'assign', 'close', 'supervise', 'message', 'addEvidence']],
    ['assigned', 'the assigned lawyer', lawyer, ['logStep', 'close', 'message', 'addEvidence']],
    ['assigned', 'another lawyer', otherLawyer, []],
    ['inProgress', 'grassroots', grassroots, ['assign', 'logStep', 'close', 'message', 'addEvidence']],
    ['closed', 'the member', member, ['rate']],
    ['closed', 'grassroots', grassroots, []],
    ['declined', 'the member', member, []],
  ] as const)('%s, %s', (status, _who, who, expected) => {
    expect(availableTransitions(caseMachine, record(status), who).sort()).toEqual([...expected].sort());
  });

  test('nobody handles their own case, whatever roles they hold', () => {
    const officerMember = { ...grassroots, memberId: member.memberId };
    expect(transition(caseMachine, record('submitted'), 'accept', officerMember, {}, friday)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  test('a lawyer not assigned to the case may not log a step on it', () => {
    expect(transition(caseMachine, record('assigned'), 'logStep', otherLawyer, { step: 'consultation', comment: '电话咨询' }, friday)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});

describe('inputs', () => {
  test('closing needs an outcome and a recovered amount from 0 to 1亿元 in whole 分', () => {
    const close = (input: Record<string, unknown>) => transition(caseMachine, record('inProgress'), 'close', lawyer, input, friday);
    expect(close({ recoveredFen: 100 })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', fields: { outcome: '请选择结案结果' } });
    expect(close({ outcome: 'mediated' })).toMatchObject({ ok: false, fields: { recoveredFen: expect.any(String) } });
    for (const bad of [-1, 1.5, MAX_CASE_FEN + 1]) expect(close({ outcome: 'mediated', recoveredFen: bad })).toMatchObject({ ok: false, fields: { recoveredFen: expect.any(String) } });
    const ok = close({ outcome: 'mediated', recoveredFen: 0 });
    expect(ok).toMatchObject({ ok: true, next: { status: 'closed', outcome: 'mediated', recoveredFen: 0, deadlineAt: null, version: 4 } });
  });

  test('declining needs a reason, and the member is told it', () => {
    expect(transition(caseMachine, record('submitted'), 'decline', grassroots, {}, friday)).toMatchObject({ ok: false, fields: { comment: '请填写说明' } });
    const r = transition(caseMachine, record('submitted'), 'decline', grassroots, { comment: '不属于劳动争议' }, friday);
    if (!r.ok) throw new Error(r.message);
    expect(r.messages).toEqual([expect.objectContaining({ toOpenid: member.openid, body: expect.stringContaining('不属于劳动争议') })]);
  });

  test('a rating is 1 to 5 stars, once', () => {
    expect(transition(caseMachine, record('closed'), 'rate', member, { stars: 6 }, friday)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(transition(caseMachine, record('closed'), 'rate', member, { stars: 5 }, friday)).toMatchObject({ ok: true, next: { status: 'closed', rating: { stars: 5 } } });
    const rated = record('closed', { rating: { stars: 4, ratedAt: friday } });
    expect(transition(caseMachine, rated, 'rate', member, { stars: 5 }, friday)).toMatchObject({ ok: false, code: 'INVALID_STATE', message: '您已经评价过了' });
    expect(availableTransitions(caseMachine, rated, member)).toEqual([]);
  });
});

describe('deadlines in working days', () => {
  test('accepting on a Friday gives 10 working days: the case is overdue from the start of the day after', () => {
    const r = transition(caseMachine, record('submitted'), 'accept', grassroots, {}, friday);
    if (!r.ok) throw new Error(r.message);
    // 10 working days after Fri 2026-11-20 end on Fri 2026-12-04; overdue from 00:00 Sat 2026-12-05 in Shanghai
    expect(r.next.deadlineAt).toEqual(new Date('2026-12-04T16:00:00Z'));
  });

  test('a message keeps the state and the deadline', () => {
    const deadline = new Date('2026-12-04T16:00:00Z');
    const r = transition(caseMachine, record('inProgress', { deadlineAt: deadline }), 'message', member, { comment: '第一笔已收到' }, friday);
    expect(r).toMatchObject({ ok: true, next: { status: 'inProgress', deadlineAt: deadline } });
  });
});

describe('a decision on an old version is told what changed since', () => {
  const at = (action: string, from: CaseStatus, to: CaseStatus) => ({ at: friday, by: 'o-x', action, from, to, comment: '说明', part: 'grassroots' as const });
  // version n is made by history entry n - 1: open made version 1
  const opened = record('submitted', { version: 1, history: [at('open', 'submitted', 'submitted')] });
  const after = (...steps: ReturnType<typeof at>[]) => ({ ...opened, version: 1 + steps.length, history: [...opened.history, ...steps] });

  test.each([
    ['督办 alone', [at('supervise', 'submitted', 'submitted')], '该案件已被督办，请刷新后查看'],
    ['a member’s message and evidence', [at('message', 'submitted', 'submitted'), at('addEvidence', 'submitted', 'submitted')], '该案件有新留言、有新的证据材料，请刷新后查看'],
    ['a 转办 (the state stays submitted, but the case moved)', [at('refer', 'submitted', 'submitted')], '该案件已被他人处理，请刷新后查看'],
    ['督办 and then an acceptance', [at('supervise', 'submitted', 'submitted'), at('accept', 'submitted', 'accepted')], '该案件已被他人处理，请刷新后查看'],
  ])('%s', (_name, steps, message) => {
    expect(transition(caseMachine, after(...steps), 'accept', grassroots, {}, friday, 1)).toEqual({ ok: false, code: 'CONFLICT', message });
  });

  test('a version the record never had is 已被他人处理', () => {
    expect(transition(caseMachine, opened, 'accept', grassroots, {}, friday, 7)).toMatchObject({ code: 'CONFLICT', message: '该案件已被他人处理，请刷新后查看' });
  });

  test('every message a step sends carries the news first: a subject, a phrase of at most 5 Han characters and a brief', () => {
    const steps: [CaseStatus, string, Actor, Record<string, unknown>][] = [
      ['submitted', 'accept', grassroots, {}],
      ['submitted', 'decline', grassroots, { comment: '不属于受理范围' }],
      ['accepted', 'assign', grassroots, { lawyer: { grantId: 'g-lawyer2-0', openid: otherLawyer.openid, name: '李律师', orgId: 'org-county' } }],
      ['assigned', 'logStep', lawyer, { step: 'mediation', comment: '已约双方调解' }],
      ['assigned', 'close', lawyer, { outcome: 'mediated', recoveredFen: 500_000 }],
      ['assigned', 'supervise', federation, { comment: '请加快办理' }],
      ['assigned', 'message', member, { comment: '老板答应下周付款' }],
      ['assigned', 'message', lawyer, { comment: '请带上工资条' }],
    ];
    for (const [status, name, who, input] of steps) {
      const r = transition(caseMachine, record(status), name, who, input, friday);
      if (!r.ok) throw new Error(`${name}: ${r.message}`);
      expect(r.messages.length).toBeGreaterThan(0);
      for (const m of r.messages) {
        expect(m.phrase).toMatch(/^\p{Script=Han}{1,5}$/u);
        expect(m.subject).toBe('法律援助（城关建筑公司）');
        expect(m.brief.length).toBeGreaterThan(0);
      }
    }
    const said = transition(caseMachine, record('assigned'), 'message', lawyer, { comment: '请带上工资条' }, friday);
    expect(said.ok && said.messages[0].brief).toBe('留言：请带上工资条');
  });
});
