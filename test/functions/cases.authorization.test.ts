// Every action of the cases function against every role, inside and outside the org scope. A refused call
// changes nothing, though a refused step carries the case's current version; an allowed step that moves the
// case is sent with a stale version, so it answers CONFLICT and changes nothing either. Steps that keep the
// case's state (message, evidence, 督办, rating) and reads are taken for real by the allowed callers.
import type { CaseDetail } from '../../typings/api';
import { useLocalcloud } from '../harness/localcloud';
import { callAs, data, PEOPLE as DEMO, snapshot } from './api';
import { expectVerdict, type Verdict } from './authorizationTable';
import { approvedMember, sdkDb, upload } from './applicationsFixtures';
import { caseForm } from './casesFixtures';

const lc = useLocalcloud({ demo: true });

const PEOPLE = {
  member: DEMO.member, // the member whose cases these are (城关镇环卫所工会)
  otherMember: 'o-cauth-other', // another member of the same grassroots union
  cgOfficer: DEMO.cgOfficer, // in scope: orgOfficer over 城关镇总工会
  spOfficer: DEMO.spOfficer, // out of scope: orgOfficer over 水坪镇总工会
  fedOfficer: DEMO.fedOfficer, // federationOfficer over the county
  lawyer: DEMO.lawyer, // the lawyer assigned to the `assigned` case
  staff: DEMO.staff,
  admin: DEMO.admin,
  newcomer: DEMO.newcomer,
} as const;
type Who = keyof typeof PEOPLE;
const EVERYONE = Object.keys(PEOPLE) as Who[];
const MEMBERS = EVERYONE.filter((w) => w !== 'newcomer');
const OFFICERS: Who[] = ['cgOfficer', 'fedOfficer'];
const WORKERS: Who[] = ['cgOfficer', 'fedOfficer', 'lawyer'];
const VIEWERS: Who[] = ['member', 'cgOfficer', 'fedOfficer', 'lawyer'];
const WATCHED = ['cases', 'outbox', 'audit', 'deltas'];
const STALE = 999;

const form = () => caseForm({ amountInDisputeFen: 1_200_000, workersAffected: 2, description: '2026年9月和10月的工资一直没有发放。' });

const cases = {} as Record<'submitted' | 'assigned' | 'closed', CaseDetail>;
const files = {} as Record<Who, string>;

beforeAll(async () => {
  await approvedMember(lc, PEOPLE.otherMember, 21, false);
  for (const who of EVERYONE) files[who] = await upload(lc, PEOPLE[who]);
  const open = async () => data(await callAs(lc, PEOPLE.member, 'cases', 'open', form())).case;
  const act = async (who: Who, c: CaseDetail, transition: string, more: Record<string, unknown> = {}) =>
    data(await callAs(lc, PEOPLE[who], 'cases', 'act', { caseId: c.caseId, version: c.version, transition, ...more })).case;
  cases.submitted = await open();
  const accepted = await act('cgOfficer', await open(), 'accept');
  const { lawyers } = data(await callAs(lc, PEOPLE.cgOfficer, 'cases', 'lawyers', { caseId: accepted.caseId }));
  cases.assigned = await act('cgOfficer', accepted, 'assign', { lawyerId: lawyers[0].lawyerId });
  cases.closed = await act('cgOfficer', await act('cgOfficer', await open(), 'accept'), 'close', { outcome: 'mediated', recoveredFen: 100_000, comment: '调解结案' });
});

/** The case's version now: earlier rows may have added messages to it. */
async function versionOf(c: keyof typeof cases): Promise<number> {
  const { data: doc } = (await sdkDb(lc).collection('cases').doc(cases[c].caseId).get()) as unknown as { data: { version: number } };
  return doc.version;
}

interface Row extends Verdict<Who> {
  name: string;
  action: 'open' | 'mine' | 'detail' | 'queue' | 'act' | 'lawyers' | 'flagOverdue';
  input: (who: Who, allowed: boolean) => Promise<Record<string, unknown>>;
  /** what an allowed caller gets: 'ok', or the code of a stale step */
  allowedCode: 'ok' | 'CONFLICT';
}

/** A step that moves the case: stale for the allowed, current for the refused. */
const step = (c: keyof typeof cases, transition: string, more: Record<string, unknown> = {}) => async (_who: Who, allowed: boolean) => ({
  caseId: cases[c].caseId,
  version: allowed ? STALE : await versionOf(c),
  transition,
  comment: '测试说明',
  ...more,
});
/** A step that keeps the state and applies to the current version. */
const keep = (c: keyof typeof cases, transition: string, more: (who: Who) => Record<string, unknown> = () => ({})) => async (who: Who) => ({
  caseId: cases[c].caseId,
  version: await versionOf(c),
  transition,
  ...more(who),
});
const fixed = (input: Record<string, unknown>) => async () => input;

const TABLE: Row[] = [
  { name: 'open for oneself', action: 'open', input: async () => form(), allowed: MEMBERS, allowedCode: 'ok', refused: { newcomer: 'NOT_REGISTERED' } },
  { name: 'open on behalf', action: 'open', input: async () => ({ ...form(), onBehalf: { name: '李大山', phone: '13900001111', orgId: 'org-cg-sanitation' } }), allowed: OFFICERS, allowedCode: 'ok' },
  { name: 'mine', action: 'mine', input: fixed({}), allowed: EVERYONE, allowedCode: 'ok' },
  { name: 'detail', action: 'detail', input: async () => ({ caseId: cases.assigned.caseId }), allowed: VIEWERS, allowedCode: 'ok' },
  { name: 'queue', action: 'queue', input: fixed({ view: 'open' }), allowed: ['cgOfficer', 'spOfficer', 'fedOfficer', 'lawyer'], allowedCode: 'ok' },
  { name: 'queue of one org', action: 'queue', input: fixed({ view: 'open', orgId: 'org-cg-sanitation' }), allowed: OFFICERS, allowedCode: 'ok' },
  { name: 'lawyers', action: 'lawyers', input: async () => ({ caseId: cases.submitted.caseId }), allowed: OFFICERS, allowedCode: 'ok' },
  { name: 'flagOverdue (only the timer)', action: 'flagOverdue', input: fixed({}), allowed: [], allowedCode: 'ok' },
  { name: 'act accept', action: 'act', input: step('submitted', 'accept'), allowed: OFFICERS, allowedCode: 'CONFLICT' },
  { name: 'act decline', action: 'act', input: step('submitted', 'decline'), allowed: OFFICERS, allowedCode: 'CONFLICT' },
  { name: 'act refer', action: 'act', input: step('submitted', 'refer', { toOrgId: 'org-sp-clinic' }), allowed: OFFICERS, allowedCode: 'CONFLICT' },
  { name: 'act assign', action: 'act', input: step('assigned', 'assign', { lawyerId: 'any' }), allowed: OFFICERS, allowedCode: 'CONFLICT' },
  { name: 'act logStep', action: 'act', input: step('assigned', 'logStep', { step: 'consultation' }), allowed: WORKERS, allowedCode: 'CONFLICT' },
  { name: 'act close', action: 'act', input: step('assigned', 'close', { outcome: 'mediated', recoveredFen: 100 }), allowed: WORKERS, allowedCode: 'CONFLICT' },
  { name: 'act supervise', action: 'act', input: keep('assigned', 'supervise', () => ({ comment: '请加快办理' })), allowed: ['fedOfficer'], allowedCode: 'ok' },
  { name: 'act message', action: 'act', input: keep('assigned', 'message', () => ({ comment: '请问进展如何？' })), allowed: VIEWERS, allowedCode: 'ok' },
  { name: 'act addEvidence', action: 'act', input: keep('assigned', 'addEvidence', (who) => ({ files: [files[who]] })), allowed: VIEWERS, allowedCode: 'ok' },
  { name: 'act rate', action: 'act', input: keep('closed', 'rate', () => ({ stars: 5 })), allowed: ['member'], allowedCode: 'ok' },
];

const rows = TABLE.flatMap((row) => EVERYONE.map((who) => [row.name, who, row] as const));

test.each(rows)('%s as %s', async (_name, who, row) => {
  const allowed = row.allowed.includes(who);
  const input = await row.input(who, allowed);
  const before = await snapshot(lc, WATCHED);
  const r = await callAs(lc, PEOPLE[who], 'cases', row.action, input);
  expectVerdict(r, who, row);
  if (allowed && row.allowedCode === 'ok') return;
  expect(await snapshot(lc, WATCHED)).toEqual(before);
});

test('lists show only what the caller may see: the lawyer their assigned cases, officers their subtree', async () => {
  const ids = async (who: Who, input: Record<string, unknown>) =>
    data(await callAs(lc, PEOPLE[who], 'cases', 'queue', input)).items.map((c) => c.caseId);
  expect(await ids('lawyer', { view: 'open' })).toEqual([cases.assigned.caseId]);
  expect(await ids('lawyer', { view: 'finished' })).toEqual([]);
  const ours = Object.values(cases).map((c) => c.caseId);
  expect((await ids('spOfficer', { view: 'open' })).filter((id) => ours.includes(id))).toEqual([]);
  const cg = await ids('cgOfficer', { view: 'open' });
  expect(cg).toEqual(expect.arrayContaining([cases.submitted.caseId, cases.assigned.caseId]));
  expect(await ids('cgOfficer', { view: 'finished' })).toEqual([cases.closed.caseId]);
  const mine = data(await callAs(lc, PEOPLE.otherMember, 'cases', 'mine', {})).items;
  expect(mine.filter((c) => ours.includes(c.caseId))).toEqual([]);
});
