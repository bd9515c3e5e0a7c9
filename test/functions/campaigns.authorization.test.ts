// Every action of the campaigns function — 首页's campaigns, the editor, the service kinds — against every
// role, inside and outside the org scope. A refused call changes nothing; an allowed one gets past the
// permission check: allowed writes are sent stale or invalid, so they answer CONFLICT or VALIDATION_FAILED
// and nothing is written either.
import type { ServiceKindDraft, ServiceKindView } from '../../typings/api';
import { builtinKind } from '../../localcloud/src/demo/campaigns';
import { useLocalcloud } from '../harness/localcloud';
import { callAs, data, PEOPLE as DEMO, snapshot } from './api';
import { expectVerdict, type Verdict } from './authorizationTable';
import { approvedMember, draftOfKind } from './applicationsFixtures';

const lc = useLocalcloud({ demo: true });

const PEOPLE = {
  newcomer: DEMO.newcomer,
  member: DEMO.member,
  pending: DEMO.pending,
  cgOfficer: DEMO.cgOfficer, // orgOfficer over 城关镇总工会
  spOfficer: DEMO.spOfficer, // orgOfficer over 水坪镇总工会
  fedOfficer: DEMO.fedOfficer, // federationOfficer over the county
  spFederation: 'o-cauth-sp-fed', // federationOfficer over 水坪镇总工会 only
  lawyer: DEMO.lawyer,
  staff: DEMO.staff,
  admin: DEMO.admin,
} as const;
type Who = keyof typeof PEOPLE;
const EVERYONE = Object.keys(PEOPLE) as Who[];
const REGISTERED = EVERYONE.filter((w) => w !== 'newcomer');
const OFFICERS: Who[] = ['cgOfficer', 'spOfficer', 'fedOfficer', 'spFederation'];
const WATCHED = ['campaigns', 'serviceKinds', 'audit'];
const STALE = 999;

/** A kind as an officer of `orgId` would submit it: the built-in 冬送温暖, renamed. */
const kindDraft = (orgId: string, over: Partial<ServiceKindDraft> = {}): ServiceKindDraft => {
  const { label: _label, builtin: _b, orgPath: _p, order: _o, seedVersion: _s, version: _v, _id, orgId: _orgId, ...rest } = builtinKind('winterWarmth');
  return { ...rest, label: '县冬送温暖', orgId, ...over } as ServiceKindDraft;
};

let countyKind: ServiceKindView;
let shuipingKind: ServiceKindView;

beforeAll(async () => {
  const spFederation = await approvedMember(lc, PEOPLE.spFederation, 31, false, 'org-sp-clinic');
  data(await callAs(lc, DEMO.admin, 'roles', 'grant', { memberId: spFederation, role: 'federationOfficer', orgId: 'org-shuiping' }));
  countyKind = data(await callAs(lc, PEOPLE.fedOfficer, 'campaigns', 'saveKind', { draft: kindDraft('org-county') })).kind;
  shuipingKind = data(await callAs(lc, PEOPLE.spFederation, 'campaigns', 'saveKind', { draft: kindDraft('org-shuiping', { label: '水坪镇冬送温暖' }) })).kind;
});

interface Row extends Verdict<Who> {
  name: string;
  action: 'listOpen' | 'get' | 'manageList' | 'save' | 'setStatus' | 'kinds' | 'saveKind';
  input: () => Record<string, unknown>;
}

const MISSING_FIELD: Partial<ServiceKindDraft> = { counting: { people: { by: 'field', field: 'familySize' } } };

const countyCampaign = () => draftOfKind({ ...builtinKind('summerRelief'), kindId: 'summerRelief' }, 'org-county');

const TABLE: Row[] = [
  { name: 'listOpen', action: 'listOpen', input: () => ({}), allowed: EVERYONE, allowedCode: 'ok' },
  { name: 'get an open campaign', action: 'get', input: () => ({ campaignId: 'campaign-student-aid' }), allowed: REGISTERED, allowedCode: 'ok', refused: { newcomer: 'NOT_REGISTERED' } },
  { name: 'manageList', action: 'manageList', input: () => ({}), allowed: ['fedOfficer', 'spFederation'], allowedCode: 'ok' },
  { name: 'save a new campaign of the county (a bad title)', action: 'save', input: () => ({ draft: { ...countyCampaign(), title: '' } }), allowed: ['fedOfficer'], allowedCode: 'VALIDATION_FAILED' },
  { name: 'save an edit (stale)', action: 'save', input: () => ({ campaignId: 'campaign-summer-relief', version: STALE, draft: countyCampaign() }), allowed: ['fedOfficer'], allowedCode: 'CONFLICT' },
  { name: 'setStatus (stale)', action: 'setStatus', input: () => ({ campaignId: 'campaign-summer-relief', version: STALE, status: 'closed' }), allowed: ['fedOfficer'], allowedCode: 'CONFLICT' },
  { name: 'kinds of the caller’s scopes', action: 'kinds', input: () => ({}), allowed: OFFICERS, allowedCode: 'ok' },
  { name: 'kinds of 城关镇环卫所工会', action: 'kinds', input: () => ({ orgId: 'org-cg-sanitation' }), allowed: ['cgOfficer', 'fedOfficer'], allowedCode: 'ok' },
  { name: 'kinds of 水坪镇', action: 'kinds', input: () => ({ orgId: 'org-shuiping' }), allowed: ['spOfficer', 'fedOfficer', 'spFederation'], allowedCode: 'ok' },
  // a counting rule naming a field the form lacks: refused after the permission check
  { name: 'saveKind new for the county (a counting field missing)', action: 'saveKind', input: () => ({ draft: kindDraft('org-county', MISSING_FIELD) }), allowed: ['fedOfficer'], allowedCode: 'VALIDATION_FAILED' },
  { name: 'saveKind new for 水坪镇 (a counting field missing)', action: 'saveKind', input: () => ({ draft: kindDraft('org-shuiping', MISSING_FIELD) }), allowed: ['fedOfficer', 'spFederation'], allowedCode: 'VALIDATION_FAILED' },
  { name: 'saveKind edit of the county’s kind (stale)', action: 'saveKind', input: () => ({ kindId: countyKind.kindId, version: STALE, draft: kindDraft('org-county') }), allowed: ['fedOfficer'], allowedCode: 'CONFLICT' },
  // moved to an org the caller manages, the county's kind is still not theirs
  { name: 'saveKind edit of the county’s kind into 水坪镇 (stale)', action: 'saveKind', input: () => ({ kindId: countyKind.kindId, version: STALE, draft: kindDraft('org-shuiping') }), allowed: ['fedOfficer'], allowedCode: 'CONFLICT' },
  { name: 'saveKind edit of 水坪镇’s kind (stale)', action: 'saveKind', input: () => ({ kindId: shuipingKind.kindId, version: STALE, draft: kindDraft('org-shuiping') }), allowed: ['fedOfficer', 'spFederation'], allowedCode: 'CONFLICT' },
  // nobody edits a built-in
  { name: 'saveKind edit of a built-in', action: 'saveKind', input: () => ({ kindId: 'winterWarmth', version: 1, draft: kindDraft('org-county') }), allowed: [], allowedCode: 'FORBIDDEN' },
];

const cases = TABLE.flatMap((row) => EVERYONE.map((who) => [row.name, who, row] as const));

test.each(cases)('%s as %s', async (_name, who, row) => {
  const before = await snapshot(lc, WATCHED);
  const r = await callAs(lc, PEOPLE[who], 'campaigns', row.action, row.input());
  expectVerdict(r, who, row);
  expect(await snapshot(lc, WATCHED)).toEqual(before);
});

test('a federation’s kind is seen in its subtree only, and runs campaigns there only', async () => {
  const ids = async (who: Who, orgId?: string) => data(await callAs(lc, PEOPLE[who], 'campaigns', 'kinds', orgId ? { orgId } : {})).items.map((k) => k.kindId);
  const builtins = ['studentAid', 'summerRelief', 'winterWarmth', 'festivalCare', 'sanatorium', 'medicalAid'];
  expect(await ids('cgOfficer', 'org-cg-sanitation')).toEqual([...builtins, countyKind.kindId]);
  expect(await ids('spOfficer', 'org-shuiping')).toEqual([...builtins, countyKind.kindId, shuipingKind.kindId]);
  expect(await ids('cgOfficer')).not.toContain(shuipingKind.kindId);
  const mine = data(await callAs(lc, PEOPLE.spFederation, 'campaigns', 'kinds', { orgId: 'org-shuiping' })).items;
  expect(mine.map((k) => [k.kindId, k.editable])).toEqual([...builtins.map((id) => [id, false]), [countyKind.kindId, false], [shuipingKind.kindId, true]]);
  // 水坪镇's kind for a 城关镇 campaign: refused against the kind, nothing written
  const before = await snapshot(lc, WATCHED);
  const r = await callAs(lc, PEOPLE.fedOfficer, 'campaigns', 'save', { draft: draftOfKind(shuipingKind, 'org-chengguan') });
  expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: { kindId: '没有这个服务类型，或它不能在该组织使用' } } });
  expect(await snapshot(lc, WATCHED)).toEqual(before);
});
