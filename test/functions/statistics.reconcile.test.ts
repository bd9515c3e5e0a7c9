// Reconciliation through localcloud: after a busy season — simultaneous submissions, returns and
// resubmissions, withdrawals (one of a returned application), rejections, fifty simultaneous approvals of
// one application (CONFLICTs), simultaneous approvals of many, a batch approval, payments and deliveries,
// cases opened together, accepted twice at once, declined, closed, referred — the counters equal their
// recomputation from the records, at both grains (day and month). A day or a month counter corrupted through
// the SDK is reported exactly; repair fixes it.
import type { ApplicationDetail } from '../../typings/api';
import type { Difference } from '../../typings/api/statistics';
import { useLocalcloud } from '../harness/localcloud';
import { callAs, data, PEOPLE } from './api';
import { approvedMember, sdkDb, STUDENT_AID } from './applicationsFixtures';
import { season } from './statisticsFixtures';

const lc = useLocalcloud({ demo: true });
const { app, legal } = season(lc);

const M1 = PEOPLE.member; // org-cg-sanitation
const M2 = 'o-busy-2'; // org-cg-construction
const M3 = 'o-busy-3'; // org-sp-clinic
const OFFICER: Record<string, string> = { [M1]: PEOPLE.cgOfficer, [M2]: PEOPLE.cgOfficer, [M3]: PEOPLE.spOfficer };

const reconcile = (openid: string, orgId: string, repair?: boolean) =>
  callAs(lc, openid, 'statistics', 'reconcile', { orgId, ...(repair !== undefined && { repair }) });

let records = 0;

beforeAll(async () => {
  await approvedMember(lc, M2, 301, true, 'org-cg-construction');
  await approvedMember(lc, M3, 302, true, 'org-sp-clinic');
  const members = [M1, M2, M3];

  // eighteen submissions in two waves of nine at once, three per member each
  const wave = () => Promise.all(Array.from({ length: 9 }, async (_, i) => [members[i % 3], await app.studentAid(members[i % 3])] as [string, ApplicationDetail]));
  const submitted = [...(await wave()), ...(await wave())];
  const summer = await Promise.all(members.map((m) => app.summerRelief(m)));
  // returns and resubmissions, withdrawals (one returned first), rejections, all at once
  const [r0, r1, w0, w1, j0, ...rest] = submitted;
  await Promise.all([
    app.returnedAndResubmitted(r0[0], r0[1], OFFICER[r0[0]]),
    app.returnedAndResubmitted(r1[0], r1[1], OFFICER[r1[0]]),
    app.act(w0[0], w0[1], 'withdraw'),
    app.act(OFFICER[w1[0]], w1[1], 'return', { comment: '请补充' }).then((a) => app.act(w1[0], a, 'withdraw')),
    app.act(OFFICER[j0[0]], j0[1], 'reject', { comment: '不符合条件' }),
  ]);
  // the rest recommended at once
  const recommended = await Promise.all(rest.map(([m, a]) => app.act(OFFICER[m], a, 'recommend')));
  // fifty simultaneous approvals of one application: one wins, the others get CONFLICT or INVALID_STATE
  const contested = recommended[0];
  const race = await Promise.all(Array.from({ length: 50 }, () => callAs(lc, PEOPLE.fedOfficer, 'applications', 'act', { applicationId: contested.applicationId, version: contested.version, transition: 'approve', amountFen: 300_000 })));
  expect(race.filter((r) => r.ok)).toHaveLength(1);
  expect(race.some((r) => !r.ok && r.error.code === 'CONFLICT')).toBe(true);
  // six approvals of different applications at once, then a batch of the rest but one
  const approved = await Promise.all(recommended.slice(1, 7).map((a) => app.act(PEOPLE.fedOfficer, a, 'approve', { amountFen: 500_000 })));
  const batch = recommended.slice(7, -1);
  const outcome = data(await callAs(lc, PEOPLE.fedOfficer, 'applications', 'batchApprove', { campaignId: STUDENT_AID, items: batch.map((a) => ({ applicationId: a.applicationId, version: a.version, amountFen: 200_000 })) }));
  expect(outcome.results.every((r) => r.ok)).toBe(true);
  await Promise.all(approved.slice(0, 4).map((a) => app.paid(a)));
  // 夏送清凉: delivered twice, rejected
  await app.delivered(await app.approved(summer[0], PEOPLE.cgOfficer, 100_000), 30);
  await app.delivered(await app.approved(summer[1], PEOPLE.cgOfficer, 120_000), 12);
  await app.act(PEOPLE.spOfficer, summer[2], 'reject', { comment: '不符合条件' });

  // cases opened together
  const cases = await Promise.all([1, 12, 3, 40, 2, 5].map((n, i) => legal.open(members[i % 3], n)));
  // two officers accept the same case at once: one wins
  const both = await Promise.all([PEOPLE.cgOfficer, PEOPLE.fedOfficer].map((o) => callAs(lc, o, 'cases', 'act', { caseId: cases[0].caseId, version: cases[0].version, transition: 'accept' })));
  expect(both.filter((r) => r.ok)).toHaveLength(1);
  const accepted0 = both.find((r) => r.ok)!;
  await legal.act(PEOPLE.cgOfficer, data(accepted0).case, 'close', { outcome: 'mediated', recoveredFen: 800_000 });
  const c1 = await legal.act(PEOPLE.cgOfficer, cases[1], 'accept');
  await legal.act(PEOPLE.fedOfficer, c1, 'refer', { toOrgId: 'org-sp-school', comment: '转水坪镇' }); // accepted, then referred
  await legal.act(PEOPLE.spOfficer, cases[2], 'decline', { comment: '不属于劳动争议' });
  const c3 = await legal.act(PEOPLE.fedOfficer, await legal.act(PEOPLE.fedOfficer, cases[5], 'refer', { toOrgId: 'org-cg-couriers', comment: '转城关镇' }), 'accept');
  await legal.act(PEOPLE.cgOfficer, c3, 'close', { outcome: 'litigation', recoveredFen: 1_234_567 }); // referred, accepted, closed
  records = 18 + 3 + 6;
}, 240_000);

test('after the busy season the counters equal their recomputation, for the county and a town', async () => {
  const county = data(await reconcile(PEOPLE.fedOfficer, 'org-county'));
  expect(county.differences).toEqual([]);
  expect(county.records).toBe(records);
  expect(county.counters).toBeGreaterThan(0);
  const town = data(await reconcile(PEOPLE.admin, 'org-chengguan'));
  expect(town.differences).toEqual([]);
  expect(town.records).toBeLessThan(records);
});

test('the counters are kept at both grains: each month counter holds what its days hold', async () => {
  const db = sdkDb(lc);
  type Doc = { _id: string; grain: 'day' | 'month'; day: string; received: number; paidFen: number; pending: number };
  const { data: docs } = (await db.collection('stats').where({ orgId: 'org-county', campaignId: STUDENT_AID }).limit(1000).get()) as unknown as { data: Doc[] };
  const sum = (grain: Doc['grain'], f: 'received' | 'paidFen' | 'pending') => docs.filter((d) => d.grain === grain).reduce((n, d) => n + d[f], 0);
  expect(docs.some((d) => d.grain === 'month') && docs.some((d) => d.grain === 'day')).toBe(true);
  for (const f of ['received', 'paidFen', 'pending'] as const) expect(sum('month', f)).toBe(sum('day', f));
  expect(sum('day', 'received')).toBe(18);
});

test.each(['day', 'month'])('a corrupted %s counter is reported exactly; repair writes the recomputed value', async (grain) => {
  const db = sdkDb(lc);
  const { data: stats } = (await db.collection('stats').where({ orgId: 'org-chengguan', grain, campaignId: STUDENT_AID }).limit(1).get()) as unknown as { data: { _id: string; received: number; paidFen: number }[] };
  const doc = stats[0];
  await db.collection('stats').doc(doc._id).update({ data: { received: doc.received + 5 } });

  const expected: Difference[] = [{ counterId: doc._id, field: 'received', counter: doc.received + 5, recomputed: doc.received }];
  expect(data(await reconcile(PEOPLE.fedOfficer, 'org-county')).differences).toEqual(expected);
  expect(data(await reconcile(PEOPLE.fedOfficer, 'org-chengguan')).differences).toEqual(expected);
  // 水坪镇's subtree does not hold that counter
  expect(data(await reconcile(PEOPLE.fedOfficer, 'org-shuiping')).differences).toEqual([]);

  expect(data(await reconcile(PEOPLE.fedOfficer, 'org-county', true)).differences).toEqual(expected);
  expect(data(await reconcile(PEOPLE.fedOfficer, 'org-county')).differences).toEqual([]);
  const { data: repaired } = (await db.collection('stats').doc(doc._id).get()) as unknown as { data: { received: number } };
  expect(repaired.received).toBe(doc.received);
});

test('a counter missing altogether is reported field by field and restored', async () => {
  const db = sdkDb(lc);
  const { data: stats } = (await db.collection('stats').where({ orgId: 'org-shuiping', service: 'legalAid' }).limit(100).get()) as unknown as { data: ({ _id: string } & Record<string, number>)[] };
  const counted = ['received', 'approved', 'declined', 'withdrawn', 'pending', 'peopleReached', 'approvedFen', 'paidFen', 'recoveredFen'];
  // a shard a referred case left holds only zeros: losing it changes nothing, so take one that counts
  const { _id, ...lost } = stats.find((d) => counted.some((f) => d[f] !== 0))!;
  await db.collection('stats').doc(_id).remove();
  const fields = counted.filter((f) => lost[f] !== 0);
  const expected = fields.map((field) => ({ counterId: _id, field, counter: 0, recomputed: lost[field] }));
  expect(expected.length).toBeGreaterThan(0);
  expect(data(await reconcile(PEOPLE.fedOfficer, 'org-shuiping', true)).differences).toEqual(expected);
  expect(data(await reconcile(PEOPLE.fedOfficer, 'org-county')).differences).toEqual([]);
});

test.each([
  ['a grassroots officer', PEOPLE.cgOfficer, 'org-chengguan'],
  ['a member', PEOPLE.member, 'org-cg-sanitation'],
  ['staff', PEOPLE.staff, 'org-county'],
])('%s may not reconcile', async (_name, openid, orgId) => {
  expect(await reconcile(openid, orgId)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '只有总工会干部和管理员可以核对统计' } });
});
