// Every stage has someone who may act (access/coverage.ts), through the real functions: a generated org tree
// under the demo county with grassroots officers missing at random; a member of every union registers,
// applies and opens a case; what waits is found through reviews.waiting, which names the officers it waits
// for, and exactly those officers act on it — every membership is reviewed, every application recommended
// and approved, every case accepted. Nothing waits for nobody.
import type { WaitingItem, WaitingKind } from '../../typings/api';
import { random } from '../../bench/world/records';
import { pathFor } from '../../cloudfunctions/_shared/domain/orgTree';
import { useLocalcloud } from '../harness/localcloud';
import { callAs, data, idCard, PEOPLE } from './api';
import { requestKey, sdkDb, SUMMER_RELIEF, summerReliefAnswers } from './applicationsFixtures';

const lc = useLocalcloud({ demo: true });
const db = () => sdkDb(lc);

interface Org {
  _id: string;
  path: string[];
}

/** The demo's officers by name, and the generated ones (干部-<org>). */
const OFFICERS = new Map<string, string>([
  ['张伟', PEOPLE.cgOfficer],
  ['吴刚', PEOPLE.spOfficer],
  ['刘芳', PEOPLE.fedOfficer],
]);

const units: Org[] = [];
const members: string[] = [];
let officersPlaced = 0;

beforeAll(async () => {
  const rnd = random(20261201);
  const now = new Date();
  const orgs: (Org & { name: string; kind: string; parentId: string })[] = [];
  for (let t = 0; t < 4; t++) {
    const town = { _id: `org-cov-t${t}`, name: `覆盖测试${t}镇总工会`, kind: 'town', parentId: 'org-county', path: pathFor(['org-county'], `org-cov-t${t}`) };
    orgs.push(town);
    for (let u = 0; u < 2 + Math.floor(rnd() * 3); u++) {
      const unit = { _id: `${town._id}-u${u}`, name: `覆盖测试${t}镇第${u}工会`, kind: 'grassroots', parentId: town._id, path: pathFor(town.path, `${town._id}-u${u}`) };
      orgs.push(unit);
      units.push(unit);
    }
  }
  for (const o of orgs) {
    const { _id, ...rest } = o;
    await db().collection('orgs').doc(_id).set({ data: { ...rest, createdAt: now } });
    if (rnd() < 0.4) {
      const openid = `o-cov-officer-${_id}`;
      OFFICERS.set(`干部-${_id}`, openid);
      officersPlaced += 1;
      await db().collection('roles').doc(`role-${openid}`).set({ data: { openid, memberId: `member-${openid}`, memberName: `干部-${_id}`, role: 'orgOfficer', orgId: _id, orgPath: o.path, grantedBy: 'test', grantedAt: now } });
    }
  }
  let n = 300;
  for (const unit of units) {
    const openid = `o-cov-member-${unit._id}`;
    members.push(openid);
    data(
      await callAs(lc, openid, 'members', 'register', {
        name: '覆盖测试',
        idCard: idCard(`42032219810203${String(n++).padStart(3, '0')}`),
        phone: `1391${String(n).padStart(7, '0')}`,
        workUnit: unit._id,
        orgId: unit._id,
        newEmployment: null,
      }),
    );
  }
  const budget = ((await db().collection('campaigns').doc(SUMMER_RELIEF).get()) as unknown as { data: { reservedFen: number; paidFen: number } }).data;
  await db().collection('campaigns').doc(SUMMER_RELIEF).update({ data: { budgetFen: budget.reservedFen + budget.paidFen + units.length * 10_000 } });
});

/** Everything of `kind` waiting for more than a working day, whose record is one of ours (made waiting long ago). */
async function waitingFor(kind: WaitingKind, ours: (id: string) => boolean): Promise<WaitingItem[]> {
  const items: WaitingItem[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: WaitingItem[]; cursor: string | null } = data(await callAs(lc, PEOPLE.fedOfficer, 'reviews', 'waiting', { kind, workingDays: 1, limit: 50, cursor }));
    items.push(...page.items.filter((i) => ours(i.id)));
    cursor = page.cursor;
  } while (cursor);
  return items;
}

/** The officer an item waits for: its first named one. */
function officerOf(item: WaitingItem): string {
  expect(item.waitingFor).not.toBeNull();
  const openid = OFFICERS.get(item.waitingFor!.names[0]);
  expect({ item: item.title, openid }).toEqual({ item: item.title, openid: expect.any(String) });
  return openid!;
}

const longAgo = () => new Date(Date.now() - 30 * 86_400_000);

test('officers are missing at random, and some unions have none all the way up to the county', () => {
  expect(officersPlaced).toBeGreaterThan(0);
  const unstaffed = units.filter((u) => !u.path.some((id) => [...OFFICERS.values()].includes(`o-cov-officer-${id}`)));
  expect(unstaffed.length).toBeGreaterThan(0);
});

test('every membership is reviewed by the officers it waits for', async () => {
  await db().collection('members').where({ openid: db().command.in(members) }).update({ data: { submittedAt: longAgo() } });
  const registered = ((await db().collection('members').where({ openid: db().command.in(members) }).get()) as unknown as { data: { _id: string }[] }).data.map((m) => m._id);
  const ours = await waitingFor('memberships', (id) => registered.includes(id));
  expect(ours).toHaveLength(units.length);
  for (const item of ours) {
    const { profile } = data(await callAs(lc, officerOf(item), 'members', 'detail', { memberId: item.id }));
    data(await callAs(lc, officerOf(item), 'members', 'review', { memberId: item.id, version: profile.version, decision: 'approve' }));
  }
});

test('every application is recommended by the officers its grassroots stage waits for, and approved by the federation', async () => {
  const ids: string[] = [];
  for (const [i, openid] of members.entries()) {
    ids.push(data(await callAs(lc, openid, 'applications', 'submit', { campaignId: SUMMER_RELIEF, requestKey: requestKey(), answers: summerReliefAnswers(`覆盖测试站点${i}`) })).application.applicationId);
  }
  const age = () => db().collection('applications').where({ _id: db().command.in(ids) }).update({ data: { updatedAt: longAgo() } });
  await age();
  const submitted = await waitingFor('applications', (id) => ids.includes(id));
  expect(submitted).toHaveLength(ids.length);
  // unions with their own officers and unions covered by the federation alike
  const reviewers = new Set(submitted.map(officerOf));
  expect(reviewers.has(PEOPLE.fedOfficer)).toBe(true);
  expect([...reviewers].some((o) => o.startsWith('o-cov-officer-'))).toBe(true);
  for (const item of submitted) {
    const who = officerOf(item);
    const app = data(await callAs(lc, who, 'applications', 'detail', { applicationId: item.id })).application;
    expect(app.actions).toContain('recommend');
    data(await callAs(lc, who, 'applications', 'act', { applicationId: item.id, version: app.version, transition: 'recommend' }));
  }
  await age();
  const recommended = await waitingFor('applications', (id) => ids.includes(id));
  expect(recommended.map((i) => i.stage)).toEqual(ids.map(() => '待总工会审批'));
  for (const item of recommended) {
    const who = officerOf(item);
    const app = data(await callAs(lc, who, 'applications', 'detail', { applicationId: item.id })).application;
    expect(data(await callAs(lc, who, 'applications', 'act', { applicationId: item.id, version: app.version, transition: 'approve', amountFen: 10_000 })).application.status).toBe('approved');
  }
});

test('every case is accepted by the officers it waits for', async () => {
  const ids: string[] = [];
  for (const openid of members) {
    const form = { requestKey: requestKey(), disputeType: 'wages', employerName: `覆盖测试公司${ids.length}`, amountInDisputeFen: 100_000, workersAffected: 1, description: '工资拖欠了三个月没有发放。', evidence: [], contactTime: '随时', priorProceedings: 'none' };
    ids.push(data(await callAs(lc, openid, 'cases', 'open', form)).case.caseId);
  }
  await db().collection('cases').where({ _id: db().command.in(ids) }).update({ data: { progressAt: longAgo() } });
  const waiting = await waitingFor('cases', (id) => ids.includes(id));
  expect(waiting).toHaveLength(ids.length);
  for (const item of waiting) {
    const who = officerOf(item);
    const c = data(await callAs(lc, who, 'cases', 'detail', { caseId: item.id })).case;
    expect(data(await callAs(lc, who, 'cases', 'act', { caseId: item.id, version: c.version, transition: 'accept' })).case.status).toBe('accepted');
  }
});
