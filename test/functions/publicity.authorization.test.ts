// Every 公示 action of the applications function (publish, publicities, publicityAdmin, object,
// resolveObjection) against every role, inside and outside the scope of a 城关镇 campaign requiring 公示.
// A refused call changes nothing; an allowed one gets past the permission check and is then sent harmless
// input (nothing left to publish, a reason too short, an empty comment), so nothing is written either.
// The list is seen by the members in the campaign's scope only.
import { builtinKind } from '../../localcloud/src/demo/campaigns';
import { useLocalcloud } from '../harness/localcloud';
import { callAs, CLEAR_ID_NUMBER, data, PEOPLE as DEMO, snapshot } from './api';
import { expectVerdict, type Verdict } from './authorizationTable';
import { approvedMember, childId, draftOfKind, openCampaign, requestKey, studentAidAnswers, upload } from './applicationsFixtures';

const lc = useLocalcloud({ demo: true });

const PEOPLE = {
  applicant: DEMO.member, // 城关镇环卫所工会: the listed application is theirs
  otherMember: 'o-pauth-other', // 城关镇环卫所工会: in scope, has objected
  pending: DEMO.pending, // 城关镇环卫所工会, not yet verified
  cgOfficer: DEMO.cgOfficer, // orgOfficer over 城关镇总工会; a member of 城关镇建筑公司工会, so in scope as a member
  spOfficer: DEMO.spOfficer, // orgOfficer over 水坪镇总工会, a member there: out of scope
  fedOfficer: DEMO.fedOfficer, // federationOfficer over the county: runs the campaign's 公示
  spFederation: 'o-pauth-sp-fed', // federationOfficer over 水坪镇总工会 only: out of scope
  lawyer: DEMO.lawyer,
  staff: DEMO.staff,
  admin: DEMO.admin,
  newcomer: DEMO.newcomer,
} as const;
type Who = keyof typeof PEOPLE;
const EVERYONE = Object.keys(PEOPLE) as Who[];
const VERIFIED = EVERYONE.filter((w) => w !== 'newcomer' && w !== 'pending');
const IN_SCOPE: Who[] = ['applicant', 'otherMember', 'cgOfficer'];
const WATCHED = ['applications', 'campaigns', 'publicities', 'objections', 'outbox', 'audit', 'reminderSignals', 'deltas'];

let campaignId = '';
let publicityId = '';
let applicationId = '';
let objectionId = '';

beforeAll(async () => {
  await approvedMember(lc, PEOPLE.otherMember, 71);
  const spFed = await approvedMember(lc, PEOPLE.spFederation, 72, false, 'org-sp-clinic');
  data(await callAs(lc, DEMO.admin, 'roles', 'grant', { memberId: spFed, role: 'federationOfficer', orgId: 'org-shuiping' }));
  campaignId = await openCampaign(lc, DEMO.fedOfficer, draftOfKind({ ...builtinKind('studentAid'), kindId: 'studentAid' }, 'org-chengguan', { title: '城关镇金秋助学（公示）', publicity: { workingDays: 5 } }));
  const file = await upload(lc, PEOPLE.applicant);
  const a = data(await callAs(lc, PEOPLE.applicant, 'applications', 'submit', { campaignId, requestKey: requestKey(), answers: studentAidAnswers(childId(701), [file]) })).application;
  const r = data(await callAs(lc, DEMO.cgOfficer, 'applications', 'act', { applicationId: a.applicationId, version: a.version, transition: 'recommend' })).application;
  data(await callAs(lc, DEMO.fedOfficer, 'applications', 'act', { applicationId: r.applicationId, version: r.version, transition: 'approve', amountFen: 300_000 }));
  applicationId = a.applicationId;
  publicityId = data(await callAs(lc, DEMO.fedOfficer, 'applications', 'publish', { campaignId, requestKey: requestKey() })).publicity.publicityId;
  objectionId = data(await callAs(lc, PEOPLE.otherMember, 'applications', 'object', { publicityId, applicationId, reason: '该职工家庭收入较高，不属于困难职工。' })).objection.objectionId;
});

interface Row extends Verdict<Who> {
  name: string;
  action: 'publish' | 'publicities' | 'publicityAdmin' | 'object' | 'resolveObjection';
  input: () => Record<string, unknown>;
}

const TABLE: Row[] = [
  { name: 'publish (nothing left to publish)', action: 'publish', input: () => ({ campaignId, requestKey: requestKey() }), allowed: ['fedOfficer'], allowedCode: 'INVALID_STATE' },
  { name: 'publicities', action: 'publicities', input: () => ({}), allowed: VERIFIED, allowedCode: 'ok', refused: { newcomer: 'NOT_REGISTERED' } },
  { name: 'publicityAdmin', action: 'publicityAdmin', input: () => ({ campaignId }), allowed: ['fedOfficer'], allowedCode: 'ok' },
  // the applicant may not object to their own application; members out of scope not at all
  { name: 'object (a reason too short)', action: 'object', input: () => ({ publicityId, applicationId, reason: '不对' }), allowed: ['otherMember', 'cgOfficer'], allowedCode: 'VALIDATION_FAILED', refused: { newcomer: 'NOT_REGISTERED' } },
  { name: 'resolveObjection (no comment)', action: 'resolveObjection', input: () => ({ objectionId, outcome: 'dismissed', comment: '' }), allowed: ['fedOfficer'], allowedCode: 'VALIDATION_FAILED' },
  { name: 'resolveObjection upheld (no comment)', action: 'resolveObjection', input: () => ({ objectionId, outcome: 'reject', comment: ' ' }), allowed: ['fedOfficer'], allowedCode: 'VALIDATION_FAILED' },
];

const cases = TABLE.flatMap((row) => EVERYONE.map((who) => [row.name, who, row] as const));

test.each(cases)('%s as %s', async (_name, who, row) => {
  const before = await snapshot(lc, WATCHED);
  const r = await callAs(lc, PEOPLE[who], 'applications', row.action, row.input());
  expectVerdict(r, who, row);
  expect(await snapshot(lc, WATCHED)).toEqual(before);
});

test.each(VERIFIED)('the list reaches %s only inside the campaign’s scope, with no ID number', async (who) => {
  const r = data(await callAs(lc, PEOPLE[who], 'applications', 'publicities', {}));
  expect(r.items.some((p) => p.publicityId === publicityId)).toBe(IN_SCOPE.includes(who));
  expect(JSON.stringify(r)).not.toMatch(CLEAR_ID_NUMBER);
  // a member sees their own objections only, never who else objected
  expect(r.mine.every((o) => o.objectorName === null)).toBe(true);
  expect(r.mine.length).toBe(who === 'otherMember' ? 1 : 0);
});
