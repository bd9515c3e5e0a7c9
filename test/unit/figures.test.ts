// The counter change of every application and case transition, the recomputation, report periods and the
// report sentences.
import { dayjs } from '../../cloudfunctions/_shared/domain/shanghaiTime';
import {
  addSums,
  applyChange,
  COUNTER_FIELDS,
  counterChanges,
  formatWan,
  figuresRows,
  periodRuns,
  recomputeCounters,
  reportSentence,
  resolvePeriod,
  zeroCounts,
  type CampaignSum,
  type CountedApplication,
  type CountedCase,
  type CounterChange,
  type CounterDoc,
  type Counts,
} from '../../cloudfunctions/_shared/domain/figures';

const COUNTY = 'org-county';
const TOWN = 'org-chengguan';
const UNIT = 'org-cg-sanitation';
const PATH = [COUNTY, TOWN, UNIT];
const OTHER_PATH = [COUNTY, 'org-shuiping'];

// Instants in UTC; Shanghai is UTC+8, so 16:30Z is already the next day there.
const JUN30 = new Date('2026-06-30T02:00:00Z'); // 2026-06-30 in Shanghai
const JUL01 = new Date('2026-06-30T16:30:00Z'); // 2026-07-01 00:30 in Shanghai
const JUL02 = new Date('2026-07-02T03:00:00Z');

const STUDENT_SENTENCE = '{title}：资助困难职工子女 {people} 人次，发放助学金 {wan} 万元';
const TERMS: Record<string, CountedApplication['terms']> = {
  studentAid: { kindLabel: '金秋助学', sentence: STUDENT_SENTENCE, people: 1, declared: null, capFen: null },
  summerRelief: { kindLabel: '夏送清凉', sentence: '{title}：慰问职工 {people} 人次，发放清凉物资 {wan} 万元', people: null, declared: 40, capFen: null },
  /** counted per household person: the household of 3 its form declared */
  festivalCare: { kindLabel: '两节慰问', sentence: '{title}：慰问困难职工家庭成员 {people} 人次，发放 {wan} 万元', people: 3, declared: 3, capFen: null },
};

function application(kind: 'studentAid' | 'summerRelief' | 'festivalCare' = 'studentAid'): CountedApplication {
  return {
    _id: 'app-1', status: 'submitted', campaignId: 'c1', campaignKind: kind, campaignTitle: '2026年金秋助学', terms: TERMS[kind], applicantOrgPath: PATH,
    amountFen: null, delivery: null, createdAt: JUN30,
    history: [{ at: JUN30, by: 'm', action: 'submit', from: 'submitted', to: 'submitted', comment: null }],
  };
}

function legalCase(): CountedCase {
  return {
    _id: 'case-1', status: 'submitted', orgPath: PATH, disputeType: 'wages', workersAffected: 12, recoveredFen: null, createdAt: JUN30,
    history: [{ at: JUN30, by: 'm', action: 'open', from: 'submitted', to: 'submitted', comment: null, part: 'member' }],
  };
}

/** The record after `action` at `at`, as the machine leaves it. */
function took<R extends CountedApplication | CountedCase>(r: R, action: string, to: R['status'], at: Date, patch: Partial<R> = {}): R {
  return { ...r, ...patch, status: to, history: [...r.history, { at, by: 'x', action, from: r.status, to, comment: null, part: 'grassroots' }] } as R;
}

const app = (before: CountedApplication | null, after: CountedApplication) =>
  table(counterChanges([{ before: before && { collection: 'applications', record: before }, after: { collection: 'applications', record: after } }]));
const kase = (before: CountedCase | null, after: CountedCase) =>
  table(counterChanges([{ before: before && { collection: 'cases', record: before }, after: { collection: 'cases', record: after } }]));

/** The month counters' changes that day counters' changes add up to (fields summed to zero dropped). */
function monthsOf(dayChanges: CounterChange[]): Record<string, Partial<Counts>> {
  const out: Record<string, Partial<Counts>> = {};
  for (const c of dayChanges) {
    const id = `${c.key.campaignId ?? 'legalAid'}|${c.key.orgId}|${c.key.day.slice(0, 7)}`;
    const add = (out[id] ??= {});
    for (const [f, n] of Object.entries(c.add) as [keyof Counts, number][]) add[f] = (add[f] ?? 0) + n;
  }
  for (const [id, add] of Object.entries(out)) {
    for (const [f, n] of Object.entries(add)) if (n === 0) delete add[f as keyof Counts];
    if (!Object.keys(add).length) delete out[id];
  }
  return out;
}

/** The day counters' changes as `campaign|org|day → fields added` (their document ids), for literal
 *  expectations, after checking that each month counter changes by what its days' counters do. */
function table(changes: CounterChange[]): Record<string, Partial<Counts>> {
  const days = changes.filter((c) => c.key.grain === 'day');
  const months = changes.filter((c) => c.key.grain === 'month');
  expect(Object.fromEntries(months.map((c) => [c.key._id, c.add]))).toEqual(monthsOf(days));
  expect(months.every((c) => c.key.day.endsWith('-01'))).toBe(true);
  return Object.fromEntries(days.map((c) => [`${c.key.campaignId ?? 'legalAid'}|${c.key.orgId}|${c.key.day}`, c.add]));
}

/** The same change for each org of `path` on `day` of `scope`. */
function onPath(scope: string, path: string[], day: string, add: Partial<Counts>): Record<string, Partial<Counts>> {
  return Object.fromEntries(path.map((o) => [`${scope}|${o}|${day}`, add]));
}

describe('applications: the change of each step', () => {
  const submitted = application();
  const recommended = took(submitted, 'recommend', 'recommended', JUL01);
  const approved = took(recommended, 'approve', 'approved', JUL01, { amountFen: 300_000 });

  test('submit: received and pending on the day received, for every org on the path', () => {
    expect(app(null, submitted)).toEqual(onPath('c1', PATH, '2026-06-30', { received: 1, pending: 1 }));
  });

  test("a record's counters are one document per campaign, org and day or month, named by them", () => {
    const changes = counterChanges([{ before: null, after: { collection: 'applications', record: submitted } }]);
    expect(changes.map((c) => c.key._id).sort()).toEqual(PATH.flatMap((o) => [`c1|${o}|2026-06-30`, `c1|${o}|2026-06`]).sort());
  });

  test('recommend, return and resubmit change nothing (a resubmission is no new receipt)', () => {
    expect(app(submitted, recommended)).toEqual({});
    const returned = took(recommended, 'return', 'returned', JUL01);
    expect(app(recommended, returned)).toEqual({});
    expect(app(returned, took(returned, 'resubmit', 'submitted', JUL02))).toEqual({});
  });

  test('approve: approved and the amount on the approval day, nobody reached yet; pending leaves the day received', () => {
    expect(app(recommended, approved)).toEqual({
      ...onPath('c1', PATH, '2026-06-30', { pending: -1 }),
      ...onPath('c1', PATH, '2026-07-01', { approved: 1, approvedFen: 300_000 }),
    });
  });

  test('pay (金秋助学, counted per application): the amount paid and one child on the pay day', () => {
    expect(app(approved, took(approved, 'pay', 'paid', JUL02))).toEqual(onPath('c1', PATH, '2026-07-02', { paidFen: 300_000, peopleReached: 1 }));
  });

  test('a kind counted per household person counts the people its form declared, however it was settled', () => {
    const household = took(took(application('festivalCare'), 'recommend', 'recommended', JUN30), 'approve', 'approved', JUN30, { amountFen: 80_000 });
    expect(app(household, took(household, 'pay', 'paid', JUL02))).toEqual(onPath('c1', PATH, '2026-07-02', { paidFen: 80_000, peopleReached: 3 }));
    expect(app(household, took(household, 'deliver', 'delivered', JUL02, { delivery: { headcount: 2, photos: [], deliveredOn: '2026-07-02' } }))).toEqual(
      onPath('c1', PATH, '2026-07-02', { paidFen: 80_000, peopleReached: 3 }),
    );
  });

  test('attend (a place taken): the place’s cost and one person on the day attended', () => {
    const placed = took(recommended, 'approve', 'approved', JUL01, { amountFen: 200_000 });
    expect(app(placed, took(placed, 'attend', 'attended', JUL02))).toEqual(onPath('c1', PATH, '2026-07-02', { paidFen: 200_000, peopleReached: 1 }));
  });

  test('approve and deliver (夏送清凉, counted by delivery): the headcount and the amount on the delivery day', () => {
    const relief = took(took(application('summerRelief'), 'recommend', 'recommended', JUN30), 'approve', 'approved', JUN30, { amountFen: 50_000 });
    expect(app(took(application('summerRelief'), 'recommend', 'recommended', JUN30), relief)).toEqual(
      onPath('c1', PATH, '2026-06-30', { pending: -1, approved: 1, approvedFen: 50_000 }),
    );
    const delivered = took(relief, 'deliver', 'delivered', JUL02, { delivery: { headcount: 40, photos: [], deliveredOn: '2026-07-02' } });
    expect(app(relief, delivered)).toEqual(onPath('c1', PATH, '2026-07-02', { paidFen: 50_000, peopleReached: 40 }));
  });

  test('reject: declined on its day, pending leaves the day received', () => {
    expect(app(recommended, took(recommended, 'reject', 'rejected', JUL02))).toEqual({
      ...onPath('c1', PATH, '2026-06-30', { pending: -1 }),
      ...onPath('c1', PATH, '2026-07-02', { declined: 1 }),
    });
  });

  test('withdraw (also once returned): withdrawn on its day, pending leaves the day received', () => {
    const returned = took(submitted, 'return', 'returned', JUN30);
    expect(app(returned, took(returned, 'withdraw', 'withdrawn', JUN30))).toEqual(onPath('c1', PATH, '2026-06-30', { pending: -1, withdrawn: 1 }));
  });

  test('cancel (撤销批准): the approval and its amount leave the approval day', () => {
    expect(app(approved, took(approved, 'cancel', 'cancelled', JUL02))).toEqual(onPath('c1', PATH, '2026-07-01', { approved: -1, approvedFen: -300_000 }));
  });

  test('a 公示 objection upheld: returned, the approval leaves its day and it waits again; rejected, declined on its day', () => {
    const listed = { ...approved, publicity: { publicityId: 'p1', endsAt: JUL02 }, openObjections: 1 };
    expect(app(listed, took(listed, 'objectionReturn', 'returned', JUL02, { amountFen: null }))).toEqual({
      ...onPath('c1', PATH, '2026-06-30', { pending: 1 }),
      ...onPath('c1', PATH, '2026-07-01', { approved: -1, approvedFen: -300_000 }),
    });
    expect(app(listed, took(listed, 'objectionReject', 'rejected', JUL02, { amountFen: null }))).toEqual({
      ...onPath('c1', PATH, '2026-07-01', { approved: -1, approvedFen: -300_000 }),
      ...onPath('c1', PATH, '2026-07-02', { declined: 1 }),
    });
  });

  test('refund: the amount leaves 万元 on the day it is recorded; a refund that makes it whole takes back the 人次 that day', () => {
    const paid = took(approved, 'pay', 'paid', JUL01);
    const part = took(paid, 'refund', 'paid', JUL02, { refunds: [{ amountFen: 100_000, refundedOn: '2026-07-02', reference: 'T1', reason: '多发', at: JUL02 }] });
    expect(app(paid, part)).toEqual(onPath('c1', PATH, '2026-07-02', { paidFen: -100_000 }));
    const whole = took(part, 'refund', 'paid', JUL02, { refunds: [...part.refunds!, { amountFen: 200_000, refundedOn: '2026-07-02', reference: 'T2', reason: '退学', at: JUL02 }] });
    expect(app(part, whole)).toEqual(onPath('c1', PATH, '2026-07-02', { paidFen: -200_000, peopleReached: -1 }));
    // what the records add up to: nothing paid and nobody reached, over the two days
    const sum = recomputeCounters([{ collection: 'applications', record: whole }]).filter((d) => d.grain === 'month' && d.orgId === UNIT && d.day === '2026-07-01');
    expect(sum.map((d) => [d.paidFen, d.peopleReached])).toEqual([[0, 0]]);
  });

  test('a batch of steps sums per counter document', () => {
    // another application in another town
    const elsewhere = (r: CountedApplication): CountedApplication => ({ ...r, _id: 'app-x1', applicantOrgPath: OTHER_PATH });
    const changes = counterChanges([
      { before: { collection: 'applications', record: recommended }, after: { collection: 'applications', record: approved } },
      { before: { collection: 'applications', record: elsewhere(recommended) }, after: { collection: 'applications', record: elsewhere(approved) } },
    ]);
    const byId = Object.fromEntries(changes.map((c) => [c.key._id, c.add]));
    expect(byId['c1|org-county|2026-07-01']).toEqual({ approved: 2, approvedFen: 600_000 });
    expect(byId['c1|org-county|2026-06-30']).toEqual({ pending: -2 });
    expect(byId['c1|org-shuiping|2026-07-01']).toEqual({ approved: 1, approvedFen: 300_000 });
    expect(byId['c1|org-county|2026-07']).toEqual({ approved: 2, approvedFen: 600_000 });
    expect(byId['c1|org-county|2026-06']).toEqual({ pending: -2 });
    expect(changes).toHaveLength(16); // county, town, unit, 水坪 on each of two days, and of their two months
  });
});

describe('two grains: every flow counts in its day and in its month', () => {
  test('a step changes the month counter by what it changes the day counter', () => {
    const changes = counterChanges([{ before: null, after: { collection: 'applications', record: application() } }]);
    expect(changes.find((c) => c.key._id === 'c1|org-county|2026-06')).toEqual({
      key: { _id: 'c1|org-county|2026-06', service: 'studentAid', campaignId: 'c1', title: '2026年金秋助学', kindLabel: '金秋助学', sentence: STUDENT_SENTENCE, orgId: COUNTY, orgPath: [COUNTY], grain: 'month', day: '2026-06-01' },
      add: { received: 1, pending: 1 },
    });
    expect(changes.find((c) => c.key._id === 'c1|org-county|2026-06-30')).toMatchObject({ key: { grain: 'day', day: '2026-06-30' }, add: { received: 1, pending: 1 } });
  });

  test('changes of days of one month that cancel leave the month counter alone', () => {
    // accepted on 07-01, referred within 城关镇 and accepted again on 07-02: the county and the town move
    // their acceptance from one day to the next, their July is unchanged
    const accepted = took(legalCase(), 'accept', 'accepted', JUL01);
    const referred = took(accepted, 'refer', 'submitted', JUL02, { orgPath: [COUNTY, TOWN, 'org-cg-couriers'] });
    const again = took(referred, 'accept', 'accepted', JUL02);
    const changes = counterChanges([
      { before: { collection: 'cases', record: accepted }, after: { collection: 'cases', record: referred } },
      { before: { collection: 'cases', record: referred }, after: { collection: 'cases', record: again } },
    ]);
    expect(table(changes)).toEqual({
      ...onPath('legalAid', [COUNTY, TOWN], '2026-07-01', { approved: -1 }),
      ...onPath('legalAid', [COUNTY, TOWN], '2026-07-02', { approved: 1 }),
      ...onPath('legalAid', [UNIT], '2026-06-30', { received: -1, pending: -1 }),
      ...onPath('legalAid', ['org-cg-couriers'], '2026-06-30', { received: 1, pending: 1 }),
      ...onPath('legalAid', [UNIT], '2026-07-01', { approved: -1 }),
      ...onPath('legalAid', ['org-cg-couriers'], '2026-07-02', { approved: 1 }),
    });
    const months = changes.filter((c) => c.key.grain === 'month').map((c) => [c.key.orgId, c.key.day, c.add]);
    expect(months).toEqual(expect.arrayContaining([[UNIT, '2026-06-01', { received: -1, pending: -1 }], [UNIT, '2026-07-01', { approved: -1 }], ['org-cg-couriers', '2026-07-01', { approved: 1 }]]));
    expect(months.filter(([org]) => org === COUNTY || org === TOWN)).toEqual([]);
  });
});

describe('cases: the change of each step', () => {
  const opened = legalCase();
  const accepted = took(opened, 'accept', 'accepted', JUL01);

  test('open: received and pending on the day opened', () => {
    expect(kase(null, opened)).toEqual(onPath('legalAid', PATH, '2026-06-30', { received: 1, pending: 1 }));
  });

  test('accept: approved on its day; assign, logStep, message, supervise change nothing', () => {
    expect(kase(opened, accepted)).toEqual(onPath('legalAid', PATH, '2026-07-01', { approved: 1 }));
    const assigned = took(accepted, 'assign', 'assigned', JUL02);
    expect(kase(accepted, assigned)).toEqual({});
    expect(kase(assigned, took(assigned, 'logStep', 'inProgress', JUL02))).toEqual({});
    expect(kase(assigned, took(assigned, 'supervise', 'assigned', JUL02))).toEqual({});
  });

  test('decline: declined on its day, pending leaves the day opened', () => {
    expect(kase(opened, took(opened, 'decline', 'declined', JUL02))).toEqual({
      ...onPath('legalAid', PATH, '2026-06-30', { pending: -1 }),
      ...onPath('legalAid', PATH, '2026-07-02', { declined: 1 }),
    });
  });

  test('close: every worker of a group case and the money recovered on the close day, as wages for a 欠薪 case; rate changes nothing', () => {
    const closed = took(accepted, 'close', 'closed', JUL02, { recoveredFen: 3_500_000 });
    expect(kase(accepted, closed)).toEqual({
      ...onPath('legalAid', PATH, '2026-06-30', { pending: -1 }),
      ...onPath('legalAid', PATH, '2026-07-02', { peopleReached: 12, recoveredFen: 3_500_000, recoveredWagesFen: 3_500_000 }),
    });
    expect(kase(closed, took(closed, 'rate', 'closed', JUL02))).toEqual({});
    const injury = took({ ...accepted, disputeType: 'injury' }, 'close', 'closed', JUL02, { recoveredFen: 5_000_000 });
    expect(kase({ ...accepted, disputeType: 'injury' }, injury)).toEqual({
      ...onPath('legalAid', PATH, '2026-06-30', { pending: -1 }),
      ...onPath('legalAid', PATH, '2026-07-02', { peopleReached: 12, recoveredFen: 5_000_000 }),
    });
  });

  test('refer (转办) of a submitted case moves its receipt to the new path; the common county is unchanged', () => {
    const referred = took(opened, 'refer', 'submitted', JUL01, { orgPath: OTHER_PATH });
    expect(kase(opened, referred)).toEqual({
      ...onPath('legalAid', [TOWN, UNIT], '2026-06-30', { received: -1, pending: -1 }),
      ...onPath('legalAid', ['org-shuiping'], '2026-06-30', { received: 1, pending: 1 }),
    });
  });

  test('refer of an accepted case also undoes its acceptance; accepted again, it counts at the new org', () => {
    const referred = took(accepted, 'refer', 'submitted', JUL02, { orgPath: OTHER_PATH });
    expect(kase(accepted, referred)).toEqual({
      ...onPath('legalAid', [TOWN, UNIT], '2026-06-30', { received: -1, pending: -1 }),
      ...onPath('legalAid', ['org-shuiping'], '2026-06-30', { received: 1, pending: 1 }),
      ...onPath('legalAid', [COUNTY, TOWN, UNIT], '2026-07-01', { approved: -1 }),
    });
    expect(kase(referred, took(referred, 'accept', 'accepted', JUL02))).toEqual(onPath('legalAid', OTHER_PATH, '2026-07-02', { approved: 1 }));
  });
});

describe('recomputation and applying changes', () => {
  test('the counters a record adds up to equal its changes from nothing, step by step', () => {
    const s1 = application();
    const s2 = took(s1, 'recommend', 'recommended', JUN30);
    const s3 = took(s2, 'approve', 'approved', JUL01, { amountFen: 500_000 });
    const s4 = took(s3, 'pay', 'paid', JUL02);
    const docs = new Map<string, ReturnType<typeof applyChange>>();
    const steps: [CountedApplication | null, CountedApplication][] = [[null, s1], [s1, s2], [s2, s3], [s3, s4]];
    for (const [before, after] of steps) {
      for (const change of counterChanges([{ before: before && { collection: 'applications', record: before }, after: { collection: 'applications', record: after } }])) {
        docs.set(change.key._id, applyChange(docs.get(change.key._id) ?? null, change));
      }
    }
    const recomputed = recomputeCounters([{ collection: 'applications', record: s4 }]);
    // a counter whose fields all returned to zero is not recomputed (no record adds to it)
    const stored = [...docs.values()].filter((d) => d.received || d.approved || d.paidFen);
    expect(stored.sort((a, b) => a._id.localeCompare(b._id))).toEqual(recomputed.sort((a, b) => a._id.localeCompare(b._id)));
    const id = 'c1|org-chengguan|2026-06-30';
    expect(recomputed.find((d) => d._id === id)).toEqual({
      _id: id, service: 'studentAid', campaignId: 'c1', title: '2026年金秋助学', kindLabel: '金秋助学', sentence: STUDENT_SENTENCE, orgId: TOWN, orgPath: [COUNTY, TOWN], grain: 'day', day: '2026-06-30',
      ...zeroCounts(), received: 1,
    });
  });
});

describe('recomputation: both grains', () => {
  test("each month counter is the sum of its days' counters", () => {
    const s = took(took(application(), 'recommend', 'recommended', JUN30), 'approve', 'approved', JUL01, { amountFen: 500_000 });
    const paid = took(s, 'pay', 'paid', JUL02);
    const other = { ...took(application('summerRelief'), 'withdraw', 'withdrawn', JUL02), _id: 'app-2', campaignId: 'c2' };
    const closed = took(took(legalCase(), 'accept', 'accepted', JUL01), 'close', 'closed', JUL02, { recoveredFen: 10_000 });
    const docs = recomputeCounters([
      { collection: 'applications', record: paid },
      { collection: 'applications', record: other },
      { collection: 'cases', record: closed },
    ]);
    const dayDocs = docs.filter((d) => d.grain === 'day');
    const monthDocs = docs.filter((d) => d.grain === 'month');
    const summed = new Map<string, CounterDoc>();
    for (const d of dayDocs) {
      const _id = d._id.replace(/\|(\d{4}-\d{2})-\d{2}$/, '|$1');
      const m = summed.get(_id) ?? { ...d, _id, grain: 'month' as const, day: `${d.day.slice(0, 7)}-01`, ...zeroCounts() };
      for (const f of COUNTER_FIELDS) m[f] += d[f];
      summed.set(_id, m);
    }
    expect(monthDocs.length).toBeGreaterThan(0);
    expect(new Set(monthDocs.map((d) => d.day))).toEqual(new Set(['2026-06-01', '2026-07-01']));
    const byId = (a: CounterDoc, b: CounterDoc) => a._id.localeCompare(b._id);
    expect([...monthDocs].sort(byId)).toEqual([...summed.values()].sort(byId));
  });
});

describe('periods in Shanghai days', () => {
  const days = (from: string, to: string) => ({ grain: 'day', from, to });
  const months = (from: string, to: string) => ({ grain: 'month', from, to });
  test.each([
    ['edge days, a whole month, edge days', '2026-03-15', '2026-05-10', [days('2026-03-15', '2026-03-31'), months('2026-04-01', '2026-04-01'), days('2026-05-01', '2026-05-10')]],
    ['a whole year: its twelve months', '2026-01-01', '2026-12-31', [months('2026-01-01', '2026-12-01')]],
    ['a quarter', '2026-10-01', '2026-12-31', [months('2026-10-01', '2026-12-01')]],
    ['a leap February', '2024-02-01', '2024-02-29', [months('2024-02-01', '2024-02-01')]],
    ['February 1–28 of a leap year is days', '2024-02-01', '2024-02-28', [days('2024-02-01', '2024-02-28')]],
    ['a common February', '2026-02-01', '2026-02-28', [months('2026-02-01', '2026-02-01')]],
    ['inside one month', '2026-03-02', '2026-03-30', [days('2026-03-02', '2026-03-30')]],
    ['one day', '2026-03-09', '2026-03-09', [days('2026-03-09', '2026-03-09')]],
    ['the last day of a month', '2026-04-30', '2026-04-30', [days('2026-04-30', '2026-04-30')]],
    ['across two months, no whole one: one run of days', '2026-01-20', '2026-02-10', [days('2026-01-20', '2026-02-10')]],
    ['from a month start to a mid-month', '2026-01-01', '2026-03-10', [months('2026-01-01', '2026-02-01'), days('2026-03-01', '2026-03-10')]],
    ['from a mid-month to a month end, across a year', '2025-12-15', '2026-01-31', [days('2025-12-15', '2025-12-31'), months('2026-01-01', '2026-01-01')]],
    ['366 days from a mid-month', '2024-03-15', '2025-03-15', [days('2024-03-15', '2024-03-31'), months('2024-04-01', '2025-02-01'), days('2025-03-01', '2025-03-15')]],
  ])('%s: %s … %s', (_name, from, to, runs) => {
    expect(periodRuns(from, to)).toEqual(runs);
  });

  test('the runs cover the period, every day once', () => {
    const covered = (from: string, to: string) =>
      periodRuns(from, to).flatMap((r) => {
        const out: string[] = [];
        const end = r.grain === 'day' ? dayjs.utc(r.to) : dayjs.utc(r.to).endOf('month');
        for (let d = dayjs.utc(r.from); !d.isAfter(end); d = d.add(1, 'day')) out.push(d.format('YYYY-MM-DD'));
        return out;
      });
    const start = dayjs.utc('2023-12-20');
    for (let i = 0; i < 80; i += 7) {
      for (const length of [0, 1, 27, 31, 45, 100, 365]) {
        const from = start.add(i, 'day');
        const to = from.add(length, 'day');
        const all = Array.from({ length: length + 1 }, (_, k) => from.add(k, 'day').format('YYYY-MM-DD'));
        expect(covered(from.format('YYYY-MM-DD'), to.format('YYYY-MM-DD'))).toEqual(all);
      }
    }
  });


  test.each([
    [{ year: 2026 }, '2026-01-01', '2026-12-31'],
    [{ year: 2024, quarter: 1 }, '2024-01-01', '2024-03-31'],
    [{ year: 2026, quarter: 4 }, '2026-10-01', '2026-12-31'],
    [{ year: 2024, month: 2 }, '2024-02-01', '2024-02-29'],
    [{ year: 2026, month: 12 }, '2026-12-01', '2026-12-31'],
    [{ from: '2026-03-09', to: '2026-03-09' }, '2026-03-09', '2026-03-09'],
    [{ from: '2024-01-01', to: '2024-12-31' }, '2024-01-01', '2024-12-31'],
  ] as const)('%j is %s … %s', (period, from, to) => {
    expect(resolvePeriod(period)).toEqual({ ok: true, from, to });
  });

  test.each([
    [{ from: '2026-03-10', to: '2026-03-09' }, 'period.to', '结束日期不能早于开始日期'],
    [{ from: '2026-02-30', to: '2026-03-09' }, 'period.from', '开始日期不对'],
    [{ from: '2026-03-01', to: '2026/03/09' }, 'period.to', '结束日期不对'],
    [{ from: '2025-01-01', to: '2026-01-02' }, 'period.to', '统计期间最长366天'],
  ] as const)('%j is refused at %s', (period, field, message) => {
    expect(resolvePeriod(period)).toEqual({ ok: false, field, message });
  });
});

describe('report sentences', () => {
  const counts = (more: Partial<Counts>): Counts => ({ ...zeroCounts(), ...more });

  test.each([
    [91_390_000, '91.39'],
    [20_500_000, '20.5'],
    [1_160_500_000, '1160.5'],
    [1_000_000, '1'],
    [0, '0'],
    [12_345, '0.01'],
    [4_999, '0'],
  ])('%i 分 is %s 万元', (fen, wan) => {
    expect(formatWan(fen)).toBe(wan);
  });

  test('a kind’s sentence from its template; legal aid’s names what was recovered by case type', () => {
    expect(reportSentence('studentAid', STUDENT_SENTENCE, '金秋助学', counts({ peopleReached: 319, paidFen: 91_390_000 }))).toBe('金秋助学：资助困难职工子女 319 人次，发放助学金 91.39 万元');
    expect(reportSentence('any', '{title}：{received} 件申请，批准 {approved} 件', '冬送温暖', counts({ received: 9, approved: 7 }))).toBe('冬送温暖：9 件申请，批准 7 件');
    const legal = (c: Partial<Counts>) => reportSentence('legalAid', null, '法律援助', counts({ approved: 182, peopleReached: 530, ...c }));
    expect(legal({ recoveredFen: 1_160_500_000, recoveredWagesFen: 1_160_500_000 })).toBe('法律援助：办理案件 182 件次，帮助职工 530 人次，追讨欠薪 1160.5 万元');
    expect(legal({ recoveredFen: 5_000_000 })).toBe('法律援助：办理案件 182 件次，帮助职工 530 人次，挽回经济损失 5 万元');
    expect(legal({ recoveredFen: 6_000_000, recoveredWagesFen: 1_000_000 })).toBe('法律援助：办理案件 182 件次，帮助职工 530 人次，追讨欠薪 1 万元，挽回经济损失 5 万元');
    expect(legal({})).toBe('法律援助：办理案件 182 件次，帮助职工 530 人次，挽回经济损失 0 万元');
  });

  test('the reads of a period (edge days, whole months) add up per org and campaign, named as their latest day', () => {
    const row = (orgId: string, campaignId: string | null, more: Partial<Counts>, lastDay = '2026-07-01', kindLabel = '金秋助学') => ({
      ...counts(more), orgId, campaignId, service: campaignId ? 'studentAid' : 'legalAid', title: campaignId ?? '法律援助', kindLabel, sentence: null, lastDay,
    });
    expect(
      addSums([row('o1', 'a', { received: 1, paidFen: 100 }), row('o1', null, { approved: 2 }), row('o2', 'a', { received: 4 }), row('o1', 'a', { received: 2, pending: 1 }, '2026-08-01', '新名称'), row('o1', null, { approved: 1 })]),
    ).toEqual([row('o1', 'a', { received: 3, pending: 1, paidFen: 100 }, '2026-08-01', '新名称'), row('o1', null, { approved: 3 }), row('o2', 'a', { received: 4 })]);
  });

  test('rows: every service with counters, then legal aid; a service and its campaigns; one campaign', () => {
    const sum = (c: Partial<Counts>, service: string, campaignId: string | null, title: string, kindLabel: string, sentence: string | null, lastDay: string): CampaignSum => ({
      ...counts(c), service, campaignId, title, kindLabel, sentence, lastDay,
    });
    const sums: CampaignSum[] = [
      sum({ received: 3, peopleReached: 2, paidFen: 600_000 }, 'studentAid', 'b', '乙', '金秋助学', STUDENT_SENTENCE, '2026-09-01'),
      // an earlier season, when the kind was named otherwise: its own campaign row keeps its words
      sum({ received: 1 }, 'studentAid', 'a', '甲', '秋送助学', '{title}：助学 {people} 人次', '2025-09-01'),
      sum({ received: 2 }, 'winterWarmth', 'w', '丙', '冬送温暖', '{title}：慰问 {people} 人次', '2026-12-01'),
      sum({ received: 5, approved: 2 }, 'legalAid', null, '法律援助', '法律援助', null, '2026-09-01'),
    ];
    expect(figuresRows(sums, {}).map((f) => [f.service, f.campaignId, f.title, f.received])).toEqual([
      ['winterWarmth', null, '冬送温暖', 2], ['studentAid', null, '金秋助学', 4], ['legalAid', null, '法律援助', 5],
    ]);
    const student = figuresRows(sums, { service: { service: 'studentAid', label: '当前名称', sentence: '{title}' } });
    expect(student.map((f) => [f.title, f.received, f.sentence])).toEqual([
      ['金秋助学', 4, '金秋助学：资助困难职工子女 2 人次，发放助学金 0.6 万元'], ['甲', 1, '甲：助学 0 人次'], ['乙', 3, '乙：资助困难职工子女 2 人次，发放助学金 0.6 万元'],
    ]);
    expect(figuresRows([], { service: { service: 'sanatorium', label: '职工疗休养', sentence: '{title}：{people} 人次' } }).map((f) => f.sentence)).toEqual(['职工疗休养：0 人次']);
    expect(figuresRows(sums, { campaign: { campaignId: 'b', service: 'studentAid', title: '乙', sentence: STUDENT_SENTENCE } })).toEqual([
      { service: 'studentAid', campaignId: 'b', title: '乙', ...counts({ received: 3, peopleReached: 2, paidFen: 600_000 }), sentence: '乙：资助困难职工子女 2 人次，发放助学金 0.6 万元' },
    ]);
  });
});
