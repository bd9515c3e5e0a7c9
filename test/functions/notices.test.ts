// 通知公告 through the real notices function on localcloud: composing, previewing and publishing as staff,
// the audience (an org subtree's approved members, a campaign's applicants) counted and reached exactly, the
// board and notice page of members, every kind of bad input changing nothing, and the round trips.
import type { ManagedNotice, NoticeDraft } from '../../typings/api/notices';
import { useLocalcloud } from '../harness/localcloud';
import { callAs, callCounted, data, PEOPLE, snapshot } from './api';
import { approvedMember, requestKey, SUMMER_RELIEF, summerReliefAnswers } from './applicationsFixtures';
import templatesFile from '../../cloudbase/subscribe-templates.json';

const lc = useLocalcloud({ demo: true });

const STAFF = PEOPLE.staff; // staff over the whole county
const SP_STAFF = 'o-notice-sp-staff'; // staff over 水坪镇 only (granted below)
const COURIER = 'o-notice-courier'; // approved, 城关镇快递物流行业联合工会
const SWEEPER = 'o-notice-sweeper'; // approved, 城关镇环卫所工会
const NURSE = 'o-notice-nurse'; // approved, 水坪镇卫生院工会: outside 城关镇
const WATCHED = ['notices', 'outbox', 'audit', 'settings'];
/** 城关镇's approved members: the demo member and officer, and the two approved here. */
const CHENGGUAN = ['o-demo-member', 'o-demo-org-officer', COURIER, SWEEPER].sort();

const draft = (more: Partial<NoticeDraft> = {}): NoticeDraft => ({
  title: '金秋助学7月1日开始申请',
  body: '各位会员：\n2026年金秋助学活动将于7月1日开始申请，请符合条件的会员按时提交材料。',
  link: { kind: 'page', page: 'pages/progress/index' },
  audience: { kind: 'org', orgId: 'org-chengguan' },
  pushToAccount: false,
  ...more,
});

const NOTICE_TEMPLATE = templatesFile.templates.noticePublished.templateId;

interface SinkCall {
  apiName: string;
  data: { touser?: string; template_id?: string; page?: string; data?: Record<string, { value: string }>; articles?: { title: string; content: string }[] };
  result: { errcode?: number };
}
const sinkCalls = async (apiName: string) => (await lc.getJson<{ calls: SinkCall[] }>(`/__localcloud/openapi/calls?apiName=${encodeURIComponent(apiName)}`)).calls;
const noticeSends = async () => (await sinkCalls('subscribeMessage.send')).filter((c) => c.data.template_id === NOTICE_TEMPLATE);

/** Fires the drain as its timer trigger does. */
async function drain() {
  const res = await fetch(`${lc.url}/__localcloud/timers/notices/drain/fire`, { method: 'POST' });
  return data(((await res.json()) as { result: Parameters<typeof data>[0] }).result) as { sent: number; noQuota: number; fannedOut: number; published: number };
}

/** A member's tap on 允许 for the notice template: WeChat's quota in the sink, ours through `subscribe`. */
async function allowNotices(openid: string) {
  await lc.postJson('/__localcloud/openapi/subscriptions', { openid, templateIds: [NOTICE_TEMPLATE] });
  data(await callAs(lc, openid, 'notices', 'subscribe', { accepted: ['noticePublished'] }));
}

beforeAll(async () => {
  await approvedMember(lc, COURIER, 601, false, 'org-cg-couriers');
  await approvedMember(lc, SWEEPER, 602, false, 'org-cg-sanitation');
  await approvedMember(lc, NURSE, 603, false, 'org-sp-clinic');
  await approvedMember(lc, SP_STAFF, 604, false, 'org-sp-school');
  const memberId = data(await callAs(lc, SP_STAFF, 'members', 'me', {})).profile!.memberId;
  data(await callAs(lc, PEOPLE.admin, 'roles', 'grant', { memberId, role: 'staff', orgId: 'org-shuiping' }));
}, 90_000);

describe('composing', () => {
  test('staff are offered the orgs of their grants, roots first, and the campaigns of those orgs', async () => {
    const county = data(await callAs(lc, STAFF, 'notices', 'composeOptions', {}));
    expect(county.orgs[0]).toEqual({ orgId: 'org-county', name: '示范县总工会', depth: 0 });
    expect(county.orgs).toContainEqual({ orgId: 'org-cg-couriers', name: '城关镇快递物流行业联合工会', depth: 2 });
    expect(county.campaigns.map((c) => c.campaignId).sort()).toEqual(['campaign-student-aid', 'campaign-summer-relief']);
    const shuiping = data(await callAs(lc, SP_STAFF, 'notices', 'composeOptions', {}));
    expect(shuiping.orgs[0]).toEqual({ orgId: 'org-shuiping', name: '水坪镇总工会', depth: 0 });
    expect(shuiping.orgs.slice(1).map((o) => [o.orgId, o.depth]).sort()).toEqual([['org-sp-clinic', 1], ['org-sp-school', 1]]);
    expect(shuiping.campaigns).toEqual([]); // both campaigns are the county's
  });

  test('preview counts the approved members of the subtree and shows the notice, writing nothing', async () => {
    const before = await snapshot(lc, WATCHED);
    const p = data(await callAs(lc, STAFF, 'notices', 'preview', { draft: draft() }));
    expect(p).toMatchObject({ audience: CHENGGUAN.length, audienceLabel: '城关镇总工会全体会员' });
    expect(p.notice).toMatchObject({ title: '金秋助学7月1日开始申请', orgName: '示范县总工会', link: { label: '办事进度', path: 'pages/progress/index' } });
    expect(p.notice.excerpt.startsWith('各位会员： 2026年金秋助学')).toBe(true);
    expect(await snapshot(lc, WATCHED)).toEqual(before);
  });
});

describe('bad input changes nothing', () => {
  const cases: [string, string, Record<string, unknown>, string, string | null][] = [
    ['an empty title', STAFF, { draft: draft({ title: '   ' }) }, 'VALIDATION_FAILED', 'draft.title'],
    ['a title over 32 characters', STAFF, { draft: draft({ title: '通'.repeat(33) }) }, 'VALIDATION_FAILED', 'draft.title'],
    ['an empty body', STAFF, { draft: draft({ body: '' }) }, 'VALIDATION_FAILED', 'draft.body'],
    ['a body over 2000 characters', STAFF, { draft: draft({ body: '字'.repeat(2001) }) }, 'VALIDATION_FAILED', 'draft.body'],
    ['a link to a page that is not offered', STAFF, { draft: { ...draft(), link: { kind: 'page', page: 'pages/admin/index' } } }, 'VALIDATION_FAILED', 'draft.link.page'],
    ['an unknown field', STAFF, { draft: { ...draft(), sendAt: '2026-12-01' } }, 'VALIDATION_FAILED', 'draft'],
    ['a member who is not staff', PEOPLE.member, { draft: draft() }, 'FORBIDDEN', null],
    ['an officer who is not staff', PEOPLE.fedOfficer, { draft: draft() }, 'FORBIDDEN', null],
    ['an org outside the staff scope', SP_STAFF, { draft: draft() }, 'FORBIDDEN', null],
    ['a campaign of an org outside the scope', SP_STAFF, { draft: draft({ audience: { kind: 'campaign', campaignId: SUMMER_RELIEF } }) }, 'FORBIDDEN', null],
    ['an unknown campaign', STAFF, { draft: draft({ audience: { kind: 'campaign', campaignId: 'campaign-nope' } }) }, 'NOT_FOUND', null],
    ['a link to an unknown campaign', STAFF, { draft: draft({ link: { kind: 'campaign', campaignId: 'campaign-nope' } }) }, 'NOT_FOUND', null],
    ['an unknown org', STAFF, { draft: draft({ audience: { kind: 'org', orgId: 'org-nope' } }) }, 'NOT_FOUND', null],
  ];
  test.each(cases)('%s', async (_name, openid, input, code, field) => {
    const before = await snapshot(lc, WATCHED);
    for (const action of ['publish', 'preview'] as const) {
      const r = await callAs(lc, openid, 'notices', action, action === 'publish' ? { requestKey: requestKey(), ...input } : input);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe(code);
      expect(r.error.message).toMatch(/[\u4e00-\u9fff]/);
      if (field) expect(Object.keys(r.error.fields ?? {}).some((k) => k.startsWith(field))).toBe(true);
    }
    expect(await snapshot(lc, WATCHED)).toEqual(before);
  });
});

describe('a notice to 城关镇', () => {
  let notice: ManagedNotice;
  const key = requestKey();

  test('publish writes the notice, its audit entry and one fan-out job, in one go; a retry makes nothing more', async () => {
    const first = await callCounted(lc, STAFF, 'notices', 'publish', { requestKey: key, draft: draft() });
    notice = data(first.result).notice;
    expect(notice).toMatchObject({ audienceLabel: '城关镇总工会全体会员', orgName: '示范县总工会', pushToAccount: false });
    expect(notice.report).toEqual({ audience: 4, sent: 0, noQuota: 0, failed: 0, unknown: 0, pending: 4, account: { status: 'none' } });
    // actor (member, roles), the org tree (unless the instance holds it from the last minute), audience count,
    // then the transaction: begin, read, notice, audit, job, commit
    const { total, unindexedQueries } = await lc.cost(first.invocationId);
    expect(unindexedQueries).toBe(0);
    expect([9, 10]).toContain(total);
    const after = await snapshot(lc, WATCHED);
    const again = data(await callAs(lc, STAFF, 'notices', 'publish', { requestKey: key, draft: draft({ title: '改过的标题' }) }));
    expect(again.notice.noticeId).toBe(notice.noticeId);
    expect(again.notice.title).toBe(notice.title);
    expect(await snapshot(lc, WATCHED)).toEqual(after);
    const jobs = after.outbox.filter((m) => (m as { noticeId?: string }).noticeId === notice.noticeId);
    expect(jobs).toEqual([expect.objectContaining({ topic: 'noticeFanout', causeId: `${notice.noticeId}:fanout`, status: 'pending' })]);
    expect(after.audit).toContainEqual(expect.objectContaining({ action: 'notice.publish', targetId: notice.noticeId, actorOpenid: STAFF }));
  });

  test('the members of 城关镇 see it on their board and open it; others do not', async () => {
    for (const openid of CHENGGUAN) {
      const { items } = data(await callAs(lc, openid, 'notices', 'board', {}));
      expect(items.map((n) => n.noticeId)).toContain(notice.noticeId);
    }
    const opened = data(await callAs(lc, COURIER, 'notices', 'get', { noticeId: notice.noticeId })).notice;
    expect(opened).toMatchObject({ body: draft().body, link: { label: '办事进度', path: 'pages/progress/index' } });
    for (const openid of [NURSE, STAFF]) {
      expect(data(await callAs(lc, openid, 'notices', 'board', {})).items.map((n) => n.noticeId)).not.toContain(notice.noticeId);
      expect(await callAs(lc, openid, 'notices', 'get', { noticeId: notice.noticeId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    expect(await callAs(lc, PEOPLE.newcomer, 'notices', 'board', {})).toMatchObject({ ok: false, error: { code: 'NOT_REGISTERED' } });
  });

  test('the staff over 水坪镇 neither list nor open its report; the county staff do', async () => {
    expect(data(await callAs(lc, SP_STAFF, 'notices', 'manageList', {})).items.map((n) => n.noticeId)).not.toContain(notice.noticeId);
    expect(await callAs(lc, SP_STAFF, 'notices', 'report', { noticeId: notice.noticeId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await callAs(lc, PEOPLE.member, 'notices', 'report', { noticeId: notice.noticeId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const listed = data(await callAs(lc, STAFF, 'notices', 'manageList', {}));
    expect(listed.items[0]).toMatchObject({ noticeId: notice.noticeId, report: { audience: 4, pending: 4 } });
  });
});

describe('a notice to a campaign’s applicants', () => {
  test('reaches those who applied and did not withdraw, each once, on their board', async () => {
    const apply = (openid: string, unit: string) =>
      callAs(lc, openid, 'applications', 'submit', { campaignId: SUMMER_RELIEF, requestKey: requestKey(), answers: summerReliefAnswers(unit) });
    data(await apply(COURIER, '城关镇快递网点'));
    data(await apply(COURIER, '城关镇快递分拣中心')); // two work sites: one applicant
    data(await apply(NURSE, '水坪镇卫生院'));
    const withdrawn = data(await apply(SWEEPER, '城关镇环卫所东站')).application;
    data(await callAs(lc, SWEEPER, 'applications', 'act', { applicationId: withdrawn.applicationId, version: withdrawn.version, transition: 'withdraw' }));

    const audience = { kind: 'campaign' as const, campaignId: SUMMER_RELIEF };
    const link = { kind: 'campaign' as const, campaignId: SUMMER_RELIEF };
    const p = data(await callAs(lc, STAFF, 'notices', 'preview', { draft: draft({ audience, link, title: '夏送清凉物资发放时间' }) }));
    expect(p).toMatchObject({ audience: 2, audienceLabel: expect.stringMatching(/申请人$/) });
    expect(p.notice.link).toEqual({ label: expect.any(String), path: `pages/apply/index?campaignId=${SUMMER_RELIEF}` });
    const { notice } = data(await callAs(lc, STAFF, 'notices', 'publish', { requestKey: requestKey(), draft: draft({ audience, link, title: '夏送清凉物资发放时间' }) }));
    expect(notice.report.audience).toBe(2);
    for (const openid of [COURIER, NURSE]) expect(data(await callAs(lc, openid, 'notices', 'board', {})).items.map((n) => n.noticeId)).toContain(notice.noticeId);
    for (const openid of [SWEEPER, PEOPLE.member]) expect(data(await callAs(lc, openid, 'notices', 'board', {})).items.map((n) => n.noticeId)).not.toContain(notice.noticeId);

    // the fan-out pages the campaign's applications on an index and reaches each applicant once: nobody has quota yet
    const fired = await fetch(`${lc.url}/__localcloud/timers/notices/drain/fire`, { method: 'POST' });
    expect(await lc.cost(fired.headers.get('x-localcloud-invocation'))).toMatchObject({ unindexedQueries: 0 });
    const { notice: reported } = data(await callAs(lc, STAFF, 'notices', 'report', { noticeId: notice.noticeId }));
    expect(reported.report).toMatchObject({ audience: 2, noQuota: 2, sent: 0, pending: 0 });
  }, 90_000);
});

describe('delivery', () => {
  test('a drain before anyone consented: every member of the earlier notices counts as without quota', async () => {
    await drain();
    for (const n of data(await callAs(lc, STAFF, 'notices', 'manageList', {})).items) {
      expect(n.report).toMatchObject({ audience: n.report.noQuota, sent: 0, pending: 0 });
    }
    expect(await noticeSends()).toEqual([]);
  });

  test('a notice to 城关镇 reaches exactly its approved members with quota, once; the article is published once; the report adds up', async () => {
    for (const openid of ['o-demo-member', COURIER, NURSE, 'o-demo-pending']) await allowNotices(openid);
    const published = await callCounted(lc, STAFF, 'notices', 'publish', { requestKey: requestKey(), draft: draft({ title: '城关镇职工运动会报名', pushToAccount: true }) });
    const { notice } = data(published.result);
    expect(notice.report).toEqual({ audience: 4, sent: 0, noQuota: 0, failed: 0, unknown: 0, pending: 4, account: { status: 'pending' } });

    const outcome = await drain();
    expect(outcome).toMatchObject({ fannedOut: 2, published: 1 });
    const sends = await noticeSends();
    expect(sends.map((c) => c.data.touser).sort()).toEqual(['o-demo-member', COURIER].sort());
    expect(sends[0].data).toMatchObject({ page: `pages/notices/notice?noticeId=${notice.noticeId}`, data: { thing1: { value: '城关镇职工运动会报名' }, thing2: { value: '示范县总工会' } } });
    const submits = await sinkCalls('mp:/cgi-bin/freepublish/submit');
    expect(submits).toHaveLength(1);
    expect(submits[0].data.articles).toEqual([expect.objectContaining({ title: '城关镇职工运动会报名', content: expect.stringContaining('<p>各位会员：</p>') })]);

    const report = await callCounted(lc, STAFF, 'notices', 'report', { noticeId: notice.noticeId });
    const r = data(report.result).notice.report;
    expect(r).toEqual({ audience: 4, sent: 2, noQuota: 2, failed: 0, unknown: 0, pending: 0, account: { status: 'published' } });
    expect(r.sent + r.noQuota + r.failed + r.unknown + r.pending).toBe(r.audience);
    expect(await lc.cost(report.invocationId)).toMatchObject({ total: 5, unindexedQueries: 0 }); // actor and notice together, messages by status and the fan-out job

    // another drain sends nothing again, publishes nothing again
    await drain();
    expect(await noticeSends()).toHaveLength(2);
    expect(await sinkCalls('mp:/cgi-bin/freepublish/submit')).toHaveLength(1);
  });
});

test('the board is paged by cursor, newest first, in fixed round trips without unindexed queries', async () => {
  const first = await callCounted(lc, COURIER, 'notices', 'board', { limit: 1 });
  const page1 = data(first.result);
  expect(page1.items).toHaveLength(1);
  const page2 = data(await callAs(lc, COURIER, 'notices', 'board', { limit: 1, cursor: page1.cursor }));
  expect(page2.items).toHaveLength(1);
  expect(page1.items[0].publishedAt >= page2.items[0].publishedAt).toBe(true);
  expect(page1.items[0].noticeId).not.toBe(page2.items[0].noticeId);
  expect(await lc.cost(first.invocationId)).toMatchObject({ total: 3, unindexedQueries: 0 }); // member and applications together, notices
  const list = await callCounted(lc, STAFF, 'notices', 'manageList', {});
  expect(await lc.cost(list.invocationId)).toMatchObject({ total: 5, unindexedQueries: 0 }); // actor (2), notices, messages by status and fan-out jobs together
});
