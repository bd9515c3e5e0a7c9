// 公示 through the real functions: a 城关镇 金秋助学 campaign set to 公示后方可发放 (through campaigns.save),
// three approved applications published (a retry lists nothing twice), payment refused before publishing,
// during the period and while an objection is open; objections from members in scope (one dismissed, the
// other upheld with the application rejected and its amount given back), refused from outside the scope, on
// one's own application, and after the period; no clear ID number in any answer.
import type { ActionName, ApplicationDetail, ObjectionView, PublicityView } from '../../typings/api';
import { builtinKind } from '../../localcloud/src/demo/campaigns';
import { useLocalcloud } from '../harness/localcloud';
import { callAs, CLEAR_ID_NUMBER, data, PEOPLE, snapshot } from './api';
import { approvedMember, childId, draftOfKind, openCampaign, requestKey, sdkDb, studentAidAnswers, upload } from './applicationsFixtures';

const lc = useLocalcloud({ demo: true });

const APPLICANT2 = 'o-pub-applicant2'; // 城关镇环卫所工会
const OBJECTOR = 'o-pub-objector'; // 城关镇环卫所工会
const OUTSIDER = 'o-pub-outsider'; // 水坪镇卫生院工会: outside a 城关镇 campaign's scope
const SP_FEDERATION = 'o-pub-sp-fed'; // federationOfficer over 水坪镇 only
const WATCHED = ['applications', 'campaigns', 'publicities', 'objections', 'outbox', 'audit', 'deltas'];

/** Every answer the test sees, checked at the end for a clear ID number. */
const answers: unknown[] = [];
async function call<A extends ActionName<'applications'>>(openid: string, action: A, input: Record<string, unknown>) {
  const r = await callAs(lc, openid, 'applications', action, input);
  answers.push(r);
  return r;
}

let campaignId = '';
let plainCampaign = '';
const apps: ApplicationDetail[] = [];
let publicity: PublicityView;
const publishKey = requestKey();

async function approvedApp(openid: string, child: number, campaign = campaignId): Promise<ApplicationDetail> {
  const file = await upload(lc, openid);
  const submitted = data(await callAs(lc, openid, 'applications', 'submit', { campaignId: campaign, requestKey: requestKey(), answers: studentAidAnswers(childId(child), [file]) })).application;
  const recommended = data(await callAs(lc, PEOPLE.cgOfficer, 'applications', 'act', { applicationId: submitted.applicationId, version: submitted.version, transition: 'recommend' })).application;
  return data(await callAs(lc, PEOPLE.fedOfficer, 'applications', 'act', { applicationId: recommended.applicationId, version: recommended.version, transition: 'approve', amountFen: 300_000 })).application;
}

const detail = async (openid: string, app: { applicationId: string }) => data(await callAs(lc, openid, 'applications', 'detail', { applicationId: app.applicationId })).application;
const pay = async (app: { applicationId: string }) => {
  const now = await detail(PEOPLE.fedOfficer, app);
  return call(PEOPLE.fedOfficer, 'act', { applicationId: now.applicationId, version: now.version, transition: 'pay', paymentReference: `PUB-${now.applicationId.slice(-6)}`, paidOn: '2026-12-01' });
};
const reserved = async (id: string) => ((await sdkDb(lc).collection('campaigns').doc(id).get()) as unknown as { data: { reservedFen: number } }).data.reservedFen;

/** Ends the publication's period (and the listed applications'), as if its working days had passed. */
async function endPeriod(): Promise<void> {
  const past = new Date(Date.now() - 60_000);
  await sdkDb(lc).collection('publicities').doc(publicity.publicityId).update({ data: { endsAt: past } });
  for (const a of apps) await sdkDb(lc).collection('applications').doc(a.applicationId).update({ data: { 'publicity.endsAt': past } });
}

beforeAll(async () => {
  await approvedMember(lc, APPLICANT2, 61);
  await approvedMember(lc, OBJECTOR, 62);
  await approvedMember(lc, OUTSIDER, 63, true, 'org-sp-clinic');
  const spFed = await approvedMember(lc, SP_FEDERATION, 64, false, 'org-sp-clinic');
  data(await callAs(lc, PEOPLE.admin, 'roles', 'grant', { memberId: spFed, role: 'federationOfficer', orgId: 'org-shuiping' }));
  const kind = { ...builtinKind('studentAid'), kindId: 'studentAid' };
  campaignId = await openCampaign(lc, PEOPLE.fedOfficer, draftOfKind(kind, 'org-chengguan', { title: '城关镇金秋助学（公示）', publicity: { workingDays: 5 } }));
  plainCampaign = await openCampaign(lc, PEOPLE.fedOfficer, draftOfKind(kind, 'org-chengguan', { title: '城关镇金秋助学' }));
  apps.push(await approvedApp(PEOPLE.member, 601), await approvedApp(APPLICANT2, 602), await approvedApp(PEOPLE.member, 603));
});

test('the campaign keeps its 公示 setting; a bad number of days is refused', async () => {
  const { items } = data(await callAs(lc, PEOPLE.fedOfficer, 'campaigns', 'manageList', {}));
  expect(items.find((c) => c.campaignId === campaignId)?.publicity).toEqual({ workingDays: 5 });
  expect(items.find((c) => c.campaignId === plainCampaign)?.publicity).toBeUndefined();
  const before = await snapshot(lc, ['campaigns']);
  const r = await callAs(lc, PEOPLE.fedOfficer, 'campaigns', 'save', { draft: draftOfKind({ ...builtinKind('studentAid'), kindId: 'studentAid' }, 'org-chengguan', { publicity: { workingDays: 0 } }) });
  expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: { publicity: '公示天数应为1到30个工作日' } } });
  expect(await snapshot(lc, ['campaigns'])).toEqual(before);
});

test('a campaign without 公示 pays its approved applications at once', async () => {
  const app = await approvedApp(PEOPLE.member, 609, plainCampaign);
  expect(data(await pay(app)).application.status).toBe('paid');
});

test('payment before publishing is refused and changes nothing', async () => {
  const before = await snapshot(lc, WATCHED);
  expect(await pay(apps[0])).toEqual({ ok: false, error: { code: 'ON_HOLD', message: '本活动须先公示，公示期满后方可发放' } });
  expect(await snapshot(lc, WATCHED)).toEqual(before);
});

test('only the campaign’s federation officers publish', async () => {
  const before = await snapshot(lc, WATCHED);
  for (const who of [PEOPLE.cgOfficer, SP_FEDERATION, PEOPLE.member, PEOPLE.admin]) {
    expect(await call(who, 'publish', { campaignId, requestKey: publishKey })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  }
  expect(await call(PEOPLE.fedOfficer, 'publish', { campaignId: plainCampaign, requestKey: requestKey() })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', message: '本活动未设置“公示后方可发放”' } });
  expect(await snapshot(lc, WATCHED)).toEqual(before);
});

test('publishing lists the approved applications masked, for 5 working days; a retry lists nothing twice', async () => {
  publicity = data(await call(PEOPLE.fedOfficer, 'publish', { campaignId, requestKey: publishKey })).publicity;
  expect(publicity.workingDays).toBe(5);
  expect(publicity.open).toBe(true);
  expect(publicity.lines.map((l) => l.applicationId).sort()).toEqual(apps.map((a) => a.applicationId).sort());
  const mine = publicity.lines.find((l) => l.applicationId === apps[0].applicationId)!;
  expect(mine).toEqual({ applicationId: apps[0].applicationId, maskedName: '王*国', orgName: '城关镇环卫所工会', grant: '本科（3000元）' });
  const again = data(await call(PEOPLE.fedOfficer, 'publish', { campaignId, requestKey: publishKey })).publicity;
  expect(again).toEqual(publicity);
  const other = await call(PEOPLE.fedOfficer, 'publish', { campaignId, requestKey: requestKey() });
  expect(other).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', message: '没有待公示的已批准申请' } });
  const { publicities, outbox } = await snapshot(lc, ['publicities', 'outbox']);
  expect(publicities.filter((p) => (p as { campaignId: string }).campaignId === campaignId)).toHaveLength(1);
  const told = (outbox as { toOpenid: string; title: string }[]).filter((m) => m.title === '申请进入公示');
  expect(told.map((m) => m.toOpenid).sort()).toEqual([APPLICANT2, PEOPLE.member, PEOPLE.member].sort());
});

test('公示 is a step in the member’s timeline', async () => {
  const a = await detail(PEOPLE.member, apps[0]);
  expect(a.status).toBe('approved');
  expect(a.timeline.map((t) => t.action)).toEqual(['submit', 'recommend', 'approve', 'publicize']);
  expect(a.timeline[3]).toMatchObject({ byLabel: '总工会', from: 'approved', to: 'approved' });
});

test('payment during 公示 is refused with its last day, and changes nothing', async () => {
  const before = await snapshot(lc, WATCHED);
  const r = await pay(apps[2]);
  expect(r).toEqual({ ok: false, error: { code: 'ON_HOLD', message: expect.stringMatching(/^公示期未满，\d{1,2}月\d{1,2}日后方可发放$/) } });
  expect((await detail(PEOPLE.fedOfficer, apps[2])).settlementHold).toBe((r as { error: { message: string } }).error.message);
  expect(await snapshot(lc, WATCHED)).toEqual(before);
});

test('members in scope see the list; members outside it neither see it nor object', async () => {
  const seen = data(await call(OBJECTOR, 'publicities', {}));
  expect(seen.items.map((p) => p.publicityId)).toContain(publicity.publicityId);
  const outside = data(await call(OUTSIDER, 'publicities', {}));
  expect(outside.items.map((p) => p.publicityId)).not.toContain(publicity.publicityId);
  expect(await call(PEOPLE.newcomer, 'publicities', {})).toMatchObject({ ok: false, error: { code: 'NOT_REGISTERED' } });
  expect(await call(PEOPLE.pending, 'publicities', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  const before = await snapshot(lc, WATCHED);
  const input = { publicityId: publicity.publicityId, applicationId: apps[0].applicationId, reason: '该职工家庭收入较高，不属于困难职工。' };
  expect(await call(OUTSIDER, 'object', input)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/[\u4e00-\u9fa5]/) } });
  expect(await call(PEOPLE.member, 'object', input)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '不能对本人的申请提出异议' } });
  expect(await call(OBJECTOR, 'object', { ...input, reason: '不对' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: { reason: expect.any(String) } } });
  expect(await snapshot(lc, WATCHED)).toEqual(before);
});

let dismissedOne: ObjectionView;
let upheldOne: ObjectionView;

test('an objection holds the application; a retry makes no second one; the federation officer is told', async () => {
  const input = { publicityId: publicity.publicityId, applicationId: apps[0].applicationId, reason: '该职工家庭收入较高，不属于困难职工。' };
  dismissedOne = data(await call(OBJECTOR, 'object', input)).objection;
  expect(dismissedOne).toMatchObject({ status: 'open', objectorName: null, line: { maskedName: '王*国' } });
  expect(data(await call(OBJECTOR, 'object', input)).objection.objectionId).toBe(dismissedOne.objectionId);
  upheldOne = data(await call(OBJECTOR, 'object', { ...input, applicationId: apps[1].applicationId, reason: '该职工的孩子已经工作，并未上学。' })).objection;
  data(await call(PEOPLE.member, 'object', { ...input, applicationId: apps[1].applicationId, reason: '我也知道他的孩子已经工作了。' }));
  const { objections, reminderSignals } = await snapshot(lc, ['objections', 'reminderSignals']);
  expect(objections).toHaveLength(3);
  expect((reminderSignals as { _id: string }[]).map((s) => s._id)).toContain(`${PEOPLE.fedOfficer}|objection`);
  const admin = data(await call(PEOPLE.fedOfficer, 'publicityAdmin', { campaignId }));
  expect(admin.objections.map((o) => [o.status, o.objectorName])).toEqual([['open', expect.any(String)], ['open', expect.any(String)], ['open', expect.any(String)]]);
  expect(admin.unlisted).toBe(0);
  for (const who of [PEOPLE.cgOfficer, SP_FEDERATION]) expect(await call(who, 'publicityAdmin', { campaignId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});

test('after the period, an open objection still holds payment; one without any is paid', async () => {
  await endPeriod();
  const before = await snapshot(lc, WATCHED);
  expect(await pay(apps[0])).toEqual({ ok: false, error: { code: 'ON_HOLD', message: '该申请有未处理的异议，处理后方可发放' } });
  expect(await snapshot(lc, WATCHED)).toEqual(before);
  expect((await detail(PEOPLE.fedOfficer, apps[0])).settlementHold).toBe('该申请有未处理的异议，处理后方可发放');
  const paid = data(await pay(apps[2])).application;
  expect(paid.status).toBe('paid');
  expect(paid.settlementHold).toBeUndefined();
});

test('an objection after the period is refused and changes nothing', async () => {
  const before = await snapshot(lc, WATCHED);
  const r = await call(OBJECTOR, 'object', { publicityId: publicity.publicityId, applicationId: apps[2].applicationId, reason: '该职工家庭收入较高，不属于困难职工。' });
  expect(r).toEqual({ ok: false, error: { code: 'WINDOW_CLOSED', message: '公示期已结束，不能再提出异议' } });
  expect(await snapshot(lc, WATCHED)).toEqual(before);
});

test('an objection dismissed: the application goes on and is paid; objector and applicant are told', async () => {
  const input = { objectionId: dismissedOne.objectionId, outcome: 'dismissed', comment: '经核实，该职工符合困难职工条件。' };
  const before = await snapshot(lc, WATCHED);
  for (const who of [PEOPLE.cgOfficer, SP_FEDERATION, OBJECTOR]) expect(await call(who, 'resolveObjection', input)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(await call(PEOPLE.fedOfficer, 'resolveObjection', { ...input, comment: ' ' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: { comment: expect.any(String) } } });
  expect(await snapshot(lc, WATCHED)).toEqual(before);
  const done = data(await call(PEOPLE.fedOfficer, 'resolveObjection', input)).objection;
  expect(done).toMatchObject({ status: 'dismissed', resolution: { outcome: 'dismissed', comment: '经核实，该职工符合困难职工条件。' } });
  expect(await call(PEOPLE.fedOfficer, 'resolveObjection', input)).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
  const { outbox } = await snapshot(lc, ['outbox']);
  const titles = (outbox as { toOpenid: string; title: string }[]).map((m) => `${m.toOpenid}:${m.title}`);
  expect(titles).toEqual(expect.arrayContaining([`${OBJECTOR}:您提出的公示异议经核实不成立`, `${PEOPLE.member}:公示异议经核实不成立`]));
  expect(data(await pay(apps[0])).application.status).toBe('paid');
  const mine = data(await call(OBJECTOR, 'publicities', {})).mine;
  expect(mine.find((o) => o.objectionId === dismissedOne.objectionId)?.status).toBe('dismissed');
});

test('an objection upheld: the application is rejected, its amount given back, every objection on it answered', async () => {
  const was = await reserved(campaignId);
  const done = data(await call(PEOPLE.fedOfficer, 'resolveObjection', { objectionId: upheldOne.objectionId, outcome: 'reject', comment: '经核实，申请人子女已就业，不符合条件。' })).objection;
  expect(done.status).toBe('upheld');
  const a = await detail(APPLICANT2, apps[1]);
  expect(a.status).toBe('rejected');
  expect(a.timeline.at(-1)).toMatchObject({ action: 'objectionReject', comment: '经核实，申请人子女已就业，不符合条件。', byLabel: '总工会' });
  expect(await reserved(campaignId)).toBe(was - 300_000);
  const { objections, outbox } = await snapshot(lc, ['objections', 'outbox']);
  const onIt = (objections as { applicationId: string; status: string }[]).filter((o) => o.applicationId === apps[1].applicationId);
  expect(onIt.map((o) => o.status)).toEqual(['upheld', 'upheld']);
  const told = (outbox as { toOpenid: string; title: string }[]).map((m) => `${m.toOpenid}:${m.title}`);
  expect(told).toEqual(expect.arrayContaining([`${OBJECTOR}:您提出的公示异议经核实成立`, `${PEOPLE.member}:您提出的公示异议经核实成立`, `${APPLICANT2}:公示异议成立，申请未通过`]));
});

test('an objection upheld with a return sends the application back to supplement', async () => {
  const app = await approvedApp(APPLICANT2, 604);
  const p = data(await call(PEOPLE.fedOfficer, 'publish', { campaignId, requestKey: requestKey() })).publicity;
  expect(p.lines.map((l) => l.applicationId)).toEqual([app.applicationId]);
  const o = data(await call(OBJECTOR, 'object', { publicityId: p.publicityId, applicationId: app.applicationId, reason: '录取通知书与学校不符，请核实。' })).objection;
  data(await call(PEOPLE.fedOfficer, 'resolveObjection', { objectionId: o.objectionId, outcome: 'return', comment: '请补充学校出具的在读证明。' }));
  const back = await detail(APPLICANT2, app);
  expect(back).toMatchObject({ status: 'returned', amountFen: null });
  expect(back.actions).toContain('resubmit');
});

test('the figures after 公示: an approval an objection took back is no longer counted, and the counters equal their recomputation', async () => {
  const year = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
  const counted = data(await callAs(lc, PEOPLE.fedOfficer, 'statistics', 'figures', { orgId: 'org-chengguan', period: { year }, campaignId })).figures[0];
  const { applications } = await snapshot(lc, ['applications']);
  const mine = (applications as { campaignId: string; status: string; amountFen: number | null }[]).filter((a) => a.campaignId === campaignId);
  const standing = mine.filter((a) => ['approved', 'paid'].includes(a.status));
  // one upheld rejected, one upheld returned: neither counts as approved
  expect(mine.length - standing.length).toBeGreaterThanOrEqual(2);
  expect(counted).toMatchObject({ approved: standing.length, approvedFen: standing.reduce((n, a) => n + (a.amountFen ?? 0), 0), declined: 1 });
  const rec = data(await callAs(lc, PEOPLE.fedOfficer, 'statistics', 'reconcile', { orgId: 'org-county' }));
  expect(rec.differences).toEqual([]);
});

test('no answer carries a clear ID number', () => {
  expect(answers.length).toBeGreaterThan(20);
  for (const a of answers) expect(JSON.stringify(a)).not.toMatch(CLEAR_ID_NUMBER);
});
