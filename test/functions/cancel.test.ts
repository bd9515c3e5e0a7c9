// Cancelling an approval (撤销批准) and refunding a payment (登记退款) through the real applications function:
// a cancel gives back the reservation (and a places campaign's place), frees the child, is audited and tells
// the member; a paid application is refused a cancel and corrected by a refund the figures count; cancel
// racing pay on one application has exactly one winner and moves the ledger once; officers outside the
// campaign's federation are refused.
import type { ApplicationDetail, Figures, ServiceKindView } from '../../typings/api';
import { useLocalcloud } from '../harness/localcloud';
import { callAs, data, PEOPLE, snapshot } from './api';
import { approvedMember, childId, draftOfKind, openCampaign, requestKey, sanatoriumAnswers, studentAidAnswers, upload } from './applicationsFixtures';
import { byHeader, download } from './exportsFixtures';

const lc = useLocalcloud({ demo: true });
const FED = PEOPLE.fedOfficer;
const CG = PEOPLE.cgOfficer;
const M2 = 'o-cancel-m2';
const WATCHED = ['applications', 'campaigns', 'outbox', 'audit', 'stats', 'deltas'];
const YEAR = { year: Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4)) };
const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

let AID = '';
let PLACES = '';
let notice = '';
let nextChild = 500;

interface CampaignRow {
  _id: string;
  reservedFen: number;
  paidFen: number;
  placesTaken?: number;
}

const act = (openid: string, a: Pick<ApplicationDetail, 'applicationId' | 'version'>, transition: string, more: Record<string, unknown> = {}) =>
  callAs(lc, openid, 'applications', 'act', { applicationId: a.applicationId, version: a.version, transition, ...more });

async function ledger(id: string): Promise<CampaignRow> {
  const { campaigns } = await snapshot(lc, ['campaigns']);
  return (campaigns as CampaignRow[]).find((c) => c._id === id)!;
}

/** A 金秋助学 application of the demo member to the test's own campaign, taken through recommend and approve. */
async function approved(child = nextChild++): Promise<ApplicationDetail> {
  const app = data(await callAs(lc, PEOPLE.member, 'applications', 'submit', { campaignId: AID, requestKey: requestKey(), answers: studentAidAnswers(childId(child), [notice]) })).application;
  const rec = data(await act(CG, app, 'recommend')).application;
  return data(await act(FED, rec, 'approve', { amountFen: 300_000 })).application;
}

const pay = (a: ApplicationDetail) => act(FED, a, 'pay', { paymentReference: 'PZ-1', paidOn: today });
const figures = async (): Promise<Figures> => data(await callAs(lc, FED, 'statistics', 'figures', { orgId: 'org-county', period: YEAR, campaignId: AID })).figures[0];

beforeAll(async () => {
  notice = await upload(lc, PEOPLE.member);
  await approvedMember(lc, M2, 61, false);
  const kinds = data(await callAs(lc, FED, 'campaigns', 'kinds', { orgId: 'org-county' })).items as ServiceKindView[];
  const kind = (id: string) => kinds.find((k) => k.kindId === id)!;
  AID = await openCampaign(lc, FED, draftOfKind(kind('studentAid'), 'org-county', { title: '撤销测试金秋助学' }));
  PLACES = await openCampaign(lc, FED, draftOfKind(kind('sanatorium'), 'org-county', { title: '撤销测试疗休养', quota: 2, placeFen: 100_000, budgetFen: 1_000_000 }));
}, 60_000);

describe('撤销批准', () => {
  test('gives back the reservation, frees the child, is audited and tells the member, who sees 已撤销 and the reason', async () => {
    const child = nextChild++;
    const app = await approved(child);
    const before = await ledger(AID);
    const cancelled = data(await act(FED, app, 'cancel', { comment: '经核实不符合资助条件' })).application;
    expect(cancelled).toMatchObject({ status: 'cancelled', actions: [] });
    expect((await ledger(AID)).reservedFen).toBe(before.reservedFen - 300_000);
    const { audit, outbox } = await snapshot(lc, ['audit', 'outbox']);
    expect(audit).toContainEqual(expect.objectContaining({ action: 'application.cancel', targetId: app.applicationId, actorOpenid: FED }));
    expect(outbox).toContainEqual(expect.objectContaining({ toOpenid: PEOPLE.member, title: '批准已撤销', causeId: `${app.applicationId}:v${cancelled.version}` }));
    const mine = data(await callAs(lc, PEOPLE.member, 'applications', 'detail', { applicationId: app.applicationId })).application;
    expect(mine.status).toBe('cancelled');
    expect(mine.timeline.at(-1)).toMatchObject({ action: 'cancel', to: 'cancelled', comment: '经核实不符合资助条件', byLabel: '总工会' });
    // the child may apply again: the cancelled application holds neither the duplicate key nor the year claim
    const again = await callAs(lc, PEOPLE.member, 'applications', 'submit', { campaignId: AID, requestKey: requestKey(), answers: studentAidAnswers(childId(child), [notice]) });
    expect(again).toMatchObject({ ok: true, data: { application: { status: 'submitted' } } });
  });

  test('a places campaign gets its place back', async () => {
    const app = data(await callAs(lc, M2, 'applications', 'submit', { campaignId: PLACES, requestKey: requestKey(), answers: sanatoriumAnswers() })).application;
    const rec = data(await act(CG, app, 'recommend')).application;
    const selected = data(await act(FED, rec, 'approve')).application;
    expect(await ledger(PLACES)).toMatchObject({ placesTaken: 1, reservedFen: 100_000 });
    data(await act(FED, selected, 'cancel', { comment: '本人因病不能参加' }));
    expect(await ledger(PLACES)).toMatchObject({ placesTaken: 0, reservedFen: 0 });
  });

  test('the approval no longer counts in the figures', async () => {
    const start = await figures();
    const app = await approved();
    expect(await figures()).toMatchObject({ approved: start.approved + 1, approvedFen: start.approvedFen + 300_000 });
    data(await act(FED, app, 'cancel', { comment: '重复资助' }));
    expect(await figures()).toMatchObject({ approved: start.approved, approvedFen: start.approvedFen });
  });
});

describe('bad input gets its code and a Chinese message and changes nothing', () => {
  let app: ApplicationDetail;
  let paid: ApplicationDetail;

  beforeAll(async () => {
    app = await approved();
    paid = data(await pay(await approved())).application;
  });

  test.each([
    ['a cancel without a reason', () => act(FED, app, 'cancel'), 'VALIDATION_FAILED', '请填写说明'],
    ['a grassroots officer cancelling', () => act(CG, app, 'cancel', { comment: '不符合' }), 'FORBIDDEN', '您无权进行这个操作'],
    ['a town officer outside the campaign cancelling', () => act(PEOPLE.spOfficer, app, 'cancel', { comment: '不符合' }), 'FORBIDDEN', '您无权进行这个操作'],
    ['the member cancelling', () => act(PEOPLE.member, app, 'cancel', { comment: '不要了' }), 'FORBIDDEN', '您无权进行这个操作'],
    ['cancelling a paid application', () => act(FED, paid, 'cancel', { comment: '不符合' }), 'INVALID_STATE', '已发放的申请不能撤销，请登记退款'],
    ['a refund of an approved, unpaid application', () => act(FED, app, 'refund', { refundFen: 100, refundedOn: today, refundReference: 'TK-1', refundReason: '多发' }), 'INVALID_STATE', '当前状态下不能进行这个操作，请刷新后查看'],
    ['a refund of more than was paid', () => act(FED, paid, 'refund', { refundFen: 300_001, refundedOn: today, refundReference: 'TK-1', refundReason: '多发' }), 'VALIDATION_FAILED', '退款金额不能超过尚未退回的3000元'],
    ['a refund without its reference', () => act(FED, paid, 'refund', { refundFen: 100, refundedOn: today, refundReason: '多发' }), 'VALIDATION_FAILED', '请填写退款凭证号'],
    ['a refund dated tomorrow', () => act(FED, paid, 'refund', { refundFen: 100, refundedOn: '2999-01-01', refundReference: 'TK-1', refundReason: '多发' }), 'VALIDATION_FAILED', '日期不能晚于今天'],
    ['a grassroots officer refunding', () => act(CG, paid, 'refund', { refundFen: 100, refundedOn: today, refundReference: 'TK-1', refundReason: '多发' }), 'FORBIDDEN', '您无权进行这个操作'],
  ])('%s', async (_what, call, code, message) => {
    const before = await snapshot(lc, WATCHED);
    expect(await call()).toMatchObject({ ok: false, error: { code, message } });
    expect(await snapshot(lc, WATCHED)).toEqual(before);
  });

  test('a paid application offers no cancel but 登记退款', () => {
    expect(paid.actions).toEqual(['refund']);
  });
});

describe('登记退款', () => {
  test('counts in the figures: 万元 net of refunds, the 人次 taken back by a full refund; the budget gets it back', async () => {
    const start = await figures();
    const paid = data(await pay(await approved())).application;
    expect(await figures()).toMatchObject({ paidFen: start.paidFen + 300_000, peopleReached: start.peopleReached + 1 });
    const spent = await ledger(AID);
    const part = data(await act(FED, paid, 'refund', { refundFen: 100_000, refundedOn: today, refundReference: 'TK-2', refundReason: '学校减免学费，退回部分' })).application;
    expect(part).toMatchObject({ status: 'paid', refunds: [{ amountFen: 100_000, refundedOn: today, reference: 'TK-2', reason: '学校减免学费，退回部分' }], actions: ['refund'] });
    expect(await figures()).toMatchObject({ paidFen: start.paidFen + 200_000, peopleReached: start.peopleReached + 1 });
    expect((await ledger(AID)).paidFen).toBe(spent.paidFen - 100_000);
    // the same refund sent again on the version it was decided on is stale, not a second refund
    expect(await act(FED, paid, 'refund', { refundFen: 100_000, refundedOn: today, refundReference: 'TK-2', refundReason: '学校减免学费，退回部分' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    data(await act(FED, part, 'refund', { refundFen: 200_000, refundedOn: today, refundReference: 'TK-3', refundReason: '学生退学，全部退回' }));
    const f = await figures();
    expect(f).toMatchObject({ paidFen: start.paidFen, peopleReached: start.peopleReached });
    expect(f.sentence).toContain(`资助困难职工子女 ${start.peopleReached} 人次`);
    const { outbox } = await snapshot(lc, ['outbox']);
    expect(outbox).toContainEqual(expect.objectContaining({ toOpenid: PEOPLE.member, title: '退款已登记', body: expect.stringContaining('学生退学，全部退回') }));
    // the counters agree with their recomputation from the records
    const rec = data(await callAs(lc, FED, 'statistics', 'reconcile', { orgId: 'org-county' }));
    expect(rec.differences).toEqual([]);
    // the export shows what was refunded, and a payment refunded whole reaches nobody
    const sheet = await download(data(await callAs(lc, FED, 'exports', 'create', { kind: 'applications', campaignId: AID })).url);
    const row = sheet.rows.map((r) => byHeader(sheet, r)).find((r) => r['申请编号'] === paid.applicationId);
    expect(row).toMatchObject({ 状态: '已发放', '核定金额（元）': 3000, '已退款（元）': 3000, 计入人次: 0 });
  });
});

describe('concurrency', () => {
  test('cancel racing pay on one application: exactly one wins, the ledger moves once', async () => {
    for (let round = 0; round < 8; round++) {
      const app = await approved();
      const before = await ledger(AID);
      const [cancel, paid] = await Promise.all([act(FED, app, 'cancel', { comment: '不符合' }), pay(app)]);
      const winners = [cancel, paid].filter((r) => r.ok);
      expect(winners).toHaveLength(1);
      const loser = [cancel, paid].find((r) => !r.ok)!;
      expect(loser).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/^该申请.+，请刷新后查看$/) } });
      const after = await ledger(AID);
      if (cancel.ok) expect(after).toMatchObject({ reservedFen: before.reservedFen - 300_000, paidFen: before.paidFen });
      else expect(after).toMatchObject({ reservedFen: before.reservedFen - 300_000, paidFen: before.paidFen + 300_000 });
      const stored = data(await callAs(lc, FED, 'applications', 'detail', { applicationId: app.applicationId })).application;
      expect(stored.status).toBe(cancel.ok ? 'cancelled' : 'paid');
      expect(stored.version).toBe(app.version + 1);
    }
  }, 120_000);
});
