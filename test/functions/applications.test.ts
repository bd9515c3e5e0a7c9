// The applications function's rules through localcloud: every kind of bad input gets its code and a Chinese
// message and changes nothing; a retried submit makes one application; a withdrawn application frees its
// child; batch approval; the fixed round-trip cost of submit, act and a queue page whatever the number of
// applications; and decisions racing each other (or a budget cut) never double-decide or overspend.
import type { ApplicationDetail, ApplicationSummary, Page, Result } from '../../typings/api';
import { useLocalcloud } from '../harness/localcloud';
import { callAs, callCounted, data, idCard, PEOPLE, snapshot } from './api';
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

const OTHER = 'o-app-other'; // a second hardship member of 城关镇环卫所工会
const WATCHED = ['applications', 'campaigns', 'outbox', 'audit', 'deltas'];
let notice = '';
let nextChild = 100;

interface CampaignRow {
  _id: string;
  budgetFen: number;
  reservedFen: number;
  paidFen: number;
}

async function submitAs(openid: string, child = nextChild++, more: Record<string, unknown> = {}, file = notice): Promise<Result<{ application: ApplicationDetail }>> {
  return callAs(lc, openid, 'applications', 'submit', { campaignId: STUDENT_AID, requestKey: requestKey(), answers: studentAidAnswers(childId(child), [file], more) });
}

async function act(openid: string, app: Pick<ApplicationDetail, 'applicationId' | 'version'>, transition: string, more: Record<string, unknown> = {}) {
  return callAs(lc, openid, 'applications', 'act', { applicationId: app.applicationId, version: app.version, transition, ...more });
}

/** A 金秋助学 application of the demo member, recommended by the grassroots officer. */
async function recommended(): Promise<ApplicationDetail> {
  const app = data(await submitAs(PEOPLE.member)).application;
  return data(await act(PEOPLE.cgOfficer, app, 'recommend')).application;
}

async function campaign(id: string): Promise<CampaignRow> {
  const { campaigns } = await snapshot(lc, ['campaigns']);
  return (campaigns as CampaignRow[]).find((c) => c._id === id) as CampaignRow;
}

/** Sets the budget so that exactly `fen` more can be approved. */
async function leaveInBudget(id: string, fen: number): Promise<void> {
  const c = await campaign(id);
  await sdkDb(lc).collection('campaigns').doc(id).update({ data: { budgetFen: c.reservedFen + c.paidFen + fen } });
}

beforeAll(async () => {
  notice = await upload(lc, PEOPLE.member);
  await approvedMember(lc, OTHER, 7);
  const past = new Date(Date.now() - 86_400_000);
  const { campaigns } = await snapshot(lc, ['campaigns']);
  const { _id, ...studentAid } = (campaigns as (CampaignRow & Record<string, unknown>)[]).find((c) => c._id === STUDENT_AID)!;
  await sdkDb(lc).collection('campaigns').doc('campaign-closed').set({ data: { ...studentAid, closesAt: past } });
});

describe('bad input gets its code and a Chinese message and changes nothing', () => {
  let withdrawn: ApplicationDetail;
  let approvable: ApplicationDetail;
  let foreignFile = '';
  let outsideUploads = '';
  let notAnImage = '';

  beforeAll(async () => {
    foreignFile = await upload(lc, OTHER);
    outsideUploads = await upload(lc, PEOPLE.member, 'x.png', undefined, 'public/o-demo-member/x.png');
    notAnImage = await upload(lc, PEOPLE.member, 'notes.png', Buffer.from('just some text, not a picture'));
    data(await submitAs(PEOPLE.member, 1)); // the child 1 has applied
    const w = data(await submitAs(PEOPLE.member, 2)).application;
    withdrawn = data(await act(PEOPLE.member, w, 'withdraw')).application;
    approvable = await recommended();
  });

  type Case = [string, string, string, () => Promise<Result<unknown>>, string, string | null];
  const cases: Case[] = [
    ['not registered', PEOPLE.newcomer, 'submit', () => submitAs(PEOPLE.newcomer, 3), 'NOT_REGISTERED', null],
    ['outside the window', PEOPLE.member, 'submit', () => callAs(lc, PEOPLE.member, 'applications', 'submit', { campaignId: 'campaign-closed', requestKey: requestKey(), answers: studentAidAnswers(childId(3), [notice]) }), 'WINDOW_CLOSED', null],
    ['not a 建档困难职工 for a hardship-only campaign', PEOPLE.cgOfficer, 'submit', () => submitAs(PEOPLE.cgOfficer, 3), 'INELIGIBLE', null],
    ['another member applying for a child who has applied', OTHER, 'submit', () => submitAs(OTHER, 1, {}, foreignFile), 'DUPLICATE', 'childIdCard'],
    ['a forged status in the event', PEOPLE.member, 'submit', () => callAs(lc, PEOPLE.member, 'applications', 'submit', { campaignId: STUDENT_AID, requestKey: requestKey(), answers: studentAidAnswers(childId(3), [notice]), status: 'approved' }), 'VALIDATION_FAILED', '_'],
    ['a forged applicant in the event', PEOPLE.member, 'submit', () => callAs(lc, PEOPLE.member, 'applications', 'submit', { campaignId: STUDENT_AID, requestKey: requestKey(), answers: studentAidAnswers(childId(3), [notice]), applicantOpenid: OTHER }), 'VALIDATION_FAILED', '_'],
    ['a forged status among the answers', PEOPLE.member, 'submit', () => submitAs(PEOPLE.member, 3, { status: 'approved', amountFen: 500_000 }), 'VALIDATION_FAILED', 'status'],
    ['a missing admission notice', PEOPLE.member, 'submit', () => submitAs(PEOPLE.member, 3, { admissionNotice: [] }), 'VALIDATION_FAILED', 'admissionNotice'],
    ['another member’s file id', PEOPLE.member, 'submit', () => submitAs(PEOPLE.member, 3, {}, foreignFile), 'VALIDATION_FAILED', 'admissionNotice'],
    ['a file outside the member’s upload folder', PEOPLE.member, 'submit', () => submitAs(PEOPLE.member, 3, {}, outsideUploads), 'VALIDATION_FAILED', 'admissionNotice'],
    ['a file that is not an image', PEOPLE.member, 'submit', () => submitAs(PEOPLE.member, 3, {}, notAnImage), 'VALIDATION_FAILED', 'admissionNotice'],
    ['a decision on a withdrawn application', PEOPLE.cgOfficer, 'act', () => act(PEOPLE.cgOfficer, withdrawn, 'recommend'), 'INVALID_STATE', null],
    ['an approval of a withdrawn application', PEOPLE.fedOfficer, 'act', () => act(PEOPLE.fedOfficer, withdrawn, 'approve', { amountFen: 300_000 }), 'INVALID_STATE', null],
    ['an amount not in the tiers', PEOPLE.fedOfficer, 'act', () => act(PEOPLE.fedOfficer, approvable, 'approve', { amountFen: 250_000 }), 'VALIDATION_FAILED', 'amountFen'],
    ['a stale version', PEOPLE.fedOfficer, 'act', () => act(PEOPLE.fedOfficer, { ...approvable, version: approvable.version - 1 }, 'approve', { amountFen: 300_000 }), 'CONFLICT', null],
    // decided on the version the grassroots officer saw, after the application moved on to the federation
    ['a grassroots decision on a version since recommended', PEOPLE.cgOfficer, 'act', () => act(PEOPLE.cgOfficer, { ...approvable, version: approvable.version - 1 }, 'reject', { comment: '材料不全' }), 'CONFLICT', null],
    ['a rejection without a reason', PEOPLE.fedOfficer, 'act', () => act(PEOPLE.fedOfficer, approvable, 'reject'), 'VALIDATION_FAILED', 'comment'],
    ['a forged status in a decision', PEOPLE.fedOfficer, 'act', () => act(PEOPLE.fedOfficer, approvable, 'approve', { amountFen: 300_000, status: 'paid' }), 'VALIDATION_FAILED', '_'],
    ['a payment before approval', PEOPLE.fedOfficer, 'act', () => act(PEOPLE.fedOfficer, approvable, 'pay', { paymentReference: 'X-1', paidOn: '2026-11-01' }), 'INVALID_STATE', null],
    ['an application that does not exist', PEOPLE.fedOfficer, 'act', () => act(PEOPLE.fedOfficer, { applicationId: 'app-nope', version: 1 }, 'approve', { amountFen: 300_000 }), 'NOT_FOUND', null],
    [
      'an approval beyond the remaining budget',
      PEOPLE.fedOfficer,
      'act',
      async () => {
        await leaveInBudget(STUDENT_AID, 299_999);
        return act(PEOPLE.fedOfficer, approvable, 'approve', { amountFen: 300_000 });
      },
      'BUDGET_EXHAUSTED',
      null,
    ],
  ];

  test.each(cases)('%s (%s %s)', async (_what, _who, _action, call, code, field) => {
    const before = await snapshot(lc, WATCHED);
    const r = await call();
    const after = await snapshot(lc, WATCHED);
    expect(r).toMatchObject({ ok: false, error: { code, message: expect.stringMatching(/[\u4e00-\u9fa5]/) } });
    if (field && !r.ok) expect(r.error.fields?.[field]).toMatch(/[\u4e00-\u9fa5]/);
    // the budget case changed the budget itself beforehand; nothing else may differ
    const strip = (s: Record<string, unknown[]>) => ({ ...s, campaigns: (s.campaigns as CampaignRow[]).map(({ budgetFen: _b, ...c }) => c) });
    expect(strip(after)).toEqual(strip(before));
  });
});

describe('submitting', () => {
  test('a retry with the same requestKey answers the same application and makes no second one', async () => {
    const input = { campaignId: STUDENT_AID, requestKey: requestKey(), answers: studentAidAnswers(childId(nextChild++), [notice]) };
    const first = data(await callAs(lc, PEOPLE.member, 'applications', 'submit', input)).application;
    const before = await snapshot(lc, WATCHED);
    const retries = await Promise.all([1, 2, 3].map(() => callAs(lc, PEOPLE.member, 'applications', 'submit', input)));
    expect(retries.map((r) => data(r).application.applicationId)).toEqual([first.applicationId, first.applicationId, first.applicationId]);
    expect(await snapshot(lc, WATCHED)).toEqual(before);
  });

  test('a retry answers the application made even when it holds no year claim: withdrawn, or of a kind without a year group', async () => {
    // nothing is read before the writes: the message's causeId, unique in the outbox, refuses the retry
    const input = { campaignId: STUDENT_AID, requestKey: requestKey(), answers: studentAidAnswers(childId(nextChild++), [notice]) };
    const first = data(await callAs(lc, PEOPLE.member, 'applications', 'submit', input)).application;
    const withdrawn = data(await act(PEOPLE.member, first, 'withdraw')).application;
    const goods = { campaignId: SUMMER_RELIEF, requestKey: requestKey(), answers: summerReliefAnswers('城关镇环卫所') };
    const site = data(await callAs(lc, PEOPLE.member, 'applications', 'submit', goods)).application;
    const before = await snapshot(lc, WATCHED);
    const again = data(await callAs(lc, PEOPLE.member, 'applications', 'submit', input)).application;
    expect(again).toMatchObject({ applicationId: first.applicationId, status: 'withdrawn', version: withdrawn.version });
    expect(data(await callAs(lc, PEOPLE.member, 'applications', 'submit', goods)).application).toMatchObject({ applicationId: site.applicationId, status: 'submitted', version: 1 });
    expect(await snapshot(lc, WATCHED)).toEqual(before);
  });

  test('two first submits with one requestKey at once make one application', async () => {
    const input = { campaignId: STUDENT_AID, requestKey: requestKey(), answers: studentAidAnswers(childId(nextChild++), [notice]) };
    const results = await Promise.all(Array.from({ length: 5 }, () => callAs(lc, PEOPLE.member, 'applications', 'submit', input)));
    const ids = new Set(results.map((r) => data(r).application.applicationId));
    expect(ids.size).toBe(1);
    const { applications, outbox } = await snapshot(lc, ['applications', 'outbox']);
    expect(applications.filter((a) => (a as { _id: string })._id === [...ids][0])).toHaveLength(1);
    expect(outbox.filter((m) => (m as { causeId: string }).causeId.startsWith(`${[...ids][0]}:`))).toHaveLength(1);
  });

  test('personal numbers are stored sealed: no clear ID card or bank card in the database files', async () => {
    const child = idCard(childId(1));
    const { applications } = await snapshot(lc, ['applications']);
    const text = JSON.stringify(applications);
    expect(text).not.toContain(child);
    expect(text).not.toContain('6222021234567890128');
    expect(text).toContain('6222 **** **** 0128');
  });

  test('a withdrawn application frees its child for a new one; a rejected one too', async () => {
    const child = nextChild++;
    const first = data(await submitAs(PEOPLE.member, child)).application;
    expect(await submitAs(OTHER, child, {}, await upload(lc, OTHER))).toMatchObject({ ok: false, error: { code: 'DUPLICATE', message: '这个孩子本次已经申请过了，不能重复申请' } });
    data(await act(PEOPLE.member, first, 'withdraw'));
    const second = data(await submitAs(OTHER, child, {}, await upload(lc, OTHER))).application;
    data(await act(PEOPLE.cgOfficer, second, 'reject', { comment: '不符合条件' }));
    const third = data(await submitAs(PEOPLE.member, child)).application;
    expect(third.status).toBe('submitted');
  });

  test('a resubmit that changes the child to one who has applied is DUPLICATE and changes nothing', async () => {
    const app = data(await submitAs(PEOPLE.member)).application;
    const returned = data(await act(PEOPLE.cgOfficer, app, 'return', { comment: '请核对孩子身份证号' })).application;
    const mine = data(await callAs(lc, PEOPLE.member, 'applications', 'detail', { applicationId: app.applicationId })).application;
    const before = await snapshot(lc, WATCHED);
    const r = await act(PEOPLE.member, returned, 'resubmit', { answers: { ...mine.prefill, childIdCard: idCard(childId(1)) } });
    expect(r).toMatchObject({ ok: false, error: { code: 'DUPLICATE', fields: { childIdCard: expect.any(String) } } });
    expect(await snapshot(lc, WATCHED)).toEqual(before);
    const foreign = await act(PEOPLE.member, returned, 'resubmit', { answers: { ...mine.prefill, admissionNotice: [await upload(lc, OTHER)] } });
    expect(foreign).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: { admissionNotice: expect.stringContaining('本人上传') } } });
  });

  test('夏送清凉: one application per work site, however the unit is typed', async () => {
    data(await callAs(lc, PEOPLE.member, 'applications', 'submit', { campaignId: SUMMER_RELIEF, requestKey: requestKey(), answers: summerReliefAnswers('示范县第一建筑公司') }));
    const again = await callAs(lc, PEOPLE.cgOfficer, 'applications', 'submit', { campaignId: SUMMER_RELIEF, requestKey: requestKey(), answers: summerReliefAnswers(' 示范县第一建筑公司 ') });
    expect(again).toMatchObject({ ok: false, error: { code: 'DUPLICATE', message: '这个工作场所本次已经申请过了', fields: { unit: expect.any(String) } } });
  });
});

describe('coverage: a union without a grassroots officer', () => {
  test('the campaign’s federation officer finds its application in the grassroots queue, recommends and approves it', async () => {
    const openid = 'o-app-park';
    await approvedMember(lc, openid, 41, false, 'org-park-food');
    const app = data(await callAs(lc, openid, 'applications', 'submit', { campaignId: SUMMER_RELIEF, requestKey: requestKey(), answers: summerReliefAnswers('示范食品有限公司冷库') })).application;
    // nobody below the county holds orgOfficer over 示范食品有限公司工会: the grassroots officers cannot see it
    const queue = data(await callAs(lc, PEOPLE.fedOfficer, 'applications', 'queue', { campaignId: SUMMER_RELIEF, status: 'submitted' }));
    expect(queue.items.map((s) => s.applicationId)).toContain(app.applicationId);
    expect(await callAs(lc, PEOPLE.cgOfficer, 'applications', 'detail', { applicationId: app.applicationId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const seen = data(await callAs(lc, PEOPLE.fedOfficer, 'applications', 'detail', { applicationId: app.applicationId })).application;
    expect(seen.actions).toEqual(['recommend', 'return', 'reject']);
    const recommendedApp = data(await act(PEOPLE.fedOfficer, seen, 'recommend')).application;
    expect(recommendedApp.status).toBe('recommended');
    await leaveInBudget(SUMMER_RELIEF, 100_000);
    expect(data(await act(PEOPLE.fedOfficer, recommendedApp, 'approve', { amountFen: 100_000 })).application.status).toBe('approved');
  });

  test('where a grassroots officer is, the federation officer may not take the grassroots stage', async () => {
    const app = data(await submitAs(PEOPLE.member)).application;
    const seen = data(await callAs(lc, PEOPLE.fedOfficer, 'applications', 'detail', { applicationId: app.applicationId })).application;
    expect(seen.actions).toEqual([]);
    expect(await act(PEOPLE.fedOfficer, app, 'recommend')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('the queue for volume', () => {
  test('rows say what the caller may do, how long each has waited and the applicant’s hardship; counts per status add up', async () => {
    const before = data(await callAs(lc, PEOPLE.cgOfficer, 'applications', 'counts', { campaignId: STUDENT_AID })).counts;
    const mine = [data(await submitAs(PEOPLE.member)).application, data(await submitAs(PEOPLE.member)).application];
    const after = data(await callAs(lc, PEOPLE.cgOfficer, 'applications', 'counts', { campaignId: STUDENT_AID })).counts;
    expect(after.submitted).toBe((before.submitted ?? 0) + 2);
    // every submitted one of the officer's subtree is in the queue: the count is the queue's length
    const all: { applicationId: string; actions: string[]; waitingDays: number | null; hardship: unknown }[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<ApplicationSummary & { actions: string[]; waitingDays: number | null; hardship: unknown }> = data(await callAs(lc, PEOPLE.cgOfficer, 'applications', 'queue', { campaignId: STUDENT_AID, status: 'submitted', limit: 50, cursor }));
      all.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
    expect(all).toHaveLength(after.submitted!);
    const row = all.find((r) => r.applicationId === mine[0].applicationId)!;
    expect(row).toMatchObject({ actions: ['recommend', 'return', 'reject'], waitingDays: 0, hardship: { label: '困难职工', grade: '重困' } });
    // the federation officer sees the row, but 城关镇 has its grassroots officer: nothing to do with it
    const fedPage = data(await callAs(lc, PEOPLE.fedOfficer, 'applications', 'queue', { campaignId: STUDENT_AID, status: 'submitted', limit: 50 }));
    expect(fedPage.items.find((r) => r.applicationId === mine[0].applicationId)?.actions).toEqual([]);
    // one org's counts
    const unit = data(await callAs(lc, PEOPLE.cgOfficer, 'applications', 'counts', { campaignId: STUDENT_AID, orgId: 'org-cg-construction' })).counts;
    expect(unit.submitted ?? 0).toBe(0);
  });

  test('batch recommend at the grassroots stage: each its own outcome, the federation told once', async () => {
    const apps = [data(await submitAs(PEOPLE.member)).application, data(await submitAs(PEOPLE.member)).application, data(await submitAs(PEOPLE.member)).application];
    const db = sdkDb(lc);
    await db.collection('reminderSignals').where({ openid: PEOPLE.fedOfficer }).remove();
    const before = data(await callAs(lc, PEOPLE.cgOfficer, 'applications', 'counts', { campaignId: STUDENT_AID })).counts;
    const items = [...apps.slice(0, 2).map((a) => ({ applicationId: a.applicationId, version: a.version })), { applicationId: apps[2].applicationId, version: 99 }, { applicationId: 'no-such-app', version: 1 }];
    const { results } = data(await callAs(lc, PEOPLE.cgOfficer, 'applications', 'batchRecommend', { campaignId: STUDENT_AID, items, comment: '材料齐全' }));
    expect(results).toEqual([
      { applicationId: apps[0].applicationId, ok: true },
      { applicationId: apps[1].applicationId, ok: true },
      { applicationId: apps[2].applicationId, ok: false, error: { code: 'CONFLICT', message: '该申请已被他人处理，请刷新后查看' } },
      { applicationId: 'no-such-app', ok: false, error: { code: 'NOT_FOUND', message: '没有找到该申请' } },
    ]);
    const after = data(await callAs(lc, PEOPLE.cgOfficer, 'applications', 'counts', { campaignId: STUDENT_AID })).counts;
    expect({ submitted: after.submitted, recommended: after.recommended }).toEqual({ submitted: before.submitted! - 2, recommended: (before.recommended ?? 0) + 2 });
    const detail = data(await callAs(lc, PEOPLE.member, 'applications', 'detail', { applicationId: apps[0].applicationId })).application;
    expect(detail.timeline.at(-1)).toMatchObject({ action: 'recommend', comment: '材料齐全', byLabel: '基层工会' });
    const signals = (await db.collection('reminderSignals').where({ openid: PEOPLE.fedOfficer }).get()) as unknown as { data: { reason: string }[] };
    expect(signals.data.map((x) => x.reason)).toEqual(['federationReview']);
    // someone who reviews nothing of the campaign is refused outright, and nothing changes
    const snap = await snapshot(lc, WATCHED);
    expect(await callAs(lc, PEOPLE.staff, 'applications', 'batchRecommend', { campaignId: STUDENT_AID, items: [{ applicationId: apps[2].applicationId, version: apps[2].version }] })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await snapshot(lc, WATCHED)).toEqual(snap);
  });
});

describe('batch approval', () => {
  test('each item gets its own outcome in order, while the budget lasts; all in one write', async () => {
    const [a, b, c, d] = await Promise.all([recommended(), recommended(), recommended(), recommended()]);
    const submitted = data(await submitAs(PEOPLE.member)).application;
    await leaveInBudget(STUDENT_AID, 800_000);
    const { results, ledger } = data(
      await callAs(lc, PEOPLE.fedOfficer, 'applications', 'batchApprove', {
        campaignId: STUDENT_AID,
        comment: '批量审批',
        items: [
          { applicationId: a.applicationId, version: a.version, amountFen: 300_000 },
          { applicationId: b.applicationId, version: b.version - 1, amountFen: 300_000 },
          { applicationId: 'app-nope', version: 1, amountFen: 300_000 },
          { applicationId: submitted.applicationId, version: submitted.version, amountFen: 300_000 },
          { applicationId: c.applicationId, version: c.version, amountFen: 123 },
          { applicationId: c.applicationId, version: c.version, amountFen: 500_000 },
          { applicationId: d.applicationId, version: d.version, amountFen: 300_000 },
          { applicationId: a.applicationId, version: a.version, amountFen: 300_000 },
        ],
      }),
    );
    expect(results.map((r) => (r.ok ? 'ok' : r.error?.code))).toEqual(['ok', 'CONFLICT', 'NOT_FOUND', 'INVALID_STATE', 'VALIDATION_FAILED', 'ok', 'BUDGET_EXHAUSTED', 'CONFLICT']);
    const c2 = await campaign(STUDENT_AID);
    expect(ledger).toEqual({ budgetFen: c2.budgetFen, reservedFen: c2.reservedFen, paidFen: c2.paidFen, places: null });
    expect(c2.budgetFen - c2.reservedFen - c2.paidFen).toBe(0);
    const { outbox } = await snapshot(lc, ['outbox']);
    const approvedMessages = (outbox as { title: string; causeId: string }[]).filter((m) => m.title === '申请已批准' && [a, c].some((x) => m.causeId.startsWith(`${x.applicationId}:`)));
    expect(approvedMessages).toHaveLength(2);
  });

  test('only a federation officer over the campaign may batch approve', async () => {
    const r = await callAs(lc, PEOPLE.cgOfficer, 'applications', 'batchApprove', { campaignId: STUDENT_AID, items: [{ applicationId: 'app-nope', version: 1, amountFen: 300_000 }] });
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('cost: a fixed number of round trips, all on declared indexes, however many applications', () => {
  async function measure(): Promise<Record<string, number>> {
    const submitted = await callCounted(lc, PEOPLE.member, 'applications', 'submit', { campaignId: STUDENT_AID, requestKey: requestKey(), answers: studentAidAnswers(childId(nextChild++), [notice]) });
    const app = data(submitted.result).application;
    const recommend = await callCounted(lc, PEOPLE.cgOfficer, 'applications', 'act', { applicationId: app.applicationId, version: app.version, transition: 'recommend' });
    const next = data(recommend.result).application;
    await leaveInBudget(STUDENT_AID, 300_000);
    const approve = await callCounted(lc, PEOPLE.fedOfficer, 'applications', 'act', { applicationId: next.applicationId, version: next.version, transition: 'approve', amountFen: 300_000 });
    data(approve.result);
    const queue = await callCounted(lc, PEOPLE.cgOfficer, 'applications', 'queue', { campaignId: STUDENT_AID, status: 'submitted' });
    expect(data(queue.result).items.length).toBeGreaterThan(0);
    const fedQueue = await callCounted(lc, PEOPLE.fedOfficer, 'applications', 'queue', { campaignId: STUDENT_AID, status: 'recommended', orgId: 'org-cg-sanitation' });
    const mine = await callCounted(lc, PEOPLE.member, 'applications', 'mine', { limit: 20 });
    const out: Record<string, number> = {};
    for (const [name, call] of Object.entries({ submit: submitted, recommend, approve, queue, fedQueue, mine })) {
      const s = await lc.cost(call.invocationId);
      expect({ name, unindexed: s.unindexedQueries }).toEqual({ name, unindexed: 0 });
      out[name] = s.total;
    }
    return out;
  }

  test('with a few and with sixty more applications', async () => {
    const few = await measure();
    // sixty more submitted applications, many of them in the grassroots queue
    for (let i = 0; i < 6; i++) await Promise.all(Array.from({ length: 10 }, () => submitAs(PEOPLE.member)).map(async (p) => data(await p)));
    const many = await measure();
    expect(many).toEqual(few);
    // Submit: one aggregation (the member, their grants and hardship record, the officers along their path,
    // their org's name, the campaign: data/actor.ts), one storage call (the files' probe URLs, which the
    // answer shows), the transaction (start, the record with its year claim among its keys, audit and outbox
    // writes, the delta, commit: nothing read, a retry or a claim held fails on a unique key). A decision:
    // the transaction (start, the application read, then one aggregation of its campaign, the officers along
    // its paths, the org's name and the caller; the record, audit and outbox writes, the ledger when it
    // moves, as approval's does, the delta; commit) and the answer's file URLs. The counters (report figures,
    // waiting work) are never written in the transaction: the delta is what the fold adds to them. Submit and
    // recommend then signal the officers responsible for the next stage (1). A queue page reads, beside its
    // rows and their orgs' names, the applicants' hardship and the officers along their paths (2, together).
    expect(few).toEqual({ submit: 9, recommend: 10, approve: 10, queue: 7, fedQueue: 8, mine: 2 });
  });

  test('paging by range visits every application once: the queue oldest first, 办事进度 newest first', async () => {
    type Row = { _id: string; createdAt: Date; applicantOpenid: string; status: string; campaignId: string };
    const all = (await snapshot(lc, ['applications'])).applications as Row[];
    const key = (r: Row) => `${new Date(r.createdAt).toISOString()} ${r._id}`;
    const walk = async (openid: string, fnAction: 'queue' | 'mine', input: Record<string, unknown>) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Page<ApplicationSummary> = data(await callAs(lc, openid, 'applications', fnAction, { ...input, limit: 7, cursor }));
        seen.push(...page.items.map((s) => s.applicationId));
        cursor = page.cursor;
      } while (cursor);
      return seen;
    };
    const submitted = all.filter((r) => r.campaignId === STUDENT_AID && r.status === 'submitted').sort((a, b) => (key(a) < key(b) ? -1 : 1));
    expect(submitted.length).toBeGreaterThan(60);
    expect(await walk(PEOPLE.cgOfficer, 'queue', { campaignId: STUDENT_AID, status: 'submitted' })).toEqual(submitted.map((r) => r._id));
    const mine = all.filter((r) => r.applicantOpenid === PEOPLE.member).sort((a, b) => (key(a) < key(b) ? 1 : -1));
    expect(await walk(PEOPLE.member, 'mine', {})).toEqual(mine.map((r) => r._id));
  });
});

describe('concurrency', () => {
  test('fifty simultaneous approvals of one application: exactly one succeeds and reserves once', async () => {
    const app = await recommended();
    await leaveInBudget(STUDENT_AID, 10_000_000);
    const before = await campaign(STUDENT_AID);
    const results = await Promise.all(Array.from({ length: 50 }, () => act(PEOPLE.fedOfficer, app, 'approve', { amountFen: 300_000 })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const codes = new Set(results.flatMap((r) => (r.ok ? [] : [r.error.code])));
    if (process.env.SHOW_RACES) console.log('fifty approvals:', results.map((r) => (r.ok ? 'ok' : r.error.code)).join(' '));
    expect([...codes].every((c) => c === 'CONFLICT' || c === 'INVALID_STATE')).toBe(true);
    const after = await campaign(STUDENT_AID);
    expect(after.reservedFen - before.reservedFen).toBe(300_000);
    const { outbox, audit } = await snapshot(lc, ['outbox', 'audit']);
    expect(outbox.filter((m) => (m as { causeId: string }).causeId === `${app.applicationId}:v${app.version + 1}`)).toHaveLength(1);
    expect(audit.filter((a) => (a as { targetId: string; action: string }).targetId === app.applicationId && (a as { action: string }).action === 'application.approve')).toHaveLength(1);
  });

  test('simultaneous approvals across twenty applications never exceed the budget', async () => {
    const apps = await Promise.all(Array.from({ length: 20 }, () => recommended()));
    await leaveInBudget(STUDENT_AID, 8 * 300_000 + 100_000);
    const before = await campaign(STUDENT_AID);
    const results = await Promise.all(apps.map((app) => act(PEOPLE.fedOfficer, app, 'approve', { amountFen: 300_000 })));
    const after = await campaign(STUDENT_AID);
    const oks = results.filter((r) => r.ok).length;
    const codes = results.flatMap((r) => (r.ok ? [] : [r.error.code]));
    expect(codes.every((c) => c === 'BUDGET_EXHAUSTED' || c === 'CONFLICT')).toBe(true);
    expect(after.reservedFen + after.paidFen).toBeLessThanOrEqual(after.budgetFen);
    expect(after.reservedFen - before.reservedFen).toBe(oks * 300_000);
    if (process.env.SHOW_RACES) console.log('twenty approvals:', oks, codes);
    expect(oks).toBeGreaterThan(0);
    if (!codes.includes('CONFLICT')) expect(oks).toBe(8);
    const { applications } = await snapshot(lc, ['applications']);
    const approved = (applications as { _id: string; status: string }[]).filter((a) => apps.some((x) => x.applicationId === a._id) && a.status === 'approved');
    expect(approved).toHaveLength(oks);
  });

  test('a budget cut racing approvals never leaves more reserved and paid than the budget: both write the campaign', async () => {
    // Snapshot isolation checks only writes: the cut reads the ledger, an approval reads the budget, and
    // only because each writes the campaign document does one of them lose the race.
    const apps = await Promise.all(Array.from({ length: 6 }, () => recommended()));
    await leaveInBudget(STUDENT_AID, 6 * 300_000);
    const { items } = data(await callAs(lc, PEOPLE.fedOfficer, 'campaigns', 'manageList', {}));
    const managed = items.find((c) => c.campaignId === STUDENT_AID)!;
    const { kind, year, title, orgId, openDay, closeDay, tiers, maxAmountFen, eligibility, fields, ledger } = managed;
    // the cut leaves nothing to approve: it may pass only before every approval
    const draft = { kind, year, title, orgId, openDay, closeDay, tiers, maxAmountFen, eligibility, fields, budgetFen: ledger.reservedFen + ledger.paidFen };
    const [cut, ...results] = await Promise.all([
      callAs(lc, PEOPLE.fedOfficer, 'campaigns', 'save', { campaignId: STUDENT_AID, version: managed.version, draft }),
      ...apps.map((app) => act(PEOPLE.fedOfficer, app, 'approve', { amountFen: 300_000 })),
    ]);
    const after = await campaign(STUDENT_AID);
    const oks = results.filter((r) => r.ok).length;
    if (process.env.SHOW_RACES) console.log('budget cut racing approvals:', cut.ok ? 'cut' : cut.error.code, results.map((r) => (r.ok ? 'ok' : r.error.code)).join(' '));
    expect(after.reservedFen + after.paidFen).toBeLessThanOrEqual(after.budgetFen);
    expect(after.reservedFen - ledger.reservedFen).toBe(oks * 300_000);
    if (cut.ok) expect(oks).toBe(0);
    else expect(cut.error.code === 'VALIDATION_FAILED' || cut.error.code === 'CONFLICT').toBe(true);
  });
});
