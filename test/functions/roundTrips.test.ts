// What every write action costs (issue 21: at most 10 round trips each, at most 5 documents written), from
// localcloud's count of the requests of its invocation: database reads, writes, aggregations, a
// transaction's start and commit, storage calls; and of the documents they wrote. A step never writes the
// counters (report figures, waiting work) itself: its change to them is one delta document.
import type { ApplicationDetail, CaseDetail } from '../../typings/api';
import { useLocalcloud } from '../harness/localcloud';
import { callCounted, data, measuredCall, PEOPLE } from './api';
import { childId, requestKey, sdkDb, STUDENT_AID, studentAidAnswers, SUMMER_RELIEF, summerReliefAnswers, upload } from './applicationsFixtures';
import { caseForm } from './casesFixtures';

const lc = useLocalcloud({ demo: true });

const costs: Record<string, { trips: number; written: number; byCollection: Record<string, number> }> = {};

/** Calls as `openid` and keeps what it cost; the data of the result. */
async function measured<T>(name: string, openid: string, fn: 'applications' | 'cases', action: string, input: Record<string, unknown>): Promise<T> {
  const { data: out, cost: s } = await measuredCall(lc, openid, fn, action as never, input);
  expect({ name, unindexed: s.unindexedQueries }).toEqual({ name, unindexed: 0 });
  expect({ name, counters: (s.byCollection.stats ?? 0) + (s.byCollection.workload ?? 0) }).toEqual({ name, counters: 0 });
  costs[name] = { trips: s.total, written: s.docsWritten, byCollection: s.byCollection };
  return out as T;
}

const decide = (name: string, openid: string, app: ApplicationDetail, transition: string, more: Record<string, unknown> = {}) =>
  measured<{ application: ApplicationDetail }>(name, openid, 'applications', 'act', { applicationId: app.applicationId, version: app.version, transition, ...more }).then((r) => r.application);

const caseStep = (name: string, openid: string, c: CaseDetail, transition: string, more: Record<string, unknown> = {}) =>
  measured<{ case: CaseDetail }>(name, openid, 'cases', 'act', { caseId: c.caseId, version: c.version, transition, ...more }).then((r) => r.case);

let child = 500;
const submit = (name: string, notice: string) =>
  measured<{ application: ApplicationDetail }>(name, PEOPLE.member, 'applications', 'submit', { campaignId: STUDENT_AID, requestKey: requestKey(), answers: studentAidAnswers(childId(child++), [notice]) }).then((r) => r.application);

beforeAll(async () => {
  // room in the budget for every approval below
  await sdkDb(lc).collection('campaigns').doc(STUDENT_AID).update({ data: { budgetFen: 100_000_000 } });
});

test('every write action within its round trips', async () => {
  const notice = await upload(lc, PEOPLE.member);
  // 金秋助学, with its admission notice (a file to check and to show) and its year claim (a key the
  // application itself holds)
  let a = await submit('submit', notice);
  a = await decide('return', PEOPLE.cgOfficer, a, 'return', { comment: '请补充录取通知书' });
  a = await decide('resubmit', PEOPLE.member, a, 'resubmit', { answers: studentAidAnswers(childId(child - 1), [notice], { school: '华中科技大学' }) });
  a = await decide('recommend', PEOPLE.cgOfficer, a, 'recommend');
  a = await decide('approve', PEOPLE.fedOfficer, a, 'approve', { amountFen: 300_000 });
  await decide('pay', PEOPLE.fedOfficer, a, 'pay', { paymentReference: 'P-1', paidOn: '2026-11-01' });
  const rejected = await submit('submit (another)', notice);
  await decide('reject', PEOPLE.cgOfficer, rejected, 'reject', { comment: '不符合条件' });
  const withdrawn = await submit('submit (a third)', notice);
  await decide('withdraw', PEOPLE.member, withdrawn, 'withdraw');
  // 夏送清凉, delivered with photos
  const photo = await upload(lc, PEOPLE.fedOfficer);
  let site = (await measured<{ application: ApplicationDetail }>('submit (goods)', PEOPLE.member, 'applications', 'submit', { campaignId: SUMMER_RELIEF, requestKey: requestKey(), answers: summerReliefAnswers('城关镇环卫所') })).application;
  site = await decide('recommend (goods)', PEOPLE.cgOfficer, site, 'recommend');
  site = await decide('approve (goods)', PEOPLE.fedOfficer, site, 'approve', { amountFen: 200_000 });
  await decide('deliver', PEOPLE.fedOfficer, site, 'deliver', { headcount: 30, photos: [photo], deliveredOn: '2026-11-02' });
  // legal aid, with evidence
  const evidence = await upload(lc, PEOPLE.member);
  let c = (await measured<{ case: CaseDetail }>('case open', PEOPLE.member, 'cases', 'open', caseForm({ evidence: [evidence] }))).case;
  c = await caseStep('accept', PEOPLE.cgOfficer, c, 'accept');
  const { lawyers } = data(await callCounted(lc, PEOPLE.cgOfficer, 'cases', 'lawyers', { caseId: c.caseId }).then((r) => r.result));
  c = await caseStep('assign', PEOPLE.cgOfficer, c, 'assign', { lawyerId: lawyers[0].lawyerId });
  c = await caseStep('logStep', PEOPLE.lawyer, c, 'logStep', { step: 'consultation', comment: '已电话联系当事人' });
  await caseStep('close', PEOPLE.lawyer, c, 'close', { outcome: 'mediated', recoveredFen: 3_500_000, comment: '调解结案' });

  if (process.env.SHOW_TRIPS) console.log(JSON.stringify(costs, null, 1));
  const cost = (pick: (c: (typeof costs)[string]) => number) => Object.fromEntries(Object.entries(costs).map(([k, v]) => [k, pick(v)]));
  // An application's step is its transaction (start, the record's read, then one aggregation of its
  // campaign, the officers along its paths, its org's name and the caller; the record, audit and outbox
  // writes, the campaign's ledger when it changes, the delta; commit), a signal to the
  // officers of the stage it arrives at, and one storage call for the files it checks and shows. Submit is
  // one aggregation (the member with their grants, hardship record, the officers along their path, their
  // org's name, and the campaign), the files' URLs, and a transaction that reads nothing (the record, its
  // year claim among its keys, audit and outbox writes, the delta). A case's step is one aggregation (the case, the caller, the
  // officers along its path, its org's name, the lawyer or org it names), the transaction (its messages in one
  // insert, the delta), and the evidence's URLs.
  expect(cost((c) => c.trips)).toEqual({
    submit: 9, 'submit (another)': 9, 'submit (a third)': 9, 'submit (goods)': 8,
    return: 9, resubmit: 10, recommend: 10, approve: 10, pay: 10, reject: 9, withdraw: 9,
    'recommend (goods)': 9, 'approve (goods)': 9, deliver: 10,
    'case open': 10, accept: 9, assign: 9, logStep: 10, close: 9,
  });
  // What a step writes: the record (a year group's claim held in it, 金秋助学's submit included), its audit
  // entry, its message(s), its delta, and a signal or the campaign's ledger when they change: at most 5.
  const written = cost((c) => c.written);
  expect(Object.entries(written).filter(([, n]) => n > 5)).toEqual([]);
});
