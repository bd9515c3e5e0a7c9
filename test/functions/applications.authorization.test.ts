// Every action of the applications function against every role, inside and outside the org scope. A
// refused call changes nothing, though it carries the application's current version; an allowed one gets
// past the permission check: allowed decisions are sent with a stale version, so they answer CONFLICT and
// nothing is written either.
import type { ApplicationDetail } from '../../typings/api';
import { useLocalcloud } from '../harness/localcloud';
import { callAs, data, PEOPLE as DEMO, snapshot } from './api';
import { expectVerdict, type Verdict } from './authorizationTable';
import { builtinKind } from '../../localcloud/src/demo/campaigns';
import {
  approvedMember,
  childId,
  draftOfKind,
  openCampaign,
  requestKey,
  sanatoriumAnswers,
  STUDENT_AID,
  studentAidAnswers,
  SUMMER_RELIEF,
  summerReliefAnswers,
  upload,
} from './applicationsFixtures';

const lc = useLocalcloud({ demo: true });

const PEOPLE = {
  applicant: DEMO.member,
  otherMember: 'o-auth-other', // a hardship member of the same grassroots union
  parkMember: 'o-auth-park', // a member of 示范电力公司工会 in the 工业园区, where no grassroots officer is
  cgOfficer: DEMO.cgOfficer, // in scope: orgOfficer over 城关镇总工会
  spOfficer: DEMO.spOfficer, // out of scope: orgOfficer over 水坪镇总工会
  fedOfficer: DEMO.fedOfficer,
  spFederation: 'o-auth-sp-fed', // out of scope: federationOfficer over 水坪镇总工会 only
  lawyer: DEMO.lawyer,
  staff: DEMO.staff,
  admin: DEMO.admin,
  newcomer: DEMO.newcomer,
} as const;
type Who = keyof typeof PEOPLE;
const EVERYONE = Object.keys(PEOPLE) as Who[];
const REGISTERED = EVERYONE.filter((w) => w !== 'newcomer');
const WATCHED = ['applications', 'campaigns', 'outbox', 'audit', 'draws', 'stats', 'deltas'];
const STALE = 999;

/** The applications the table acts on, one in each state it needs. */
const apps = {} as Record<'submitted' | 'recommended' | 'approved' | 'paid' | 'site' | 'placed' | 'park', ApplicationDetail>;
/** a 职工疗休养 campaign of one place, taken: a draw is refused for the quota, after the permission check */
let SANATORIUM = '';
const notices = {} as Record<Who, string>;

beforeAll(async () => {
  await approvedMember(lc, PEOPLE.otherMember, 11);
  await approvedMember(lc, PEOPLE.parkMember, 13, false, 'org-park-power');
  const spFederation = await approvedMember(lc, PEOPLE.spFederation, 12, false, 'org-sp-clinic');
  data(await callAs(lc, DEMO.admin, 'roles', 'grant', { memberId: spFederation, role: 'federationOfficer', orgId: 'org-shuiping' }));
  for (const who of EVERYONE) notices[who] = await upload(lc, PEOPLE[who]);
  const submit = async (n: number) =>
    data(await callAs(lc, PEOPLE.applicant, 'applications', 'submit', { campaignId: STUDENT_AID, requestKey: requestKey(), answers: studentAidAnswers(childId(n), [notices.applicant]) })).application;
  const act = async (who: Who, app: ApplicationDetail, transition: string, more: Record<string, unknown> = {}) =>
    data(await callAs(lc, PEOPLE[who], 'applications', 'act', { applicationId: app.applicationId, version: app.version, transition, ...more })).application;
  apps.submitted = await submit(1);
  apps.recommended = await act('cgOfficer', await submit(2), 'recommend');
  apps.approved = await act('fedOfficer', await act('cgOfficer', await submit(3), 'recommend'), 'approve', { amountFen: 300_000 });
  const toPay = await act('fedOfficer', await act('cgOfficer', await submit(4), 'recommend'), 'approve', { amountFen: 300_000 });
  apps.paid = await act('fedOfficer', toPay, 'pay', { paymentReference: 'P-0', paidOn: '2026-11-01' });
  const site = data(await callAs(lc, PEOPLE.applicant, 'applications', 'submit', { campaignId: SUMMER_RELIEF, requestKey: requestKey(), answers: summerReliefAnswers('城关镇环卫所') })).application;
  apps.site = await act('fedOfficer', await act('cgOfficer', site, 'recommend'), 'approve', { amountFen: 100_000 });
  apps.park = data(await callAs(lc, PEOPLE.parkMember, 'applications', 'submit', { campaignId: SUMMER_RELIEF, requestKey: requestKey(), answers: summerReliefAnswers('示范电力公司变电站') })).application;
  SANATORIUM = await openCampaign(lc, DEMO.fedOfficer, draftOfKind({ ...builtinKind('sanatorium'), kindId: 'sanatorium' }, 'org-county', { quota: 1 }));
  const place = async (who: Who) => data(await callAs(lc, PEOPLE[who], 'applications', 'submit', { campaignId: SANATORIUM, requestKey: requestKey(), answers: sanatoriumAnswers() })).application;
  apps.placed = await act('fedOfficer', await act('cgOfficer', await place('applicant'), 'recommend'), 'approve');
  await act('cgOfficer', await place('otherMember'), 'recommend');
});

interface Row extends Verdict<Who> {
  name: string;
  action: 'submit' | 'mine' | 'detail' | 'queue' | 'counts' | 'act' | 'batchApprove' | 'batchRecommend' | 'draw' | 'draws';
  /** `allowed`: whether `who` is among the row's allowed callers */
  input: (who: Who, allowed: boolean) => Record<string, unknown>;
}

const decision = (app: keyof typeof apps, transition: string, more: Record<string, unknown> = {}) => (_who: Who, allowed: boolean) => ({
  applicationId: apps[app].applicationId,
  version: allowed ? STALE : apps[app].version,
  transition,
  comment: '测试',
  ...more,
});

const NOT_HARDSHIP: Partial<Record<Who, string>> = { newcomer: 'NOT_REGISTERED', cgOfficer: 'INELIGIBLE', spOfficer: 'INELIGIBLE', fedOfficer: 'INELIGIBLE', spFederation: 'INELIGIBLE', parkMember: 'INELIGIBLE', lawyer: 'INELIGIBLE', staff: 'INELIGIBLE', admin: 'INELIGIBLE' };

const TABLE: Row[] = [
  // a child who has applied: the eligible get as far as the duplicate check
  { name: 'submit 金秋助学', action: 'submit', input: (who) => ({ campaignId: STUDENT_AID, requestKey: requestKey(), answers: studentAidAnswers(childId(1), [notices[who]]) }), allowed: ['applicant', 'otherMember'], allowedCode: 'DUPLICATE', refused: NOT_HARDSHIP },
  // 夏送清凉 takes any approved member, officers included; a site that has applied is a duplicate
  { name: 'submit 夏送清凉', action: 'submit', input: () => ({ campaignId: SUMMER_RELIEF, requestKey: requestKey(), answers: summerReliefAnswers('城关镇环卫所') }), allowed: REGISTERED, allowedCode: 'DUPLICATE', refused: { newcomer: 'NOT_REGISTERED' } },
  { name: 'mine', action: 'mine', input: () => ({}), allowed: EVERYONE, allowedCode: 'ok' },
  { name: 'detail', action: 'detail', input: () => ({ applicationId: apps.submitted.applicationId }), allowed: ['applicant', 'cgOfficer', 'fedOfficer'], allowedCode: 'ok' },
  // the campaign's federation officers see the grassroots stage too: it is theirs where no grassroots officer is
  { name: 'queue submitted', action: 'queue', input: () => ({ campaignId: STUDENT_AID, status: 'submitted' }), allowed: ['cgOfficer', 'spOfficer', 'fedOfficer'], allowedCode: 'ok' },
  { name: 'queue recommended', action: 'queue', input: () => ({ campaignId: STUDENT_AID, status: 'recommended' }), allowed: ['cgOfficer', 'spOfficer', 'fedOfficer'], allowedCode: 'ok' },
  { name: 'queue of one org', action: 'queue', input: () => ({ campaignId: STUDENT_AID, status: 'recommended', orgId: 'org-cg-sanitation' }), allowed: ['cgOfficer', 'fedOfficer'], allowedCode: 'ok' },
  { name: 'counts', action: 'counts', input: () => ({ campaignId: STUDENT_AID }), allowed: ['cgOfficer', 'spOfficer', 'fedOfficer'], allowedCode: 'ok' },
  { name: 'counts of one org', action: 'counts', input: () => ({ campaignId: STUDENT_AID, orgId: 'org-cg-sanitation' }), allowed: ['cgOfficer', 'fedOfficer'], allowedCode: 'ok' },
  // those who review some part of the campaign get each item's own refusal (a stale one, or FORBIDDEN)
  { name: 'act recommend', action: 'act', input: decision('submitted', 'recommend'), allowed: ['cgOfficer'], allowedCode: 'CONFLICT' },
  { name: 'act return (grassroots stage)', action: 'act', input: decision('submitted', 'return'), allowed: ['cgOfficer'], allowedCode: 'CONFLICT' },
  { name: 'act reject (grassroots stage)', action: 'act', input: decision('submitted', 'reject'), allowed: ['cgOfficer'], allowedCode: 'CONFLICT' },
  // a union without a grassroots officer: its grassroots stage is the campaign's federation officers'
  { name: 'act recommend (no grassroots officer)', action: 'act', input: decision('park', 'recommend'), allowed: ['fedOfficer'], allowedCode: 'CONFLICT' },
  { name: 'act return (no grassroots officer)', action: 'act', input: decision('park', 'return'), allowed: ['fedOfficer'], allowedCode: 'CONFLICT' },
  { name: 'act reject (no grassroots officer)', action: 'act', input: decision('park', 'reject'), allowed: ['fedOfficer'], allowedCode: 'CONFLICT' },
  { name: 'detail (no grassroots officer)', action: 'detail', input: () => ({ applicationId: apps.park.applicationId }), allowed: ['parkMember', 'fedOfficer'], allowedCode: 'ok' },
  { name: 'act return (federation stage)', action: 'act', input: decision('recommended', 'return'), allowed: ['fedOfficer'], allowedCode: 'CONFLICT' },
  { name: 'act reject (federation stage)', action: 'act', input: decision('recommended', 'reject'), allowed: ['fedOfficer'], allowedCode: 'CONFLICT' },
  { name: 'act approve', action: 'act', input: decision('recommended', 'approve', { amountFen: 300_000 }), allowed: ['fedOfficer'], allowedCode: 'CONFLICT' },
  { name: 'act pay', action: 'act', input: decision('approved', 'pay', { paymentReference: 'P-1', paidOn: '2026-11-01' }), allowed: ['fedOfficer'], allowedCode: 'CONFLICT' },
  { name: 'act deliver', action: 'act', input: decision('site', 'deliver', { headcount: 3, photos: [], deliveredOn: '2026-11-01' }), allowed: ['fedOfficer'], allowedCode: 'CONFLICT' },
  // 撤销批准 and 登记退款: the campaign's federation officers alone
  { name: 'act cancel', action: 'act', input: decision('approved', 'cancel'), allowed: ['fedOfficer'], allowedCode: 'CONFLICT' },
  { name: 'act cancel (goods)', action: 'act', input: decision('site', 'cancel'), allowed: ['fedOfficer'], allowedCode: 'CONFLICT' },
  { name: 'act refund', action: 'act', input: decision('paid', 'refund', { refundFen: 100, refundedOn: '2026-11-02', refundReference: 'T-1', refundReason: '多发' }), allowed: ['fedOfficer'], allowedCode: 'CONFLICT' },
  { name: 'act withdraw', action: 'act', input: decision('submitted', 'withdraw'), allowed: ['applicant'], allowedCode: 'CONFLICT' },
  { name: 'act resubmit', action: 'act', input: decision('submitted', 'resubmit', { answers: {} }), allowed: ['applicant'], allowedCode: 'CONFLICT' },
  { name: 'batchRecommend', action: 'batchRecommend', input: () => ({ campaignId: STUDENT_AID, items: [{ applicationId: apps.submitted.applicationId, version: STALE }] }), allowed: ['cgOfficer', 'spOfficer', 'fedOfficer'], allowedCode: 'ok' },
  { name: 'batchApprove', action: 'batchApprove', input: () => ({ campaignId: STUDENT_AID, items: [{ applicationId: apps.recommended.applicationId, version: STALE, amountFen: 300_000 }] }), allowed: ['fedOfficer'], allowedCode: 'ok' },
  // a places campaign: attendance, the draw (its only place taken: refused for the quota) and its record
  { name: 'act attend', action: 'act', input: decision('placed', 'attend', { attendedOn: '2026-11-01' }), allowed: ['fedOfficer'], allowedCode: 'CONFLICT' },
  { name: 'draw', action: 'draw', input: () => ({ campaignId: SANATORIUM, places: 1, requestKey: requestKey() }), allowed: ['fedOfficer'], allowedCode: 'BUDGET_EXHAUSTED' },
  { name: 'draws', action: 'draws', input: () => ({ campaignId: SANATORIUM }), allowed: ['fedOfficer'], allowedCode: 'ok' },
  { name: 'act cancel (places)', action: 'act', input: decision('placed', 'cancel'), allowed: ['fedOfficer'], allowedCode: 'CONFLICT' },
];

const cases = TABLE.flatMap((row) => EVERYONE.map((who) => [row.name, who, row] as const));

test.each(cases)('%s as %s', async (_name, who, row) => {
  const before = await snapshot(lc, WATCHED);
  const r = await callAs(lc, PEOPLE[who], 'applications', row.action, row.input(who, row.allowed.includes(who)));
  expectVerdict(r, who, row);
  expect(await snapshot(lc, WATCHED)).toEqual(before);
});

test('lists show only what the caller may see', async () => {
  const ids = async (who: Who, status: string, orgId?: string) =>
    data(await callAs(lc, PEOPLE[who], 'applications', 'queue', { campaignId: STUDENT_AID, status, ...(orgId && { orgId }) })).items.map((s) => s.applicationId);
  expect(await ids('cgOfficer', 'submitted')).toEqual([apps.submitted.applicationId]);
  expect(await ids('spOfficer', 'submitted')).toEqual([]);
  expect(await ids('spOfficer', 'recommended')).toEqual([]);
  expect(await ids('fedOfficer', 'recommended')).toEqual([apps.recommended.applicationId]);
  expect(await ids('cgOfficer', 'recommended', 'org-cg-construction')).toEqual([]);
  expect(await callAs(lc, PEOPLE.cgOfficer, 'applications', 'queue', { campaignId: STUDENT_AID, status: 'recommended', orgId: 'org-sp-clinic' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(data(await callAs(lc, PEOPLE.otherMember, 'applications', 'mine', {})).items.map((a) => a.campaignId)).toEqual([SANATORIUM]);
  expect(data(await callAs(lc, PEOPLE.applicant, 'applications', 'mine', {})).items).toHaveLength(6);
  // the batch approval by the federation officer was refused per item for its stale version
  const batch = data(await callAs(lc, PEOPLE.fedOfficer, 'applications', 'batchApprove', { campaignId: STUDENT_AID, items: [{ applicationId: apps.recommended.applicationId, version: STALE, amountFen: 300_000 }] }));
  expect(batch.results).toEqual([{ applicationId: apps.recommended.applicationId, ok: false, error: { code: 'CONFLICT', message: expect.any(String) } }]);
  // a batch recommendation: stale for those who see the application (as act tells them), FORBIDDEN
  // (revealing nothing) for the others; at its current version, FORBIDDEN to the federation officer, since
  // 城关镇 has its grassroots officer
  const recommendAs = async (who: Who, version = STALE) =>
    data(await callAs(lc, PEOPLE[who], 'applications', 'batchRecommend', { campaignId: STUDENT_AID, items: [{ applicationId: apps.submitted.applicationId, version }] })).results[0].error?.code;
  expect(await recommendAs('cgOfficer')).toBe('CONFLICT');
  expect(await recommendAs('fedOfficer')).toBe('CONFLICT');
  expect(await recommendAs('spOfficer')).toBe('FORBIDDEN');
  expect(await recommendAs('spOfficer', apps.submitted.version)).toBe('FORBIDDEN');
  expect(await recommendAs('fedOfficer', apps.submitted.version)).toBe('FORBIDDEN');
  // counts are of the caller's subtree only
  const countsOf = async (who: Who) => data(await callAs(lc, PEOPLE[who], 'applications', 'counts', { campaignId: STUDENT_AID })).counts;
  expect(await countsOf('spOfficer')).toEqual({});
  expect(await countsOf('cgOfficer')).toMatchObject({ submitted: 1, recommended: 1 });
});
