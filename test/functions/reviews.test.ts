// Officers are told (the reviews function through localcloud, demo world): work arriving at a desk — a
// membership, an application at its stage, a new case, a member's message on a case nobody works yet, a 督办,
// an overdue case — signals the officers responsible; the reminder run sends each one 待审核提醒 digest per
// interval with the count waiting (always to the inbox, as a subscribe message when they have quota); the
// workbench's counts come from the counters of waiting work, which always equal the records; what has waited
// too long is listed with the officers it waits for; and a run costs the same whatever number of items wait.
import type { InboxItem, WorkbenchCounts } from '../../typings/api';
import { applyWorkload, workloadChanges, type WorkloadRecord } from '../../cloudfunctions/_shared/domain/workload';
import templatesFile from '../../cloudbase/subscribe-templates.json';
import { useLocalcloud } from '../harness/localcloud';
import { callAs, data, PEOPLE, snapshot } from './api';
import { approvedMember, requestKey, sdkDb, SUMMER_RELIEF, summerReliefAnswers } from './applicationsFixtures';

const lc = useLocalcloud({ demo: true });
const REVIEW_TEMPLATE = templatesFile.templates.reviewTask.templateId;
const PARK = 'o-rev-park'; // a member of 示范电力公司工会, a union without a grassroots officer

const db = () => sdkDb(lc);
let site = 0;
const submit = async (openid: string = PEOPLE.member) =>
  data(await callAs(lc, openid, 'applications', 'submit', { campaignId: SUMMER_RELIEF, requestKey: requestKey(), answers: summerReliefAnswers(`审核提醒测试点${site++}`) })).application;
const countsOf = async (openid: string): Promise<WorkbenchCounts> => data(await callAs(lc, openid, 'reviews', 'counts', {}));

async function fire(timer: 'reviews/remind' | 'notices/drain' | 'statistics/fold') {
  const res = await fetch(`${lc.url}/__localcloud/timers/${timer}/fire`, { method: 'POST' });
  const body = (await res.json()) as { result: { ok: boolean; data: Record<string, number> } };
  return { ...data(body.result as never), invocationId: res.headers.get('x-localcloud-invocation') } as Record<string, number> & { invocationId: string | null };
}

async function signalsOf(openid: string): Promise<string[]> {
  const res = (await db().collection('reminderSignals').where({ openid }).get()) as unknown as { data: { reason: string }[] };
  return res.data.map((s) => s.reason).sort();
}

async function digestsOf(openid: string): Promise<InboxItem[]> {
  return data(await callAs(lc, openid, 'notices', 'inbox', { limit: 50 })).items.filter((m) => m.title === '待审核提醒');
}

/** The interval since `openid`'s last digest has passed. */
const intervalPassed = (openid: string) => db().collection('reminders').doc(openid).set({ data: { sentAt: new Date(Date.now() - 2 * 3_600_000) } });

beforeAll(async () => {
  await approvedMember(lc, PARK, 61, false, 'org-park-power');
});

describe('review reminders', () => {
  test('a submission signals its grassroots officer, whose one digest per interval says what waits', async () => {
    expect(await countsOf(PEOPLE.cgOfficer)).toMatchObject({ membership: 1, grassroots: 0, total: 1 }); // 李秀英's registration
    await submit();
    expect(await signalsOf(PEOPLE.cgOfficer)).toEqual(['grassrootsReview']);
    expect(await countsOf(PEOPLE.cgOfficer)).toMatchObject({ membership: 1, grassroots: 1, total: 2 });

    expect(await fire('reviews/remind')).toMatchObject({ told: 1, deferred: 0 });
    expect(await signalsOf(PEOPLE.cgOfficer)).toEqual([]);
    const [digest] = await digestsOf(PEOPLE.cgOfficer);
    expect(digest).toMatchObject({ page: 'pages/workbench/index', body: '您有2项待办：入会审核1人，申请待审核1件。请到“审核”页处理。' });
    // without quota it stays in the inbox only
    expect(await fire('notices/drain')).toMatchObject({ sent: 0 });

    // more work within the interval: the signal waits, nothing more is sent
    await submit();
    await submit();
    expect(await fire('reviews/remind')).toMatchObject({ told: 0, deferred: 1 });
    expect(await digestsOf(PEOPLE.cgOfficer)).toHaveLength(1);
    expect(await signalsOf(PEOPLE.cgOfficer)).toEqual(['grassrootsReview']);

    // once the interval has passed, one digest for both, with the count now waiting; with quota it is sent
    await lc.postJson('/__localcloud/openapi/subscriptions', { openid: PEOPLE.cgOfficer, templateIds: [REVIEW_TEMPLATE] });
    data(await callAs(lc, PEOPLE.cgOfficer, 'notices', 'subscribe', { accepted: ['reviewTask'] }));
    await intervalPassed(PEOPLE.cgOfficer);
    await db().collection('reminderSignals').doc(`${PEOPLE.cgOfficer}|grassrootsReview`).update({ data: { dueAt: new Date() } });
    expect(await fire('reviews/remind')).toMatchObject({ told: 1 });
    const digests = await digestsOf(PEOPLE.cgOfficer);
    expect(digests).toHaveLength(2);
    expect(digests[0].body).toBe('您有4项待办：入会审核1人，申请待审核3件。请到“审核”页处理。');
    await fire('notices/drain');
    const { calls } = await lc.getJson<{ calls: { data: { touser: string; template_id: string; data: Record<string, { value: string }> } }[] }>('/__localcloud/openapi/calls?apiName=subscribeMessage.send');
    const sent = calls.filter((c) => c.data.touser === PEOPLE.cgOfficer && c.data.template_id === REVIEW_TEMPLATE);
    expect(sent).toHaveLength(1);
    expect(sent[0].data.data).toMatchObject({ thing1: { value: '新的申请待审核' }, number2: { value: '4' }, thing3: { value: '入会1 审核3' } });
  });

  test('a union without a grassroots officer: the federation officer is told and counts it; a recommendation tells the federation desk but not the one who recommended', async () => {
    const before = await countsOf(PEOPLE.fedOfficer);
    const app = await submit(PARK);
    expect(await signalsOf(PEOPLE.fedOfficer)).toContain('grassrootsReview');
    expect(await countsOf(PEOPLE.fedOfficer)).toMatchObject({ grassroots: before.grassroots + 1 });
    await db().collection('reminderSignals').where({ openid: PEOPLE.fedOfficer }).remove();
    data(await callAs(lc, PEOPLE.fedOfficer, 'applications', 'act', { applicationId: app.applicationId, version: app.version, transition: 'recommend' }));
    expect(await signalsOf(PEOPLE.fedOfficer)).toEqual([]);
    expect(await countsOf(PEOPLE.fedOfficer)).toMatchObject({ grassroots: before.grassroots, federation: before.federation + 1 });
  });

  test('cases: a new case, a member’s message while no lawyer has it and a 督办 tell the officers responsible', async () => {
    await db().collection('reminderSignals').where({ openid: PEOPLE.cgOfficer }).remove();
    const form = { requestKey: requestKey(), disputeType: 'wages', employerName: '提醒测试公司', amountInDisputeFen: 100_000, workersAffected: 1, description: '工资拖欠了三个月没有发放。', evidence: [], contactTime: '随时', priorProceedings: 'none' };
    let c = data(await callAs(lc, PEOPLE.member, 'cases', 'open', form)).case;
    expect(await signalsOf(PEOPLE.cgOfficer)).toEqual(['caseIntake']);
    c = data(await callAs(lc, PEOPLE.cgOfficer, 'cases', 'act', { caseId: c.caseId, version: c.version, transition: 'accept' })).case;
    c = data(await callAs(lc, PEOPLE.member, 'cases', 'act', { caseId: c.caseId, version: c.version, transition: 'message', comment: '老板说下个月再说' })).case;
    data(await callAs(lc, PEOPLE.fedOfficer, 'cases', 'act', { caseId: c.caseId, version: c.version, transition: 'supervise', comment: '请尽快指派律师' }));
    expect(await signalsOf(PEOPLE.cgOfficer)).toEqual(['caseIntake', 'caseMessage', 'caseSupervised']);
    expect((await countsOf(PEOPLE.cgOfficer)).cases).toBeGreaterThanOrEqual(1);
    await intervalPassed(PEOPLE.cgOfficer);
    await fire('reviews/remind');
    const [latest] = await digestsOf(PEOPLE.cgOfficer);
    expect(latest.body).toMatch(/法律援助待受理或指派\d+件/);
    const [message] = ((await db().collection('outbox').where({ toOpenid: PEOPLE.cgOfficer, topic: 'reviewTask' }).orderBy('createdAt', 'desc').limit(1).get()) as unknown as { data: { subject: string }[] }).data;
    expect(message.subject).toBe('法律援助案件被督办等');
  });

  test('only the timer runs the reminders; only officers and lawyers have counts', async () => {
    expect(await callAs(lc, PEOPLE.fedOfficer, 'reviews', 'remind', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    for (const who of [PEOPLE.member, PEOPLE.staff, PEOPLE.admin, PEOPLE.newcomer]) expect(await callAs(lc, who, 'reviews', 'counts', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await countsOf(PEOPLE.lawyer)).toMatchObject({ assigned: 0, total: 0 });
  });
});

describe('what has waited too long, and for whom', () => {
  test('an application waiting 20 days is listed for the federation with the officer it waits for; each officer sees their subtree', async () => {
    const app = await submit();
    const old = new Date(Date.now() - 20 * 86_400_000);
    await db().collection('applications').doc(app.applicationId).update({ data: { updatedAt: old } });
    const fed = data(await callAs(lc, PEOPLE.fedOfficer, 'reviews', 'waiting', { kind: 'applications', workingDays: 5 }));
    const item = fed.items.find((i) => i.id === app.applicationId)!;
    expect(item).toMatchObject({ stage: '待基层工会审核', orgName: '城关镇环卫所工会', waitingFor: { orgName: '城关镇总工会', names: ['张伟'] }, page: `admin/application/index?applicationId=${app.applicationId}` });
    expect(item.workingDays).toBeGreaterThan(10);
    expect(data(await callAs(lc, PEOPLE.cgOfficer, 'reviews', 'waiting', { kind: 'applications' })).items.map((i) => i.id)).toContain(app.applicationId);
    expect(data(await callAs(lc, PEOPLE.spOfficer, 'reviews', 'waiting', { kind: 'applications' })).items).toEqual([]);
    // the recent ones have not waited long enough
    expect(fed.items.every((i) => i.workingDays > 5)).toBe(true);
    for (const who of [PEOPLE.member, PEOPLE.lawyer, PEOPLE.staff, PEOPLE.admin]) expect(await callAs(lc, who, 'reviews', 'waiting', { kind: 'applications' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await callAs(lc, PEOPLE.fedOfficer, 'reviews', 'waiting', { kind: 'applications', workingDays: 0 })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  test('a membership and a case waiting long, and the 工业园区 union’s application waiting for the federation itself', async () => {
    const old = new Date(Date.now() - 15 * 86_400_000);
    await db().collection('members').doc('member-o-demo-pending').update({ data: { submittedAt: old } });
    const members = data(await callAs(lc, PEOPLE.fedOfficer, 'reviews', 'waiting', { kind: 'memberships' })).items;
    expect(members.find((i) => i.id === 'member-o-demo-pending')).toMatchObject({ title: '李秀英 · 城关镇环卫所', waitingFor: { orgName: '城关镇总工会', names: ['张伟'] } });
    const park = await submit(PARK);
    await db().collection('applications').doc(park.applicationId).update({ data: { updatedAt: old } });
    const apps = data(await callAs(lc, PEOPLE.fedOfficer, 'reviews', 'waiting', { kind: 'applications' })).items;
    expect(apps.find((i) => i.id === park.applicationId)).toMatchObject({ waitingFor: { orgName: '示范县总工会', names: ['刘芳'] } });
    const { items: cases } = data(await callAs(lc, PEOPLE.cgOfficer, 'cases', 'queue', { view: 'open' }));
    await db().collection('cases').doc(cases[0].caseId).update({ data: { progressAt: old } });
    const waitingCases = data(await callAs(lc, PEOPLE.fedOfficer, 'reviews', 'waiting', { kind: 'cases' })).items;
    expect(waitingCases.find((i) => i.id === cases[0].caseId)).toMatchObject({ waitingFor: { orgName: '城关镇总工会' } });
  });
});

describe('the counters of waiting work', () => {
  test('once the fold has run, equal what the records count, after every step taken above', async () => {
    expect(await fire('statistics/fold')).toMatchObject({ busy: false, left: 0 });
    const all = await snapshot(lc, ['applications', 'cases', 'members', 'workload']);
    const records: WorkloadRecord[] = [
      ...(all.applications as never[]).map((record) => ({ kind: 'application' as const, record })),
      ...(all.cases as never[]).map((record) => ({ kind: 'case' as const, record })),
      ...(all.members as never[]).map((record) => ({ kind: 'member' as const, record })),
    ];
    const expected = workloadChanges(records.map((after) => ({ before: null, after }))).map((c) => applyWorkload(null, c));
    const counted = (docs: { _id: string; counts: Record<string, number> }[]) =>
      Object.fromEntries(docs.map((d) => [d._id, Object.fromEntries(Object.entries(d.counts).filter(([, n]) => n !== 0))]).filter(([, c]) => Object.keys(c as object).length));
    expect(counted(all.workload as never[])).toEqual(counted(expected));
  });
});

describe('cost', () => {
  const run = async () => {
    await intervalPassed(PEOPLE.cgOfficer);
    const { invocationId } = await fire('reviews/remind');
    return lc.cost(invocationId);
  };

  // A run reads the officers' counters, a document per org, and the deltas of their orgs not yet folded
  // (the fold runs every minute): once folded, more items waiting change no document read.
  test('a reminder run costs the same round trips and documents whether 30 or 70 items wait', async () => {
    await submit();
    await fire('statistics/fold');
    // what other tests signalled goes first: each run below tells the grassroots officer alone
    await db().collection('reminderSignals').where({ openid: db().command.neq(PEOPLE.cgOfficer) }).remove();
    const few = await run();
    const waiting = (await countsOf(PEOPLE.cgOfficer)).grassroots;
    for (let i = 0; i < 40; i++) await submit();
    // the counts are exact before the fold, and the same after it
    expect((await countsOf(PEOPLE.cgOfficer)).grassroots).toBe(waiting + 40);
    await fire('statistics/fold');
    const many = await run();
    expect((await countsOf(PEOPLE.cgOfficer)).grassroots).toBe(waiting + 40);
    expect({ total: many.total, docsExamined: many.docsExamined }).toEqual({ total: few.total, docsExamined: few.docsExamined });
  });
});
