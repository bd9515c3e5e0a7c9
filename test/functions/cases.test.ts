// Legal-aid cases through localcloud with the demo world: every path from intake to closing, the timer that
// flags overdue cases, bad input that changes nothing. (The report figures: statistics*.test.ts.)
import type { CaseDetail } from '../../typings/api';
import { useLocalcloud } from '../harness/localcloud';
import { callAs, callCounted, data, PEOPLE, snapshot } from './api';
import { sdkDb, upload } from './applicationsFixtures';
import { caseForm } from './casesFixtures';

const lc = useLocalcloud({ demo: true });

const open = async (who: string, more: Record<string, unknown> = {}) => data(await callAs(lc, who, 'cases', 'open', caseForm(more))).case;
const act = async (who: string, c: CaseDetail, transition: string, more: Record<string, unknown> = {}) =>
  data(await callAs(lc, who, 'cases', 'act', { caseId: c.caseId, version: c.version, transition, ...more })).case;
const WATCHED = ['cases', 'outbox', 'audit', 'deltas'];

async function fireTimer() {
  const res = await fetch(`${lc.url}/__localcloud/timers/cases/dailyOverdue/fire`, { method: 'POST' });
  return (await res.json()) as { result?: { ok: boolean; data?: { flagged: number } } };
}

test('accepted, assigned, steps logged, closed with money recovered and rated', async () => {
  const photo = await upload(lc, PEOPLE.member);
  let c = await open(PEOPLE.member, { evidence: [photo] });
  expect(c).toMatchObject({ status: 'submitted', personName: '王建国', orgId: 'org-cg-sanitation', onBehalf: false, actions: ['message', 'addEvidence'], contactPhone: '138****0001' });
  expect(c.timeline).toEqual([expect.objectContaining({ action: 'open', part: 'member', partLabel: '本人', files: [{ fileId: photo, url: expect.any(String) }] })]);
  // the deadline is the start of the day after the last working day; pages print that last day
  expect(c.deadlineDay).toBe(new Date(Date.parse(c.deadlineAt!) - 1 + 8 * 3_600_000).toISOString().slice(0, 10));
  const asOfficer = data(await callAs(lc, PEOPLE.cgOfficer, 'cases', 'detail', { caseId: c.caseId })).case;
  expect(asOfficer.actions).toEqual(['accept', 'decline', 'refer', 'message', 'addEvidence']);

  c = await act(PEOPLE.cgOfficer, c, 'accept');
  const { lawyers } = data(await callAs(lc, PEOPLE.cgOfficer, 'cases', 'lawyers', { caseId: c.caseId }));
  expect(lawyers).toEqual([{ lawyerId: expect.any(String), name: '陈明', orgName: expect.any(String) }]);
  c = await act(PEOPLE.cgOfficer, c, 'assign', { lawyerId: lawyers[0].lawyerId });
  expect(c).toMatchObject({ status: 'assigned', lawyerName: '陈明' });
  c = await act(PEOPLE.lawyer, c, 'logStep', { step: 'consultation', comment: '已电话联系当事人，了解欠薪情况' });
  c = await act(PEOPLE.lawyer, c, 'logStep', { step: 'mediation', comment: '与用人单位调解，同意分两次支付' });
  c = await act(PEOPLE.member, c, 'message', { comment: '第一笔已收到' });
  c = await act(PEOPLE.fedOfficer, c, 'supervise', { comment: '请加快办理' });
  c = await act(PEOPLE.lawyer, c, 'close', { outcome: 'mediated', recoveredFen: 3_500_000, comment: '调解结案' });
  expect(c).toMatchObject({ status: 'closed', outcome: 'mediated', recoveredFen: 3_500_000, deadlineAt: null, deadlineDay: null, supervised: true });
  const mine = data(await callAs(lc, PEOPLE.member, 'cases', 'detail', { caseId: c.caseId })).case;
  expect(mine.actions).toEqual(['rate']);
  c = await act(PEOPLE.member, mine, 'rate', { stars: 5, comment: '感谢律师' });
  expect(c.rating).toEqual({ stars: 5, comment: '感谢律师', ratedAt: expect.any(String) });
  expect(c.actions).toEqual([]);
  expect(c.timeline.map((e) => [e.action, e.partLabel, e.to])).toEqual([
    ['open', '本人', 'submitted'],
    ['accept', '基层工会', 'accepted'],
    ['assign', '基层工会', 'assigned'],
    ['logStep', '律师', 'inProgress'],
    ['logStep', '律师', 'inProgress'],
    ['message', '本人', 'inProgress'],
    ['supervise', '总工会', 'inProgress'],
    ['close', '律师', 'closed'],
    ['rate', '本人', 'closed'],
  ]);
  expect(c.timeline[3]).toMatchObject({ step: 'consultation' });
  expect(c.closing).toEqual({ closedAt: expect.any(String), outcome: 'mediated', recoveredFen: 3_500_000 });
  expect(await callAs(lc, PEOPLE.member, 'cases', 'act', { caseId: c.caseId, version: c.version, transition: 'rate', stars: 4 })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', message: '您已经评价过了' } });
});

test('declined with a reason; referred to another org and accepted there', async () => {
  let declined = await open(PEOPLE.member, { disputeType: 'other', description: '邻居装修噪音太大，想请工会帮忙协调。' });
  expect(await callAs(lc, PEOPLE.cgOfficer, 'cases', 'act', { caseId: declined.caseId, version: declined.version, transition: 'decline' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: { comment: '请填写说明' } } });
  declined = await act(PEOPLE.cgOfficer, declined, 'decline', { comment: '不属于劳动争议' });
  expect(declined).toMatchObject({ status: 'declined', declineReason: '不属于劳动争议', deadlineAt: null });

  let c = await open(PEOPLE.member, { employerName: '水坪镇卫生院' });
  c = await act(PEOPLE.cgOfficer, c, 'refer', { toOrgId: 'org-shuiping', comment: '用人单位在水坪镇' });
  expect(c).toMatchObject({ status: 'submitted', orgId: 'org-shuiping' });
  expect(await callAs(lc, PEOPLE.cgOfficer, 'cases', 'detail', { caseId: c.caseId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  c = await act(PEOPLE.spOfficer, c, 'accept');
  expect(c.timeline.map((e) => [e.action, e.toOrgName ?? null])).toEqual([['open', null], ['refer', '水坪镇总工会'], ['accept', null]]);
});

test('an officer opens a case for someone at the service desk; a member may not', async () => {
  const c = await open(PEOPLE.cgOfficer, { onBehalf: { name: '李四', phone: '13900001111', orgId: 'org-cg-construction' }, workersAffected: 12 });
  expect(c).toMatchObject({ onBehalf: true, personName: '李四', orgId: 'org-cg-construction', contactPhone: '139****1111' });
  expect(c.timeline[0]).toMatchObject({ part: 'grassroots' });
  expect(data(await callAs(lc, PEOPLE.cgOfficer, 'cases', 'mine', {})).items).toEqual([]);
});

test('overdue cases are flagged once by the timer; the officers responsible and the federation are signalled for their digest', async () => {
  const c = await open(PEOPLE.member, { employerName: '超期测试公司' });
  const db = sdkDb(lc);
  await db.collection('cases').doc(c.caseId).update({ data: { deadlineAt: new Date(Date.now() - 60_000) } });
  await db.collection('reminderSignals').where({ reason: 'caseOverdue' }).remove();
  const first = await fireTimer();
  expect(first.result).toMatchObject({ ok: true, data: { flagged: 1 } });
  expect((await fireTimer()).result).toMatchObject({ ok: true, data: { flagged: 0 } });
  // no message per case: a signal per officer, for one 待审核提醒 digest that counts the overdue cases
  const signals = (await db.collection('reminderSignals').where({ reason: 'caseOverdue' }).get()) as unknown as { data: { openid: string }[] };
  expect(signals.data.map((m) => m.openid).sort()).toEqual([PEOPLE.fedOfficer, PEOPLE.cgOfficer].sort());
  expect(((await db.collection('outbox').where({ causeId: db.RegExp({ regexp: `^${c.caseId}:overdue` }) }).get()) as unknown as { data: unknown[] }).data).toEqual([]);
  const seen = data(await callAs(lc, PEOPLE.cgOfficer, 'cases', 'detail', { caseId: c.caseId })).case;
  expect(seen).toMatchObject({ overdue: true, overdueSince: expect.any(String) });
  const overdue = data(await callAs(lc, PEOPLE.cgOfficer, 'cases', 'queue', { view: 'overdue' })).items.map((s) => s.caseId);
  expect(overdue).toContain(c.caseId);
  // nobody but the timer runs the check
  expect(await callAs(lc, PEOPLE.admin, 'cases', 'flagOverdue', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  // progress clears the flag
  expect(await act(PEOPLE.cgOfficer, seen, 'accept')).toMatchObject({ overdue: false, overdueSince: null });
});

test('the lawyer of an open case sees the member’s phone in clear, audited; masked once it is given to another lawyer or closed', async () => {
  const db = sdkDb(lc);
  const other = 'o-case-lawyer2';
  await db.collection('roles').doc(`role-${other}`).set({ data: { openid: other, memberId: 'member-x', memberName: '李律师', role: 'lawyer', orgId: 'org-county', orgPath: ['org-county'], grantedBy: 'test', grantedAt: new Date() } });
  let c = await act(PEOPLE.cgOfficer, await open(PEOPLE.member, { employerName: '电话测试公司' }), 'accept');
  const { lawyers } = data(await callAs(lc, PEOPLE.cgOfficer, 'cases', 'lawyers', { caseId: c.caseId }));
  const lawyerId = (name: string) => lawyers.find((l) => l.name === name)!.lawyerId;
  c = await act(PEOPLE.cgOfficer, c, 'assign', { lawyerId: lawyerId('陈明') });
  const views = async () => {
    const { data: entries } = (await db.collection('audit').where({ targetId: c.caseId, action: 'case.viewPhone' }).get()) as unknown as { data: { actorOpenid: string }[] };
    return entries.map((e) => e.actorOpenid);
  };
  expect(await views()).toEqual([]);
  const asLawyer = data(await callAs(lc, PEOPLE.lawyer, 'cases', 'detail', { caseId: c.caseId })).case;
  expect(asLawyer).toMatchObject({ contactPhone: '13872000001', phoneInClear: true });
  expect(await views()).toEqual([PEOPLE.lawyer]);
  for (const who of [PEOPLE.member, PEOPLE.cgOfficer, PEOPLE.fedOfficer]) {
    expect(data(await callAs(lc, who, 'cases', 'detail', { caseId: c.caseId })).case).toMatchObject({ contactPhone: '138****0001', phoneInClear: false });
  }
  expect(await views()).toEqual([PEOPLE.lawyer]);
  // given to another lawyer: the first may no longer look; the second sees it in clear
  c = await act(PEOPLE.cgOfficer, c, 'assign', { lawyerId: lawyerId('李律师') });
  expect(await callAs(lc, PEOPLE.lawyer, 'cases', 'detail', { caseId: c.caseId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(data(await callAs(lc, other, 'cases', 'detail', { caseId: c.caseId })).case.contactPhone).toBe('13872000001');
  // closed: masked again, to its lawyer too
  c = await act(other, c, 'close', { outcome: 'mediated', recoveredFen: 0 });
  expect(c).toMatchObject({ contactPhone: '138****0001', phoneInClear: false });
  expect(data(await callAs(lc, other, 'cases', 'detail', { caseId: c.caseId })).case.contactPhone).toBe('138****0001');
  expect((await views()).sort()).toEqual([PEOPLE.lawyer, other].sort());
});

test('bad input: each its code and Chinese message, and nothing changes', async () => {
  const c = await act(PEOPLE.cgOfficer, await open(PEOPLE.member), 'accept');
  const other = await upload(lc, PEOPLE.cgOfficer);
  const before = await snapshot(lc, WATCHED);
  const expectRefused = async (who: string, action: 'open' | 'act', input: Record<string, unknown>, code: string, message: string | RegExp) =>
    expect(await callAs(lc, who, 'cases', action, input)).toMatchObject({ ok: false, error: { code, message: typeof message === 'string' ? message : expect.stringMatching(message) } });
  const on = (transition: string, more: Record<string, unknown>) => ({ caseId: c.caseId, version: c.version, transition, ...more });
  await expectRefused(PEOPLE.member, 'open', caseForm({ onBehalf: { name: '李四', phone: '13900001111', orgId: 'org-cg-construction' } }), 'FORBIDDEN', '只有工会干部可以代他人申请法律援助');
  await expectRefused(PEOPLE.lawyer, 'act', on('logStep', { step: 'consultation', comment: '记录' }), 'FORBIDDEN', '您无权进行这个操作');
  await expectRefused(PEOPLE.cgOfficer, 'act', on('close', { recoveredFen: 0 }), 'VALIDATION_FAILED', '请选择结案结果');
  await expectRefused(PEOPLE.cgOfficer, 'act', on('close', { outcome: 'mediated', recoveredFen: -1 }), 'VALIDATION_FAILED', /挽回金额/);
  await expectRefused(PEOPLE.cgOfficer, 'act', on('close', { outcome: 'mediated', recoveredFen: 1e11 }), 'VALIDATION_FAILED', /挽回金额/);
  await expectRefused(PEOPLE.member, 'act', on('addEvidence', { files: [other] }), 'VALIDATION_FAILED', '只能使用您本人上传的材料，请重新上传');
  await expectRefused(PEOPLE.member, 'open', caseForm({ evidence: [other] }), 'VALIDATION_FAILED', '只能使用您本人上传的材料，请重新上传');
  expect(await snapshot(lc, WATCHED)).toEqual(before);
});

test('fixed round trips for open, a transition and a queue page; no unindexed queries', async () => {
  const opened = await callCounted(lc, PEOPLE.member, 'cases', 'open', caseForm());
  const c = data(opened.result).case;
  const accepted = await callCounted(lc, PEOPLE.cgOfficer, 'cases', 'act', { caseId: c.caseId, version: c.version, transition: 'accept' });
  const page = await callCounted(lc, PEOPLE.cgOfficer, 'cases', 'queue', { view: 'open', limit: 5 });
  const counts = await Promise.all([opened, accepted, page].map((x) => lc.cost(x.invocationId)));
  // open: one aggregation (the member, their grants, the officers along their path, their org's name), the
  // transaction (start, read, case, audit, message, the delta, commit); accept: one aggregation (the case,
  // the caller, the officers along its path, its org's name), the transaction (start, read, case, audit,
  // message, the delta, commit); a queue page: actor (2), the page, org names. The counters are never
  // written in the transaction: the delta is what the fold adds to them. Open then signals the officer
  // responsible (1)
  expect(counts.map((x) => x.total)).toEqual([9, 8, 4]);
  for (const x of counts) expect(x.unindexedQueries).toBe(0);
});
