// A whole season through the real functions on localcloud: 金秋助学 open (demo), members apply with their
// admission notices, the grassroots union recommends and returns one, the member supplements, the
// federation approves until the budget is used up and the next approval is refused, a payment is
// recorded; a 夏送清凉 work site is approved and delivered with headcount and photos. The applicants'
// timelines and the outbox show every step exactly once.
import type { ApplicationDetail } from '../../typings/api';
import { useLocalcloud } from '../harness/localcloud';
import { callAs, data, PEOPLE, snapshot } from './api';
import {
  approvedMember,
  childId,
  requestKey,
  sdkDb,
  STUDENT_AID,
  studentAidAnswers,
  SUMMER_RELIEF,
  summerReliefAnswers,
  upload,
} from './applicationsFixtures';

const lc = useLocalcloud({ demo: true });

const SECOND = 'o-season-2';
const THIRD = 'o-season-3';
const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

interface OutboxRow {
  topic: string;
  toOpenid: string;
  title: string;
  causeId: string;
  page: string;
}

const apps: Record<'A' | 'B' | 'C' | 'D' | 'site', ApplicationDetail> = {} as never;

async function submit(openid: string, campaignId: string, answers: Record<string, unknown>): Promise<ApplicationDetail> {
  return data(await callAs(lc, openid, 'applications', 'submit', { campaignId, requestKey: requestKey(), answers })).application;
}

async function act(openid: string, app: ApplicationDetail, transition: string, more: Record<string, unknown> = {}): Promise<ApplicationDetail> {
  return data(await callAs(lc, openid, 'applications', 'act', { applicationId: app.applicationId, version: app.version, transition, ...more })).application;
}

beforeAll(async () => {
  // a smaller budget: 8,000 元 takes two 本科 grants and one 专科 grant
  await sdkDb(lc).collection('campaigns').doc(STUDENT_AID).update({ data: { budgetFen: 800_000 } });
  await approvedMember(lc, SECOND, 1);
  await approvedMember(lc, THIRD, 2, true, 'org-cg-construction');
});

test('members apply with their admission notices', async () => {
  apps.A = await submit(PEOPLE.member, STUDENT_AID, studentAidAnswers(childId(1), [await upload(lc, PEOPLE.member)]));
  apps.B = await submit(SECOND, STUDENT_AID, studentAidAnswers(childId(2), [await upload(lc, SECOND)], { childName: '李小红' }));
  apps.C = await submit(THIRD, STUDENT_AID, studentAidAnswers(childId(3), [await upload(lc, THIRD)], { childName: '赵小刚', level: 'college', school: '武汉职业技术学院' }));
  apps.D = await submit(SECOND, STUDENT_AID, studentAidAnswers(childId(4), [await upload(lc, SECOND)], { childName: '李小兰', level: 'postgraduate' }));
  expect(apps.A).toMatchObject({ status: 'submitted', version: 1, headline: '王小明（本科，武汉大学）', applicantName: '王建国', applicantOrgName: '城关镇环卫所工会', actions: ['withdraw'] });
  const card = apps.A.answers.find((a) => a.key === 'bankCard');
  expect(card?.display).toBe('6222 **** **** 0128');
  expect(apps.A.answers.find((a) => a.key === 'childIdCard')?.display).toMatch(/^4203\*{10}\d{3}[\dX]$/);
  expect(apps.A.answers.find((a) => a.key === 'incomePerCapita')?.display).toBe('850元');
  expect(apps.A.answers.find((a) => a.key === 'admissionNotice')?.files).toEqual([{ fileId: expect.stringMatching(/^cloud:\/\//), url: expect.stringContaining('/__localcloud/storage/files/uploads/o-demo-member/') }]);
  expect(apps.A.prefill).toBeNull();
});

test('the grassroots officer works the queue oldest first, recommends three and returns one', async () => {
  const q1 = data(await callAs(lc, PEOPLE.cgOfficer, 'applications', 'queue', { campaignId: STUDENT_AID, status: 'submitted', limit: 3 }));
  const q2 = data(await callAs(lc, PEOPLE.cgOfficer, 'applications', 'queue', { campaignId: STUDENT_AID, status: 'submitted', limit: 3, cursor: q1.cursor }));
  expect([...q1.items, ...q2.items].map((s) => s.applicationId)).toEqual([apps.A, apps.B, apps.C, apps.D].map((a) => a.applicationId));
  expect(q2.cursor).toBeNull();
  const detail = data(await callAs(lc, PEOPLE.cgOfficer, 'applications', 'detail', { applicationId: apps.A.applicationId })).application;
  expect(detail.actions.sort()).toEqual(['recommend', 'reject', 'return']);
  for (const k of ['A', 'B', 'D'] as const) apps[k] = await act(PEOPLE.cgOfficer, apps[k], 'recommend', { comment: '情况属实' });
  apps.C = await act(PEOPLE.cgOfficer, apps.C, 'return', { comment: '录取通知书不清晰，请重新上传' });
  expect(apps.C).toMatchObject({ status: 'returned', actions: [] });
});

test('the member sees what to supplement, with the form prefilled, and resubmits', async () => {
  const mineC = data(await callAs(lc, THIRD, 'applications', 'detail', { applicationId: apps.C.applicationId })).application;
  expect(mineC.status).toBe('returned');
  expect(mineC.actions.sort()).toEqual(['resubmit', 'withdraw']);
  expect(mineC.prefill).toMatchObject({ childName: '赵小刚', childIdCard: expect.stringMatching(/^\d{17}[\dX]$/), bankCard: '6222021234567890128' });
  const notice = await upload(lc, THIRD, 'clear.png');
  apps.C = await act(THIRD, mineC, 'resubmit', { answers: { ...mineC.prefill, admissionNotice: [notice] } });
  expect(apps.C).toMatchObject({ status: 'submitted', prefill: null });
  expect(apps.C.answers.find((a) => a.key === 'admissionNotice')?.files?.map((f) => f.fileId)).toEqual([notice]);
  apps.C = await act(PEOPLE.cgOfficer, apps.C, 'recommend');
});

test('the federation approves until the budget is used up; the next approval is refused and changes nothing', async () => {
  const q = data(await callAs(lc, PEOPLE.fedOfficer, 'applications', 'queue', { campaignId: STUDENT_AID, status: 'recommended' }));
  expect(q.items.map((s) => s.applicationId).sort()).toEqual([apps.A, apps.B, apps.C, apps.D].map((a) => a.applicationId).sort());
  apps.A = await act(PEOPLE.fedOfficer, apps.A, 'approve', { amountFen: 300_000 });
  apps.B = await act(PEOPLE.fedOfficer, apps.B, 'approve', { amountFen: 300_000, comment: '同意' });
  apps.C = await act(PEOPLE.fedOfficer, apps.C, 'approve', { amountFen: 200_000 });
  expect(apps.C).toMatchObject({ status: 'approved', amountFen: 200_000 });
  const before = await snapshot(lc, ['applications', 'campaigns', 'outbox', 'audit']);
  const refused = await callAs(lc, PEOPLE.fedOfficer, 'applications', 'act', { applicationId: apps.D.applicationId, version: apps.D.version, transition: 'approve', amountFen: 500_000 });
  expect(refused).toMatchObject({ ok: false, error: { code: 'BUDGET_EXHAUSTED', message: expect.stringContaining('剩余预算不足') } });
  expect(await snapshot(lc, ['applications', 'campaigns', 'outbox', 'audit'])).toEqual(before);
  const campaign = (before.campaigns as { _id: string; reservedFen: number; paidFen: number }[]).find((c) => c._id === STUDENT_AID);
  expect(campaign).toMatchObject({ reservedFen: 800_000, paidFen: 0 });
});

test('the paying officer sees the bank card in clear and records the payment', async () => {
  const seen = data(await callAs(lc, PEOPLE.fedOfficer, 'applications', 'detail', { applicationId: apps.A.applicationId })).application;
  expect(seen.answers.find((a) => a.key === 'bankCard')?.display).toBe('6222021234567890128');
  expect(seen.actions).toEqual(['pay', 'cancel']);
  const officerView = data(await callAs(lc, PEOPLE.cgOfficer, 'applications', 'detail', { applicationId: apps.A.applicationId })).application;
  expect(officerView.answers.find((a) => a.key === 'bankCard')?.display).toBe('6222 **** **** 0128');
  apps.A = await act(PEOPLE.fedOfficer, seen, 'pay', { paymentReference: 'JQZX-2026-0001', paidOn: today() });
  expect(apps.A).toMatchObject({ status: 'paid', payment: { reference: 'JQZX-2026-0001', paidOn: today() } });
  const { campaigns } = await snapshot(lc, ['campaigns']);
  expect(campaigns.find((c) => (c as { _id: string })._id === STUDENT_AID)).toMatchObject({ reservedFen: 500_000, paidFen: 300_000 });
  // after payment the bank card is masked again, even for the federation officer
  const paid = data(await callAs(lc, PEOPLE.fedOfficer, 'applications', 'detail', { applicationId: apps.A.applicationId })).application;
  expect(paid.answers.find((a) => a.key === 'bankCard')?.display).toBe('6222 **** **** 0128');
});

test('夏送清凉: a work site is approved and the delivery recorded with headcount and photos', async () => {
  apps.site = await submit(PEOPLE.member, SUMMER_RELIEF, summerReliefAnswers('城关镇环卫所'));
  expect(apps.site).toMatchObject({ headline: '城关镇环卫所', tiers: [], maxAmountFen: 20_000_000 });
  apps.site = await act(PEOPLE.cgOfficer, apps.site, 'recommend');
  apps.site = await act(PEOPLE.fedOfficer, apps.site, 'approve', { amountFen: 150_000 });
  expect(apps.site.actions).toEqual(['deliver', 'cancel']); // goods: settled by delivery only (or the approval cancelled)
  const photos = [await upload(lc, PEOPLE.fedOfficer), await upload(lc, PEOPLE.fedOfficer)];
  apps.site = await act(PEOPLE.fedOfficer, apps.site, 'deliver', { headcount: 30, photos, deliveredOn: today() });
  expect(apps.site).toMatchObject({ status: 'delivered', delivery: { headcount: 30, deliveredOn: today(), photos: photos.map((fileId) => ({ fileId, url: expect.stringContaining('/uploads/o-demo-fed-officer/') })) } });
  const { campaigns } = await snapshot(lc, ['campaigns']);
  expect(campaigns.find((c) => (c as { _id: string })._id === SUMMER_RELIEF)).toMatchObject({ reservedFen: 0, paidFen: 150_000 });
});

test('each applicant’s timeline shows every step once, named by who took it', async () => {
  const timeline = async (openid: string, app: ApplicationDetail) =>
    data(await callAs(lc, openid, 'applications', 'detail', { applicationId: app.applicationId })).application.timeline.map((t) => [t.action, t.byLabel, t.to, t.comment]);
  expect(await timeline(PEOPLE.member, apps.A)).toEqual([
    ['submit', '本人', 'submitted', null],
    ['recommend', '基层工会', 'recommended', '情况属实'],
    ['approve', '总工会', 'approved', null],
    ['pay', '总工会', 'paid', null],
  ]);
  expect(await timeline(THIRD, apps.C)).toEqual([
    ['submit', '本人', 'submitted', null],
    ['return', '基层工会', 'returned', '录取通知书不清晰，请重新上传'],
    ['resubmit', '本人', 'submitted', null],
    ['recommend', '基层工会', 'recommended', null],
    ['approve', '总工会', 'approved', null],
  ]);
  expect(await timeline(PEOPLE.member, apps.site)).toEqual([
    ['submit', '本人', 'submitted', null],
    ['recommend', '基层工会', 'recommended', null],
    ['approve', '总工会', 'approved', null],
    ['deliver', '总工会', 'delivered', null],
  ]);
  const mine = data(await callAs(lc, PEOPLE.member, 'applications', 'mine', {}));
  expect(mine.items.map((s) => [s.applicationId, s.status])).toEqual([
    [apps.site.applicationId, 'delivered'],
    [apps.A.applicationId, 'paid'],
  ]);
});

test('the outbox holds one message to the applicant per step, in order', async () => {
  const { outbox } = await snapshot(lc, ['outbox']);
  const about = (app: ApplicationDetail) =>
    (outbox as OutboxRow[])
      .filter((m) => m.causeId.startsWith(`${app.applicationId}:`))
      .sort((a, b) => Number(a.causeId.split(':v')[1]) - Number(b.causeId.split(':v')[1]))
      .map((m) => [m.topic, m.toOpenid, m.title, m.causeId.slice(app.applicationId.length)]);
  expect(about(apps.A)).toEqual([
    ['applicationStatus', PEOPLE.member, '申请已提交', ':v1'],
    ['applicationStatus', PEOPLE.member, '申请已通过基层工会审核', ':v2'],
    ['applicationStatus', PEOPLE.member, '申请已批准', ':v3'],
    ['applicationStatus', PEOPLE.member, '款项已发放', ':v4'],
  ]);
  expect(about(apps.C).map((m) => m[2])).toEqual(['申请已提交', '申请需要补充材料', '申请已重新提交', '申请已通过基层工会审核', '申请已批准']);
  expect(about(apps.site).map((m) => m[2])).toEqual(['申请已提交', '申请已通过基层工会审核', '申请已批准', '慰问物资已送达']);
  expect(about(apps.D).map((m) => m[2])).toEqual(['申请已提交', '申请已通过基层工会审核']);
  expect((outbox as OutboxRow[]).find((m) => m.causeId === `${apps.A.applicationId}:v1`)?.page).toBe(`pages/application/index?applicationId=${apps.A.applicationId}`);
});
