// What the write actions beyond an application's or a case's step cost (issue 21: at most 10 round trips
// each, at most 5 documents written for a step on one record), from localcloud's count of the requests of
// its invocation (database reads, writes, aggregations, a transaction's start and commit, storage calls) and
// of the documents they wrote: a member's objection to a 公示 entry, its resolution (dismissed; upheld, with
// the application rejected or returned and every open objection on it answered), a role revoked (an
// officer's, an admin's), a case referred to another org.
import type { ApplicationDetail, CaseDetail, ObjectionView, PublicityView } from '../../typings/api';
import { builtinKind } from '../../localcloud/src/demo/campaigns';
import { useLocalcloud, type InvocationCost } from '../harness/localcloud';
import { callAs, callCounted, data, measuredCall, PEOPLE, snapshot } from './api';
import { approvedMember, childId, draftOfKind, openCampaign, requestKey, studentAidAnswers, upload } from './applicationsFixtures';
import { caseForm } from './casesFixtures';

const lc = useLocalcloud({ demo: true });

const APPLICANT2 = 'o-trips-applicant2'; // 城关镇环卫所工会
const OBJECTORS = ['o-trips-objector1', 'o-trips-objector2', 'o-trips-objector3']; // 城关镇环卫所工会
const ADMIN2 = 'o-trips-admin2'; // becomes a second county admin
const OFFICER = 'o-trips-officer'; // becomes an officer of 城关镇环卫所工会
let admin2Member = '';
let officerMember = '';

const costs: Record<string, InvocationCost> = {};
/** Round trips and documents written of the actions measured, by name. */
const measuredCosts = () => {
  if (process.env.SHOW_TRIPS) console.log(JSON.stringify(costs, null, 1));
  return Object.fromEntries(Object.entries(costs).map(([k, v]) => [k, [v.total, v.docsWritten]]));
};

/** Calls as `openid` and keeps what it cost; the data of the result. */
async function measured<T>(name: string, openid: string, fn: 'applications' | 'cases' | 'roles', action: string, input: Record<string, unknown>): Promise<T> {
  const { data: out, cost } = await measuredCall(lc, openid, fn, action as never, input);
  costs[name] = cost;
  expect({ name, unindexed: cost.unindexedQueries }).toEqual({ name, unindexed: 0 });
  return out as T;
}

let campaignId = '';
let child = 700;

async function approvedApp(openid: string): Promise<ApplicationDetail> {
  const file = await upload(lc, openid);
  const submitted = data(await callAs(lc, openid, 'applications', 'submit', { campaignId, requestKey: requestKey(), answers: studentAidAnswers(childId(child++), [file]) })).application;
  const recommended = data(await callAs(lc, PEOPLE.cgOfficer, 'applications', 'act', { applicationId: submitted.applicationId, version: submitted.version, transition: 'recommend' })).application;
  return data(await callAs(lc, PEOPLE.fedOfficer, 'applications', 'act', { applicationId: recommended.applicationId, version: recommended.version, transition: 'approve', amountFen: 300_000 })).application;
}

const publish = async () => data(await callAs(lc, PEOPLE.fedOfficer, 'applications', 'publish', { campaignId, requestKey: requestKey() })).publicity;
const reason = (n: number) => `第${n}条异议：该职工家庭收入较高，不属于困难职工。`;
const object = (name: string, who: string, p: PublicityView, app: ApplicationDetail, n: number) =>
  measured<{ objection: ObjectionView }>(name, who, 'applications', 'object', { publicityId: p.publicityId, applicationId: app.applicationId, reason: reason(n) }).then((r) => r.objection);
const resolve = (name: string, o: ObjectionView, outcome: string) =>
  measured<{ objection: ObjectionView }>(name, PEOPLE.fedOfficer, 'applications', 'resolveObjection', { objectionId: o.objectionId, outcome, comment: '经核实，处理如下。' }).then((r) => r.objection);

beforeAll(async () => {
  await approvedMember(lc, APPLICANT2, 71);
  for (const [i, o] of OBJECTORS.entries()) await approvedMember(lc, o, 72 + i);
  admin2Member = await approvedMember(lc, ADMIN2, 79, false, 'org-sp-school');
  officerMember = await approvedMember(lc, OFFICER, 80, false);
  const kind = { ...builtinKind('studentAid'), kindId: 'studentAid' };
  campaignId = await openCampaign(lc, PEOPLE.fedOfficer, draftOfKind(kind, 'org-chengguan', { title: '城关镇金秋助学（公示，计次）', publicity: { workingDays: 5 }, budgetFen: 100_000_000 }));
});

test('objections and their resolution within their round trips', async () => {
  const [dismissedApp, rejectedApp, returnedApp] = [await approvedApp(PEOPLE.member), await approvedApp(APPLICANT2), await approvedApp(APPLICANT2)];
  const p = await publish();
  const toDismiss = await object('object', OBJECTORS[0], p, dismissedApp, 1);
  await object('object (a retry)', OBJECTORS[0], p, dismissedApp, 1);
  // three open objections on the application rejected, one on the one returned
  const toReject = await object('object (another)', OBJECTORS[0], p, rejectedApp, 2);
  await object('object (a second on it)', OBJECTORS[1], p, rejectedApp, 3);
  await object('object (a third on it)', OBJECTORS[2], p, rejectedApp, 4);
  const toReturn = await object('object (to return)', OBJECTORS[1], p, returnedApp, 5);
  const refused = await callCounted(lc, PEOPLE.cgOfficer, 'applications', 'resolveObjection', { objectionId: toDismiss.objectionId, outcome: 'dismissed', comment: '经核实，处理如下。' });
  expect(refused.result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  costs['dismiss (refused: not the federation)'] = await lc.cost(refused.invocationId);
  // the officer's view: who objected, and their union
  expect(await resolve('dismiss', toDismiss, 'dismissed')).toMatchObject({ status: 'dismissed', objectorName: `测试会员${String.fromCharCode(0x4e00 + 72)}`, objectorOrgName: '城关镇环卫所工会' });
  expect((await resolve('uphold: reject, 3 open', toReject, 'reject')).status).toBe('upheld');
  expect((await resolve('uphold: return, 1 open', toReturn, 'return')).status).toBe('upheld');
  // every objection on the rejected application answered, each objector told
  const { objections, outbox } = await snapshot(lc, ['objections', 'outbox']);
  const onRejected = (objections as { applicationId: string; status: string; objectorOpenid: string }[]).filter((o) => o.applicationId === rejectedApp.applicationId);
  expect(onRejected.map((o) => [o.objectorOpenid, o.status]).sort()).toEqual(OBJECTORS.map((o) => [o, 'upheld']));
  const told = (outbox as { toOpenid: string; title: string }[]).filter((m) => m.title === '您提出的公示异议经核实成立').map((m) => m.toOpenid);
  expect(told.sort()).toEqual([...OBJECTORS, OBJECTORS[1]].sort());

  // [round trips, documents written]. An objection: its transaction (start, the objection by its id, then
  // one aggregation of the member with their grants and the officers along their path, the publication and
  // the application; the objection, its audit entry, the application's count of open objections; commit)
  // and the signal to the campaign's federation officers; a retry reads and writes nothing more. Resolving
  // one: the transaction (start, the objection, one aggregation of the caller, the application, its
  // campaign, the objections on the application and the objector's org's name; commit) and its writes:
  // dismissed, the objection, one audit entry and one insert of the two messages, the application's count;
  // upheld, the application, the campaign's ledger, the delta, each objection answered (one write each: a
  // transaction holds single-document writes only), and one insert each of every audit entry and message.
  // Refused, the transaction's start, its read, the aggregation and its commit, and nothing written.
  const upheld = (answered: number) => [9 + answered, 5 + 3 * answered];
  expect(measuredCosts()).toEqual({
    object: [8, 4], 'object (a retry)': [4, 0], 'object (another)': [8, 4], 'object (a second on it)': [8, 4], 'object (a third on it)': [8, 4], 'object (to return)': [8, 4],
    'dismiss (refused: not the federation)': [4, 0], dismiss: [8, 5], 'uphold: reject, 3 open': upheld(3), 'uphold: return, 1 open': upheld(1),
  });
});

test('a role revoked and a case referred within their round trips', async () => {
  const officer = data(await callAs(lc, PEOPLE.admin, 'roles', 'grant', { memberId: officerMember, role: 'orgOfficer', orgId: 'org-cg-sanitation' })).grant;
  await measured('revoke (an officer)', PEOPLE.admin, 'roles', 'revoke', { grantId: officer.grantId });
  const second = data(await callAs(lc, PEOPLE.admin, 'roles', 'grant', { memberId: admin2Member, role: 'admin', orgId: 'org-county' })).grant;
  await measured('revoke (an admin)', PEOPLE.admin, 'roles', 'revoke', { grantId: second.grantId });
  // the county's last admin: refused, nothing written
  const own = ((await snapshot(lc, ['roles'])).roles as { _id: string; openid: string; role: string }[]).find((g) => g.openid === PEOPLE.admin && g.role === 'admin')!;
  const last = await callCounted(lc, PEOPLE.admin, 'roles', 'revoke', { grantId: own._id });
  expect(last.result).toMatchObject({ ok: false, error: { code: 'LAST_ADMIN' } });
  costs['revoke (the last admin, refused)'] = await lc.cost(last.invocationId);
  const open = async () =>
    data(await callAs(lc, PEOPLE.member, 'cases', 'open', caseForm({ employerName: '水坪镇卫生院', amountInDisputeFen: 1_200_000, workersAffected: 1, description: '2026年9月至10月的工资一直没有发放。' }))).case;
  const refer = async (name: string, c: CaseDetail, toOrgId: string) =>
    (await measured<{ case: CaseDetail }>(name, PEOPLE.cgOfficer, 'cases', 'act', { caseId: c.caseId, version: c.version, transition: 'refer', toOrgId, comment: '用人单位在水坪镇' })).case;
  const told = async () => ((await snapshot(lc, ['reminderSignals'])).reminderSignals as { _id: string }[]).map((s) => s._id);
  expect(await told()).not.toContain(`${PEOPLE.spOfficer}|caseIntake`);
  expect(await refer('refer', await open(), 'org-shuiping')).toMatchObject({ orgId: 'org-shuiping', orgName: '水坪镇总工会' });
  // the officer of 水坪镇 is told, found among the grants joined at the org it went to
  expect(await told()).toContain(`${PEOPLE.spOfficer}|caseIntake`);
  expect(await refer('refer (below another town)', await open(), 'org-sp-clinic')).toMatchObject({ orgId: 'org-sp-clinic', orgName: '水坪镇卫生院工会' });
  // A revoke: its transaction (start, the grant by its id, then one aggregation of the grant, the caller and
  // every grant at the orgs of its path; an admin's the admin guard; the removal, the audit entry; commit);
  // refused, nothing written.
  // A referral: one aggregation (the case, the caller, the officers along its path, its org's name, the org
  // it goes to and the grants there), the transaction (start, the case, the case written, audit entry,
  // message, delta, commit) and the signal to the officers along its new path; one read of them more when
  // the org's parents are not on the case's path (a union below another town).
  expect(measuredCosts()).toMatchObject({ 'revoke (an officer)': [6, 2], 'revoke (an admin)': [7, 3], 'revoke (the last admin, refused)': [4, 0], refer: [9, 5], 'refer (below another town)': [10, 5] });
});
