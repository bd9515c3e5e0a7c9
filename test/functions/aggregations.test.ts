// Every aggregation of the product past 20 groups, through the real functions: CloudBase answers 20 results
// of an aggregate() without a $limit stage (localcloud does the same), so each must ask for what it needs.
// - statistics.figures of an org with 30 child orgs, each with a 金秋助学 and a 夏送清凉 application and a
//   legal-aid case: 93 org × campaign groups (31 for one service);
// - the audience of a campaign's notice: 30 distinct applicants of 35 applications, counted by one aggregation;
// - a page of 26 notices' delivery reports: 52 notice × status groups (each notice sent to one member, refused
//   by WeChat for want of quota for the other).
import type { Figures, FiguresOutput, NoticeDraft } from '../../typings/api';
import { pathFor } from '../../cloudfunctions/_shared/domain/orgTree';
import { useLocalcloud } from '../harness/localcloud';
import { callAs, data, PEOPLE } from './api';
import { approvedMember, requestKey, sdkDb, STUDENT_AID } from './applicationsFixtures';
import { season, today } from './statisticsFixtures';
import templatesFile from '../../cloudbase/subscribe-templates.json';

jest.setTimeout(240_000);

const lc = useLocalcloud({ demo: true });
const { app, legal } = season(lc);

const PARENT = 'org-agg';
const CHILDREN = Array.from({ length: 30 }, (_x, i) => `org-agg-${String(i).padStart(2, '0')}`);
const memberOf = (i: number) => `o-agg-${i}`;
/** a second member of the first child org: the notices' audience is these two */
const SECOND = 'o-agg-second';
const NOTICES = 26;
const NOTICE_TEMPLATE = templatesFile.templates.noticePublished.templateId;

/** `n` at a time, in order. */
async function inBatches<T>(items: T[], n: number, work: (item: T, index: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += n) await Promise.all(items.slice(i, i + n).map((item, j) => work(item, i + j)));
}

beforeAll(async () => {
  const db = sdkDb(lc);
  const now = new Date();
  const parentPath = pathFor(['org-county'], PARENT);
  await db.collection('orgs').doc(PARENT).set({ data: { name: '聚合测试镇总工会', kind: 'town', parentId: 'org-county', path: parentPath, createdAt: now } });
  await inBatches(CHILDREN, 10, async (id, i) => {
    await db.collection('orgs').doc(id).set({ data: { name: `聚合测试工会${i + 1}`, kind: 'grassroots', parentId: PARENT, path: pathFor(parentPath, id), createdAt: now } });
  });
  // one member in each child org, each with an application to both campaigns and a legal-aid case
  await inBatches(CHILDREN, 5, async (orgId, i) => {
    const openid = memberOf(i);
    await approvedMember(lc, openid, 300 + i, true, orgId);
    await app.studentAid(openid);
    await app.summerRelief(openid);
    await legal.open(openid, 1);
  });
  // five of them apply to 金秋助学 again (for another child): still one applicant each
  await inBatches([0, 1, 2, 3, 4], 5, (i) => app.studentAid(memberOf(i)));
  await approvedMember(lc, SECOND, 340, false, CHILDREN[0]);
});

describe('statistics.figures of an org with 30 child orgs', () => {
  type Counts = Omit<Figures, 'service' | 'campaignId' | 'title' | 'sentence'>;
  const ZERO: Counts = { received: 0, approved: 0, declined: 0, withdrawn: 0, pending: 0, peopleReached: 0, approvedFen: 0, paidFen: 0, recoveredFen: 0, recoveredWagesFen: 0 };
  /** each service's row: received and pending as given, nothing decided */
  const rows = (studentAid: number, summerRelief: number, legalAid: number) => [
    expect.objectContaining({ service: 'studentAid', campaignId: null, ...ZERO, received: studentAid, pending: studentAid }),
    expect.objectContaining({ service: 'summerRelief', campaignId: null, ...ZERO, received: summerRelief, pending: summerRelief }),
    expect.objectContaining({ service: 'legalAid', campaignId: null, ...ZERO, received: legalAid, pending: legalAid }),
  ];
  const figures = async (input: Record<string, unknown>): Promise<FiguresOutput> => data(await callAs(lc, PEOPLE.fedOfficer, 'statistics', 'figures', input));
  const [year] = today().split('-').map(Number);

  test('every child counts, and the org counts them all (93 org × campaign groups)', async () => {
    const out = await figures({ orgId: PARENT, period: { year } });
    expect(out.figures).toEqual(rows(35, 30, 30));
    expect(out.children.map((c) => c.orgId)).toEqual(CHILDREN);
    out.children.forEach((c, i) => expect(c.figures).toEqual(rows(i < 5 ? 2 : 1, 1, 1)));
  });

  test('one service: a row per campaign for the org and for each of its 30 children', async () => {
    const out = await figures({ orgId: PARENT, period: { year }, service: 'studentAid' });
    expect(out.figures).toEqual([
      expect.objectContaining({ campaignId: null, received: 35, pending: 35 }),
      expect.objectContaining({ campaignId: STUDENT_AID, received: 35, pending: 35 }),
    ]);
    out.children.forEach((c, i) => expect(c.figures).toEqual([expect.objectContaining({ campaignId: null, received: i < 5 ? 2 : 1 }), expect.objectContaining({ campaignId: STUDENT_AID, received: i < 5 ? 2 : 1 })]));
    const county = await figures({ orgId: 'org-county', period: { year }, campaignId: STUDENT_AID });
    expect(county.children.find((c) => c.orgId === PARENT)!.figures).toEqual([expect.objectContaining({ campaignId: STUDENT_AID, received: 35 })]);
  });

  test('the groups read a page at a time are every group exactly once, in key order', async () => {
    // the counters themselves: the steps' deltas folded into them first
    expect((await fetch(`${lc.url}/__localcloud/timers/statistics/fold/fire`, { method: 'POST' })).ok).toBe(true);
    const db = sdkDb(lc);
    const { allGroups } = await import('../../cloudfunctions/_shared/data/aggregate');
    type Group = { _id: { orgId: string; campaignId: string | null }; received: number };
    const pipeline = () => db.collection('stats').aggregate().match({ orgPath: PARENT }).group({ _id: { orgId: '$orgId', campaignId: '$campaignId' }, received: db.command.aggregate.sum('$received') });
    const order = { '_id.orgId': 1, '_id.campaignId': 1 } as const;
    const paged = await allGroups<Group>(pipeline, order, 7); // 93 groups: 13 full pages and a short one
    const whole = ((await pipeline().sort(order).limit(1000).end()) as { list: Group[] }).list;
    expect(whole).toHaveLength(93);
    expect(paged).toEqual(whole);
    expect(await allGroups<Group>(pipeline, order, 93)).toEqual(whole); // a full last page, then an empty one
  });
});

describe('notices', () => {
  const draft = (more: Partial<NoticeDraft>): NoticeDraft => ({
    title: '聚合测试通知',
    body: '各位会员：请按时参加活动。',
    link: { kind: 'page', page: 'pages/progress/index' },
    audience: { kind: 'org', orgId: CHILDREN[0] },
    pushToAccount: false,
    ...more,
  });

  test("a campaign's audience counts each of its 30 applicants once", async () => {
    const p = data(await callAs(lc, PEOPLE.staff, 'notices', 'preview', { draft: draft({ audience: { kind: 'campaign', campaignId: STUDENT_AID } }) }));
    expect(p.audience).toBe(30);
  });

  test('a page of 26 delivery reports, each with its sent and its refused message', async () => {
    // the first member has quota with us and with WeChat for every notice; the second only with us (WeChat
    // answers 43101, no quota)
    const db = sdkDb(lc);
    const now = new Date();
    await lc.postJson('/__localcloud/openapi/subscriptions', { openid: memberOf(0), templateIds: Array(NOTICES).fill(NOTICE_TEMPLATE) });
    for (const openid of [memberOf(0), SECOND]) {
      await db.collection('subscriptions').doc(`${openid}:noticePublished`).set({ data: { openid, template: 'noticePublished', quota: NOTICES, updatedAt: now } });
    }
    const published: string[] = [];
    for (let i = 0; i < NOTICES; i++) {
      published.push(data(await callAs(lc, PEOPLE.staff, 'notices', 'publish', { requestKey: requestKey(), draft: draft({ title: `聚合测试通知${i + 1}` }) })).notice.noticeId);
    }
    // the drain fans each notice out and sends its two messages, as its timer trigger would, until done
    for (let round = 0; round < 20; round++) {
      const res = await fetch(`${lc.url}/__localcloud/timers/notices/drain/fire`, { method: 'POST' });
      const outcome = data(((await res.json()) as { result: Parameters<typeof data>[0] }).result) as { sent: number; noQuota: number; fannedOut: number };
      if (outcome.sent + outcome.noQuota + outcome.fannedOut === 0) break;
    }
    const page = data(await callAs(lc, PEOPLE.staff, 'notices', 'manageList', { limit: 30 }));
    const reports = new Map(page.items.map((n) => [n.noticeId, n.report]));
    for (const noticeId of published) {
      expect(reports.get(noticeId)).toEqual({ audience: 2, sent: 1, noQuota: 1, failed: 0, unknown: 0, pending: 0, account: { status: 'none' } });
    }
  });
});
