// The benchmark's world (bench/world.ts), small: loaded records are what the functions would have written —
// the report counters reconcile with them to the last field, the counters of waiting work count them, the
// grassroots officer's queue shows them, the
// notice audience counts exactly, and the members handed out can apply, each once.
import { openWorld, type World } from '../../bench/world';
import { callAs, data } from '../functions/api';
import { childId, requestKey, sdkDb, studentAidAnswers } from '../functions/applicationsFixtures';

jest.setTimeout(120_000);

const SIZE = 2_000;
let world: World;

beforeAll(async () => {
  world = await openWorld({ quick: true, sizes: [SIZE], samples: 1, log: () => undefined });
  const growth = await world.grow(SIZE);
  expect(growth).toMatchObject({ applications: SIZE, added: expect.objectContaining({ applications: SIZE, members: SIZE / 2, cases: SIZE / 10 }) });
  expect(growth.added.stats).toBeGreaterThan(0);
});
afterAll(() => world?.dispose());

test('the report counters reconcile with every loaded application and case', async () => {
  const r = data(await callAs(world.lc, world.people.federationOfficer, 'statistics', 'reconcile', { orgId: 'org-county' }));
  expect(r.differences).toEqual([]);
  // the loaded records and the real ones the templates were cloned from
  expect(r.records).toBeGreaterThan(SIZE + SIZE / 10);
  expect(r.counters).toBeGreaterThan(1_000);
});

test('the counters of waiting work count the loaded applications: what waits at the grassroots officer’s desk', async () => {
  const db = sdkDb(world.lc);
  const submitted = (await db.collection('applications').where({ status: 'submitted', applicantOrgPath: 'org-chengguan' }).count()) as { total: number };
  expect(submitted.total).toBeGreaterThan(50);
  // 城关镇's unions have no officer of their own in the world: all of 城关镇 waits for the town's officer
  expect(data(await callAs(world.lc, world.people.grassrootsOfficer, 'reviews', 'counts', {})).grassroots).toBe(submitted.total);
});

test("the grassroots officer's queue of the open 金秋助学 shows loaded applications in their scope", async () => {
  const page = data(await callAs(world.lc, world.people.grassrootsOfficer, 'applications', 'queue', { campaignId: world.campaigns.studentAid, status: 'submitted', limit: 20 }));
  const loaded = page.items.filter((a) => a.applicantName !== '王建国');
  expect(loaded.length).toBeGreaterThan(5);
  for (const a of page.items) expect(a).toMatchObject({ campaignId: world.campaigns.studentAid, status: 'submitted' });
});

test('a notice to the audience org reaches exactly its members', async () => {
  const draft = { title: '教育系统通知', body: '各位会员：请按时参加活动。', link: { kind: 'page', page: 'pages/progress/index' }, audience: { kind: 'org', orgId: world.noticeAudience.orgId }, pushToAccount: false };
  const p = data(await callAs(world.lc, world.people.staff, 'notices', 'preview', { draft }));
  expect(p.audience).toBe(world.noticeAudience.members);
  expect(world.noticeAudience.members).toBe(1_000);
});

test('members handed out are never the same twice, and each can apply', async () => {
  const first = await world.takeMembers(3);
  const second = await world.takeMembers(2);
  const openids = [...first, ...second].map((m) => m.openid);
  expect(new Set(openids).size).toBe(5);
  for (const [i, m] of [...first, ...second].entries()) {
    expect(m.fileId).toContain(`/uploads/${m.openid}/`);
    const answers = studentAidAnswers(childId(800 + i), [m.fileId]);
    const a = data(await callAs(world.lc, m.openid, 'applications', 'submit', { campaignId: world.campaigns.studentAid, requestKey: requestKey(), answers })).application;
    expect(a).toMatchObject({ status: 'submitted', applicantName: m.name });
  }
});
