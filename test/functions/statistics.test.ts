// The report figures of a seeded season through localcloud, against hand-computed expectations: three
// members in three grassroots unions of two towns apply to both demo campaigns (approved and paid or
// delivered, rejected, withdrawn, returned and resubmitted, still pending), and legal-aid cases are opened,
// declined, closed with money recovered (one a group case), referred (转办) to another town and opened on
// someone's behalf. Figures for the county, a town and a grassroots union, for a year, a month and dates
// (across months: edge days from day counters, whole months from month counters), per service and per
// campaign; a fixed number of round trips whatever the data; what a period reads; scope and bad periods.
//
// Every step happens today (functions take the time from the clock): how events of different days count
// is the unit tests' (test/unit/figures.test.ts); here the periods around today count all of them and
// periods before today none.
import type { Figures, FiguresOutput, Period } from '../../typings/api/statistics';
import { useLocalcloud } from '../harness/localcloud';
import { callAs, callCounted, data, PEOPLE, snapshot } from './api';
import { dayjs } from '../../cloudfunctions/_shared/domain/shanghaiTime';
import { periodRuns } from '../../cloudfunctions/_shared/domain/figures';
import { approvedMember, sdkDb, STUDENT_AID, SUMMER_RELIEF } from './applicationsFixtures';
import { season, today } from './statisticsFixtures';

const lc = useLocalcloud({ demo: true });
const { app, legal } = season(lc);

const M1 = PEOPLE.member; // 王建国, org-cg-sanitation (城关镇)
const M2 = 'o-stat-2'; // org-cg-construction (城关镇)
const M3 = 'o-stat-3'; // org-sp-clinic (水坪镇)

const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
// around today, so a run across midnight in Shanghai counts the same steps
const AROUND: Period = { from: dayOf(Date.now() - DAY_MS), to: dayOf(Date.now() + DAY_MS) };
const [YEAR, MONTH] = today().split('-').map(Number);

let titles: Record<string, string> = {};

beforeAll(async () => {
  await approvedMember(lc, M2, 201, true, 'org-cg-construction');
  await approvedMember(lc, M3, 202, true, 'org-sp-clinic');
  const { campaigns } = await snapshot(lc, ['campaigns']);
  titles = Object.fromEntries((campaigns as { _id: string; title: string }[]).map((c) => [c._id, c.title]));

  // 金秋助学 (one child each)
  await app.paid(await app.approved(await app.studentAid(M1), PEOPLE.cgOfficer, 300_000)); // A1 M1 paid 3000元
  await app.approved(await app.studentAid(M1), PEOPLE.cgOfficer, 500_000); // A2 M1 approved 5000元, unpaid
  const a3 = await app.returnedAndResubmitted(M2, await app.studentAid(M2), PEOPLE.cgOfficer);
  await app.paid(await app.approved(a3, PEOPLE.cgOfficer, 200_000)); // A3 M2 returned, resubmitted, paid 2000元
  await app.act(PEOPLE.cgOfficer, await app.studentAid(M2), 'reject', { comment: '不符合条件' }); // A4 M2 rejected
  await app.act(M3, await app.studentAid(M3), 'withdraw'); // A5 M3 withdrawn
  await app.act(PEOPLE.spOfficer, await app.studentAid(M3), 'recommend'); // A6 M3 pending (recommended)
  await app.act(PEOPLE.cgOfficer, await app.studentAid(M1), 'return', { comment: '请补充材料' }); // A7 M1 pending (returned)

  // 夏送清凉
  await app.delivered(await app.approved(await app.summerRelief(M1), PEOPLE.cgOfficer, 100_000), 40); // S1 M1 40 people
  await app.delivered(await app.approved(await app.summerRelief(M3), PEOPLE.spOfficer, 150_000), 25); // S2 M3 25 people
  await app.act(PEOPLE.fedOfficer, await app.act(PEOPLE.cgOfficer, await app.summerRelief(M2), 'recommend'), 'reject', { comment: '已安排其他慰问' }); // S3 M2

  // 法律援助
  const c1 = await legal.act(PEOPLE.cgOfficer, await legal.open(M1, 3), 'accept');
  await legal.act(PEOPLE.cgOfficer, c1, 'close', { outcome: 'mediated', recoveredFen: 3_500_000 }); // C1 3 workers, 35000元
  const c2 = await legal.act(PEOPLE.cgOfficer, await legal.open(M2, 12), 'accept');
  await legal.act(PEOPLE.cgOfficer, c2, 'close', { outcome: 'litigation', recoveredFen: 120_050 }); // C2 a group of 12, 1200.50元
  await legal.act(PEOPLE.cgOfficer, await legal.open(M1, 1), 'decline', { comment: '不属于劳动争议' }); // C3 declined
  await legal.open(M3, 40); // C4 open
  const c5 = await legal.act(PEOPLE.cgOfficer, await legal.open(M2, 5), 'accept');
  await legal.act(PEOPLE.fedOfficer, c5, 'refer', { toOrgId: 'org-sp-school', comment: '由水坪镇办理' }); // C5 now 水坪镇中心学校, unaccepted
  const c6 = await legal.act(PEOPLE.spOfficer, await legal.open(PEOPLE.spOfficer, 2, 'org-sp-clinic'), 'accept');
  await legal.act(PEOPLE.spOfficer, c6, 'close', { outcome: 'other', recoveredFen: 0 }); // C6 on behalf, 2 workers
}, 180_000);

type Counts = Omit<Figures, 'service' | 'campaignId' | 'title' | 'sentence'>;
const ZERO: Counts = { received: 0, approved: 0, declined: 0, withdrawn: 0, pending: 0, peopleReached: 0, approvedFen: 0, paidFen: 0, recoveredFen: 0, recoveredWagesFen: 0 };
const studentAid = (c: Partial<Counts>, sentence: string, campaignId: string | null = null): Figures => ({
  service: 'studentAid', campaignId, title: campaignId ? titles[campaignId] : '金秋助学', ...ZERO, ...c, sentence,
});
const summerRelief = (c: Partial<Counts>, sentence: string): Figures => ({ service: 'summerRelief', campaignId: null, title: '夏送清凉', ...ZERO, ...c, sentence });
/** every case here is about wage arrears (欠薪): all that was recovered is wages */
const legalAid = (c: Partial<Counts>, sentence: string): Figures => ({ service: 'legalAid', campaignId: null, title: '法律援助', ...ZERO, ...c, recoveredWagesFen: c.recoveredFen ?? 0, sentence });

// ——— hand-computed ———
// 金秋助学: received A1–A7 = 7 (环卫所 A1 A2 A7, 建筑公司 A3 A4, 卫生院 A5 A6); approved A1 A2 A3 = 3,
// 3000 + 5000 + 2000 = 10000元 approved; paid A1 + A3 = 5000元, one child each counted when paid (环卫所 A1
// 3000, 建筑公司 A3 2000; A2 approved but unpaid reaches nobody yet); declined A4; withdrawn A5; pending A6 A7
// (A3's return and resubmission is no new receipt).
// 夏送清凉: received S1 (环卫所) S2 (卫生院) S3 (建筑公司); approved and delivered S1 1000元 to 40 people and
// S2 1500元 to 25; declined S3.
// 法律援助: received C1 C3 (环卫所) C2 (建筑公司) C4 C6 (卫生院) C5 (moved by 转办 to 中心学校) = 6; accepted
// and in force C1 C2 C6 (C5's acceptance went with the referral); declined C3; open C4 C5; helped 3 + 12 + 2
// = 17 (城关镇 15, 水坪镇 2), wage arrears recovered 35000 + 1200.50 + 0 = 36200.50元 = 3.62万元.
// Every service with counters in the period has a row (by its label), legal aid always.
const NO_RECOVERY = '挽回经济损失 0 万元';
const COUNTY_ROWS = [
  studentAid({ received: 7, approved: 3, declined: 1, withdrawn: 1, pending: 2, peopleReached: 2, approvedFen: 1_000_000, paidFen: 500_000 }, '金秋助学：资助困难职工子女 2 人次，发放助学金 0.5 万元'),
  summerRelief({ received: 3, approved: 2, declined: 1, peopleReached: 65, approvedFen: 250_000, paidFen: 250_000 }, '夏送清凉：慰问职工 65 人次，发放清凉物资 0.25 万元'),
  legalAid({ received: 6, approved: 3, declined: 1, pending: 2, peopleReached: 17, recoveredFen: 3_620_050 }, '法律援助：办理案件 3 件次，帮助职工 17 人次，追讨欠薪 3.62 万元'),
];
const CHENGGUAN_ROWS = [
  studentAid({ received: 5, approved: 3, declined: 1, pending: 1, peopleReached: 2, approvedFen: 1_000_000, paidFen: 500_000 }, '金秋助学：资助困难职工子女 2 人次，发放助学金 0.5 万元'),
  summerRelief({ received: 2, approved: 1, declined: 1, peopleReached: 40, approvedFen: 100_000, paidFen: 100_000 }, '夏送清凉：慰问职工 40 人次，发放清凉物资 0.1 万元'),
  legalAid({ received: 3, approved: 2, declined: 1, peopleReached: 15, recoveredFen: 3_620_050 }, '法律援助：办理案件 2 件次，帮助职工 15 人次，追讨欠薪 3.62 万元'),
];
const SHUIPING_ROWS = [
  studentAid({ received: 2, withdrawn: 1, pending: 1 }, '金秋助学：资助困难职工子女 0 人次，发放助学金 0 万元'),
  summerRelief({ received: 1, approved: 1, peopleReached: 25, approvedFen: 150_000, paidFen: 150_000 }, '夏送清凉：慰问职工 25 人次，发放清凉物资 0.15 万元'),
  legalAid({ received: 3, approved: 1, pending: 2, peopleReached: 2 }, `法律援助：办理案件 1 件次，帮助职工 2 人次，${NO_RECOVERY}`),
];
const SANITATION_ROWS = [
  studentAid({ received: 3, approved: 2, pending: 1, peopleReached: 1, approvedFen: 800_000, paidFen: 300_000 }, '金秋助学：资助困难职工子女 1 人次，发放助学金 0.3 万元'),
  summerRelief({ received: 1, approved: 1, peopleReached: 40, approvedFen: 100_000, paidFen: 100_000 }, '夏送清凉：慰问职工 40 人次，发放清凉物资 0.1 万元'),
  legalAid({ received: 2, approved: 1, declined: 1, peopleReached: 3, recoveredFen: 3_500_000 }, '法律援助：办理案件 1 件次，帮助职工 3 人次，追讨欠薪 3.5 万元'),
];
const CONSTRUCTION_ROWS = [
  studentAid({ received: 2, approved: 1, declined: 1, peopleReached: 1, approvedFen: 200_000, paidFen: 200_000 }, '金秋助学：资助困难职工子女 1 人次，发放助学金 0.2 万元'),
  summerRelief({ received: 1, declined: 1 }, '夏送清凉：慰问职工 0 人次，发放清凉物资 0 万元'),
  legalAid({ received: 1, approved: 1, peopleReached: 12, recoveredFen: 120_050 }, '法律援助：办理案件 1 件次，帮助职工 12 人次，追讨欠薪 0.12 万元'),
];
/** an org or a period without any activity: legal aid's row alone */
const NOTHING = [legalAid({}, `法律援助：办理案件 0 件次，帮助职工 0 人次，${NO_RECOVERY}`)];
const NO_STUDENT_AID = studentAid({}, '金秋助学：资助困难职工子女 0 人次，发放助学金 0 万元');

const figures = async (openid: string, input: Record<string, unknown>) => data(await callAs(lc, openid, 'statistics', 'figures', input));
const byOrg = (out: FiguresOutput) => Object.fromEntries(out.children.map((c) => [c.orgId, c.figures]));

describe('the county, a town and a grassroots union', () => {
  test('the county: its figures and its children', async () => {
    const out = await figures(PEOPLE.fedOfficer, { orgId: 'org-county', period: AROUND });
    expect(out).toMatchObject({ orgId: 'org-county', orgName: '示范县总工会', from: AROUND.from, to: AROUND.to });
    expect(out.figures).toEqual(COUNTY_ROWS);
    expect(out.children.map((c) => [c.orgId, c.orgName])).toEqual([
      ['org-chengguan', '城关镇总工会'], ['org-park', '县工业园区工会联合会'], ['org-shuiping', '水坪镇总工会'], ['org-transport', '县交通运输行业工会'],
    ]);
    expect(byOrg(out)).toEqual({ 'org-chengguan': CHENGGUAN_ROWS, 'org-shuiping': SHUIPING_ROWS, 'org-park': NOTHING, 'org-transport': NOTHING });
  });

  test('a town (城关镇, its grassroots officer) with the drill-down to its unions', async () => {
    const out = await figures(PEOPLE.cgOfficer, { orgId: 'org-chengguan', period: AROUND });
    expect(out.figures).toEqual(CHENGGUAN_ROWS);
    expect(byOrg(out)).toEqual({ 'org-cg-sanitation': SANITATION_ROWS, 'org-cg-construction': CONSTRUCTION_ROWS, 'org-cg-couriers': NOTHING });
    expect((await figures(PEOPLE.spOfficer, { orgId: 'org-shuiping', period: AROUND })).figures).toEqual(SHUIPING_ROWS);
  });

  test('a grassroots union, which has no children', async () => {
    const out = await figures(PEOPLE.cgOfficer, { orgId: 'org-cg-sanitation', period: AROUND });
    expect(out).toEqual({ orgId: 'org-cg-sanitation', orgName: '城关镇环卫所工会', from: AROUND.from, to: AROUND.to, figures: SANITATION_ROWS, children: [] });
    // the case referred to 中心学校 counts there, received and pending
    const school = await figures(PEOPLE.spOfficer, { orgId: 'org-sp-school', period: AROUND, service: 'legalAid' });
    expect(school.figures).toEqual([legalAid({ received: 1, pending: 1 }, `法律援助：办理案件 0 件次，帮助职工 0 人次，${NO_RECOVERY}`)]);
  });
});

describe('periods, services and campaigns', () => {
  test('this year, this month and this quarter count the same as the days around today', async () => {
    const quarter = Math.ceil(MONTH / 3);
    for (const period of [{ year: YEAR }, { year: YEAR, month: MONTH }, { year: YEAR, quarter }]) {
      expect((await figures(PEOPLE.fedOfficer, { orgId: 'org-county', period })).figures).toEqual(COUNTY_ROWS);
    }
    const month = await figures(PEOPLE.fedOfficer, { orgId: 'org-county', period: { year: 2024, month: 2 } });
    expect(month).toMatchObject({ from: '2024-02-01', to: '2024-02-29', figures: NOTHING });
  });

  test('periods across months count the same wherever today falls: in an edge day or in a whole month', async () => {
    // today in a whole month (the 15th of last month … the end of this one), in the days after the whole
    // months (the 15th two months back … tomorrow), in the days before them (today … the 10th in two months)
    const t = dayjs.utc(today());
    const fmt = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD');
    const periods = [
      { from: fmt(t.subtract(1, 'month').date(15)), to: fmt(t.endOf('month')) },
      { from: fmt(t.subtract(2, 'month').date(15)), to: fmt(t.add(1, 'day')) },
      { from: fmt(t), to: fmt(t.add(2, 'month').date(10)) },
    ];
    expect(periods.map((p) => periodRuns(p.from, p.to).map((r) => r.grain))).toEqual([
      ['day', 'month'],
      ['day', 'month', 'day'],
      ['day', 'month', 'day'],
    ]);
    for (const period of periods) {
      const out = await figures(PEOPLE.fedOfficer, { orgId: 'org-county', period });
      expect(out.figures).toEqual(COUNTY_ROWS);
      expect(byOrg(out)).toEqual({ 'org-chengguan': CHENGGUAN_ROWS, 'org-shuiping': SHUIPING_ROWS, 'org-park': NOTHING, 'org-transport': NOTHING });
      expect((await figures(PEOPLE.cgOfficer, { orgId: 'org-chengguan', period, campaignId: SUMMER_RELIEF })).figures.map((f) => f.peopleReached)).toEqual([40]);
    }
  });

  test('periods before today count nothing', async () => {
    expect((await figures(PEOPLE.fedOfficer, { orgId: 'org-county', period: { year: YEAR - 1 } })).figures).toEqual(NOTHING);
    const before = { from: dayOf(Date.now() - 40 * DAY_MS), to: dayOf(Date.now() - 2 * DAY_MS) };
    expect((await figures(PEOPLE.fedOfficer, { orgId: 'org-county', period: before })).figures).toEqual(NOTHING);
  });

  test('one service: its total, then one row per campaign', async () => {
    const out = await figures(PEOPLE.fedOfficer, { orgId: 'org-county', period: AROUND, service: 'studentAid' });
    const campaignRow = { ...COUNTY_ROWS[0], campaignId: STUDENT_AID, title: titles[STUDENT_AID], sentence: `${titles[STUDENT_AID]}：资助困难职工子女 2 人次，发放助学金 0.5 万元` };
    expect(out.figures).toEqual([COUNTY_ROWS[0], campaignRow]);
    // a service without activity is named and phrased by its kind
    expect(byOrg(out)['org-park']).toEqual([NO_STUDENT_AID]);
    expect(await callAs(lc, PEOPLE.fedOfficer, 'statistics', 'figures', { orgId: 'org-county', period: AROUND, service: 'noSuchKind' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: { service: '没有这个服务项目' } } });
    expect((await figures(PEOPLE.fedOfficer, { orgId: 'org-county', period: AROUND, service: 'legalAid' })).figures).toEqual([COUNTY_ROWS[2]]);
  });

  test('one campaign', async () => {
    const out = await figures(PEOPLE.cgOfficer, { orgId: 'org-chengguan', period: AROUND, campaignId: SUMMER_RELIEF });
    expect(out.figures).toEqual([{ ...CHENGGUAN_ROWS[1], campaignId: SUMMER_RELIEF, title: titles[SUMMER_RELIEF], sentence: `${titles[SUMMER_RELIEF]}：慰问职工 40 人次，发放清凉物资 0.1 万元` }]);
    expect(byOrg(out)['org-cg-construction']).toEqual([{ ...CONSTRUCTION_ROWS[1], campaignId: SUMMER_RELIEF, title: titles[SUMMER_RELIEF], sentence: `${titles[SUMMER_RELIEF]}：慰问职工 0 人次，发放清凉物资 0 万元` }]);
  });
});

describe('cost: one aggregation per run of the period, whatever the number of records', () => {
  async function cost(input: Record<string, unknown>) {
    const { result, invocationId } = await callCounted(lc, PEOPLE.fedOfficer, 'statistics', 'figures', input);
    data(result);
    const { total, unindexedQueries } = await lc.cost(invocationId);
    return { total, unindexedQueries };
  }

  test('five round trips (six for a service or a campaign), all on declared indexes, before and after twenty more applications', async () => {
    const measure = async () => [
      await cost({ orgId: 'org-county', period: { year: YEAR } }),
      await cost({ orgId: 'org-chengguan', period: AROUND, service: 'studentAid' }),
      await cost({ orgId: 'org-county', period: AROUND, campaignId: STUDENT_AID }),
    ];
    const few = await measure();
    for (let i = 0; i < 4; i++) await Promise.all([M1, M2, M3, M1, M2].map((m) => app.studentAid(m)));
    const many = await measure();
    expect(many).toEqual(few);
    // actor (member, roles), the org, its children, [the service's kind | the campaign,] the fold's state
    // before and after, the aggregation of the counters (a year: its months; the days around today: those
    // days) beside the deltas not yet folded (one page: a minute's steps)
    expect(few).toEqual([{ total: 8, unindexedQueries: 0 }, { total: 9, unindexedQueries: 0 }, { total: 9, unindexedQueries: 0 }]);
    expect((await figures(PEOPLE.fedOfficer, { orgId: 'org-county', period: AROUND })).figures[0]).toMatchObject({ received: 27, pending: 22 });
  }, 180_000);
});

describe('what a period reads: month counters for whole months, day counters for the days around them', () => {
  const examined = async (period: Period) => {
    const { result, invocationId } = await callCounted(lc, PEOPLE.fedOfficer, 'statistics', 'figures', { orgId: 'org-county', period });
    data(result);
    return lc.cost(invocationId);
  };

  test('a year reads no day counter: more days of activity cost it nothing, a period of days reads them', async () => {
    // twenty more day counters of the county in January (all zeros: they change no figure)
    const days = Array.from({ length: 20 }, (_, i) => `${YEAR}-01-${String(i + 3).padStart(2, '0')}`);
    const january: Period = { from: `${YEAR}-01-02`, to: `${YEAR}-01-30` };
    const [yearBefore, januaryBefore] = [await examined({ year: YEAR }), await examined(january)];
    const db = sdkDb(lc);
    for (const day of days) {
      await db.collection('stats').doc(`test-quiet-day|${day}`).set({
        data: { service: 'studentAid', campaignId: STUDENT_AID, title: titles[STUDENT_AID], orgId: 'org-county', orgPath: ['org-county'], grain: 'day', day, ...ZERO },
      });
    }
    const [yearAfter, januaryAfter] = [await examined({ year: YEAR }), await examined(january)];
    expect(yearAfter).toMatchObject({ docsExamined: yearBefore.docsExamined, unindexedQueries: 0, total: 8 });
    expect(januaryAfter).toMatchObject({ docsExamined: januaryBefore.docsExamined + days.length, unindexedQueries: 0, total: 8 });
  });

  test('edge days and whole months: one aggregation each, issued together, all on indexes', async () => {
    // actor (member, roles), the org, its children, the fold's state twice, the unfolded deltas, then days
    // 03-15 … 03-31, April, days 05-01 … 05-10
    expect(await examined({ from: `${YEAR - 1}-03-15`, to: `${YEAR - 1}-05-10` })).toMatchObject({ total: 10, unindexedQueries: 0 });
    expect(await examined({ from: `${YEAR - 1}-03-15`, to: `${YEAR - 1}-04-30` })).toMatchObject({ total: 9, unindexedQueries: 0 });
  });
});

describe('who may read which figures; bad periods', () => {
  test.each([
    ['a member', PEOPLE.member, 'org-cg-sanitation'],
    ['a lawyer', PEOPLE.lawyer, 'org-county'],
    ['staff', PEOPLE.staff, 'org-county'],
    ['an admin (no officer role)', PEOPLE.admin, 'org-county'],
    ['a town officer above their town', PEOPLE.cgOfficer, 'org-county'],
    ['a town officer in another town', PEOPLE.spOfficer, 'org-cg-sanitation'],
  ])('%s is refused', async (_name, openid, orgId) => {
    expect(await callAs(lc, openid, 'statistics', 'figures', { orgId, period: AROUND })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '您无权查看这个组织的统计' } });
  });

  test('an unknown org or campaign is NOT_FOUND', async () => {
    expect(await callAs(lc, PEOPLE.fedOfficer, 'statistics', 'figures', { orgId: 'org-nope', period: AROUND })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: '没有找到该组织' } });
    expect(await callAs(lc, PEOPLE.fedOfficer, 'statistics', 'figures', { orgId: 'org-county', period: AROUND, campaignId: 'campaign-nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: '没有找到该活动' } });
  });

  test.each([
    [{ from: '2026-03-10', to: '2026-03-09' }, 'period.to', '结束日期不能早于开始日期'],
    [{ from: '2026-02-30', to: '2026-03-09' }, 'period.from', '开始日期不对'],
    [{ from: '2025-01-01', to: '2026-01-02' }, 'period.to', '统计期间最长366天'],
  ])('the period %j is refused at %s', async (period, field, message) => {
    const r = await callAs(lc, PEOPLE.fedOfficer, 'statistics', 'figures', { orgId: 'org-county', period });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', message, fields: { [field]: message } } });
  });

  test.each([
    [{ year: 2026, month: 13 }, 'period.month', '月份应为1到12'],
    [{ year: 2026, quarter: 5 }, 'period.quarter', '季度应为1到4'],
    [{ year: 1999 }, 'period.year', '年份不对'],
    [{ month: 3 }, 'period', '请选择统计期间：年、季度、月或起止日期'],
  ])('the period %j is refused at the boundary, at %s', async (period, field, message) => {
    const r = await callAs(lc, PEOPLE.fedOfficer, 'statistics', 'figures', { orgId: 'org-county', period });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: { [field]: message } } });
  });
});
