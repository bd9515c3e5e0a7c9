// The counter change of every application and case transition, the recomputation, report periods and the
// report sentences.
import {
  applyChange,
  COUNTER_SHARDS,
  counterChanges,
  formatWan,
  figuresRows,
  recomputeCounters,
  reportSentence,
  resolvePeriod,
  shardOf,
  zeroCounts,
  type CampaignSum,
  type CountedApplication,
  type CountedCase,
  type CounterChange,
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

function application(kind: 'studentAid' | 'summerRelief' = 'studentAid'): CountedApplication {
  return {
    _id: 'app-1', status: 'submitted', campaignId: 'c1', campaignKind: kind, campaignTitle: '2026年金秋助学', applicantOrgPath: PATH,
    amountFen: null, delivery: null, createdAt: JUN30,
    history: [{ at: JUN30, by: 'm', action: 'submit', from: 'submitted', to: 'submitted', comment: null }],
  };
}

function legalCase(): CountedCase {
  return {
    _id: 'case-1', status: 'submitted', orgPath: PATH, workersAffected: 12, recoveredFen: null, createdAt: JUN30,
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

/** Changes as `campaign|org|day → fields added`, for literal expectations (every record here writes its
 *  own shard: checked once below). */
function table(changes: CounterChange[]): Record<string, Partial<Counts>> {
  return Object.fromEntries(changes.map((c) => [`${c.key.campaignId ?? 'legalAid'}|${c.key.orgId}|${c.key.day}`, c.add]));
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

  test("a record's counters go to the shard of its id, named in the document id", () => {
    const changes = counterChanges([{ before: null, after: { collection: 'applications', record: submitted } }]);
    expect(changes.map((c) => c.key._id)).toEqual(PATH.map((o) => `c1|${o}|2026-06-30|${shardOf('app-1')}`));
    expect(changes.every((c) => c.key.shard === shardOf('app-1'))).toBe(true);
    const shards = new Set(Array.from({ length: 200 }, (_, i) => shardOf(`app-${i}`)));
    expect(shards.size).toBe(COUNTER_SHARDS);
  });

  test('recommend, return and resubmit change nothing (a resubmission is no new receipt)', () => {
    expect(app(submitted, recommended)).toEqual({});
    const returned = took(recommended, 'return', 'returned', JUL01);
    expect(app(recommended, returned)).toEqual({});
    expect(app(returned, took(returned, 'resubmit', 'submitted', JUL02))).toEqual({});
  });

  test('approve (金秋助学): approved, the amount and one child on the approval day; pending leaves the day received', () => {
    expect(app(recommended, approved)).toEqual({
      ...onPath('c1', PATH, '2026-06-30', { pending: -1 }),
      ...onPath('c1', PATH, '2026-07-01', { approved: 1, approvedFen: 300_000, peopleReached: 1 }),
    });
  });

  test('pay: the amount paid on the pay day', () => {
    expect(app(approved, took(approved, 'pay', 'paid', JUL02))).toEqual(onPath('c1', PATH, '2026-07-02', { paidFen: 300_000 }));
  });

  test('approve and deliver (夏送清凉): no child at approval; the headcount and the amount on the delivery day', () => {
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

  test('a batch of steps sums per counter document', () => {
    // another application in another town whose id falls in the same shard
    const twin = Array.from({ length: 100 }, (_, i) => `app-x${i}`).find((id) => shardOf(id) === shardOf('app-1'))!;
    const elsewhere = (r: CountedApplication): CountedApplication => ({ ...r, _id: twin, applicantOrgPath: OTHER_PATH });
    const changes = counterChanges([
      { before: { collection: 'applications', record: recommended }, after: { collection: 'applications', record: approved } },
      { before: { collection: 'applications', record: elsewhere(recommended) }, after: { collection: 'applications', record: elsewhere(approved) } },
    ]);
    const byId = Object.fromEntries(changes.map((c) => [c.key._id, c.add]));
    const shard = shardOf('app-1');
    expect(byId[`c1|org-county|2026-07-01|${shard}`]).toEqual({ approved: 2, approvedFen: 600_000, peopleReached: 2 });
    expect(byId[`c1|org-county|2026-06-30|${shard}`]).toEqual({ pending: -2 });
    expect(byId[`c1|org-shuiping|2026-07-01|${shard}`]).toEqual({ approved: 1, approvedFen: 300_000, peopleReached: 1 });
    expect(changes).toHaveLength(8); // county, town, unit, 水坪 on each of two days
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

  test('close: every worker of a group case and the money recovered on the close day; rate changes nothing', () => {
    const closed = took(accepted, 'close', 'closed', JUL02, { recoveredFen: 3_500_000 });
    expect(kase(accepted, closed)).toEqual({
      ...onPath('legalAid', PATH, '2026-06-30', { pending: -1 }),
      ...onPath('legalAid', PATH, '2026-07-02', { peopleReached: 12, recoveredFen: 3_500_000 }),
    });
    expect(kase(closed, took(closed, 'rate', 'closed', JUL02))).toEqual({});
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
    const id = `c1|org-chengguan|2026-06-30|${shardOf('app-1')}`;
    expect(recomputed.find((d) => d._id === id)).toEqual({
      _id: id, service: 'studentAid', campaignId: 'c1', title: '2026年金秋助学', orgId: TOWN, orgPath: [COUNTY, TOWN], day: '2026-06-30', shard: shardOf('app-1'),
      ...zeroCounts(), received: 1,
    });
  });
});

describe('periods in Shanghai days', () => {
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

  test('one sentence per service, in the reports\' words', () => {
    expect(reportSentence('studentAid', '金秋助学', counts({ peopleReached: 319, paidFen: 91_390_000 }))).toBe('金秋助学：资助困难职工子女 319 人次，发放助学金 91.39 万元');
    expect(reportSentence('summerRelief', '夏送清凉', counts({ peopleReached: 1200, paidFen: 20_500_000 }))).toBe('夏送清凉：慰问职工 1200 人次，发放清凉物资 20.5 万元');
    expect(reportSentence('legalAid', '法律援助', counts({ approved: 182, peopleReached: 530, recoveredFen: 1_160_500_000 }))).toBe(
      '法律援助：办理案件 182 件次，帮助职工 530 人次，追讨欠薪 1160.5 万元',
    );
  });

  test('rows: the three services; a service and its campaigns; one campaign', () => {
    const sums: CampaignSum[] = [
      { ...counts({ received: 3, peopleReached: 2, paidFen: 600_000 }), service: 'studentAid', campaignId: 'b', title: '乙' },
      { ...counts({ received: 1 }), service: 'studentAid', campaignId: 'a', title: '甲' },
      { ...counts({ received: 5, approved: 2 }), service: 'legalAid', campaignId: null, title: '法律援助' },
    ];
    expect(figuresRows(sums, {}).map((f) => [f.service, f.campaignId, f.received])).toEqual([['studentAid', null, 4], ['summerRelief', null, 0], ['legalAid', null, 5]]);
    expect(figuresRows(sums, { service: 'studentAid' }).map((f) => [f.title, f.received])).toEqual([['金秋助学', 4], ['甲', 1], ['乙', 3]]);
    expect(figuresRows(sums, { campaign: { campaignId: 'b', service: 'studentAid', title: '乙' } })).toEqual([
      { service: 'studentAid', campaignId: 'b', title: '乙', ...counts({ received: 3, peopleReached: 2, paidFen: 600_000 }), sentence: '乙：资助困难职工子女 2 人次，发放助学金 0.6 万元' },
    ]);
  });
});
