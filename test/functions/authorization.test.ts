// Every action of members, orgs, roles and reviews against every role, inside and outside the org scope. A refused
// call changes nothing; an allowed one gets past the permission check (a stale version then answers
// CONFLICT, so allowed decisions are proved without changing data).
import { useLocalcloud } from '../harness/localcloud';
import { callAs, data, PEOPLE, snapshot } from './api';

const lc = useLocalcloud({ demo: true });

type Who = keyof typeof PEOPLE;
const EVERYONE = Object.keys(PEOPLE) as Who[];
const WATCHED = ['members', 'roles', 'audit', 'outbox', 'reminderSignals', 'reminders'];

const PENDING_ID = 'member-o-demo-pending';
const MEMBER_ID = 'member-o-demo-member';

interface Row {
  fn: 'members' | 'orgs' | 'roles' | 'reviews';
  action: string;
  input: Record<string, unknown>;
  allowed: Who[];
  /** what an allowed caller gets when the input is deliberately stale or harmless */
  allowedCode?: string;
  /** what a refused caller gets, where it is not FORBIDDEN */
  refusedCode?: string;
}

const REGISTERED = EVERYONE.filter((w) => w !== 'newcomer');
// Self-service actions act on the caller's own record only; an edit with an old version is stale, so
// nothing is written.
const SELF_FORM = { name: '测试员', idCard: '11010519491231002X', phone: '13900000000', workUnit: '测试单位', orgId: 'org-cg-sanitation', newEmployment: null };

const TABLE: Row[] = [
  { fn: 'members', action: 'me', input: {}, allowed: EVERYONE },
  // Anyone may register themselves (a second registration is DUPLICATE: members.test); a town org is no
  // grassroots union, so the call stops at validation.
  { fn: 'members', action: 'register', input: { ...SELF_FORM, orgId: 'org-chengguan' }, allowed: EVERYONE, allowedCode: 'VALIDATION_FAILED' },
  { fn: 'members', action: 'updateProfile', input: { ...SELF_FORM, version: 999 }, allowed: REGISTERED, allowedCode: 'CONFLICT', refusedCode: 'NOT_REGISTERED' },
  { fn: 'members', action: 'pendingList', input: {}, allowed: ['cgOfficer', 'spOfficer', 'fedOfficer'] },
  { fn: 'members', action: 'detail', input: { memberId: MEMBER_ID }, allowed: ['member', 'cgOfficer', 'fedOfficer'] },
  { fn: 'members', action: 'review', input: { memberId: PENDING_ID, version: 999, decision: 'approve' }, allowed: ['cgOfficer', 'fedOfficer'], allowedCode: 'CONFLICT' },
  { fn: 'orgs', action: 'tree', input: {}, allowed: EVERYONE },
  { fn: 'orgs', action: 'search', input: { query: '工会' }, allowed: EVERYONE },
  { fn: 'roles', action: 'list', input: {}, allowed: ['admin'] },
  { fn: 'roles', action: 'list', input: { orgId: 'org-chengguan' }, allowed: ['admin'] },
  { fn: 'roles', action: 'findMembers', input: { query: '王' }, allowed: ['admin'] },
  { fn: 'roles', action: 'findMembers', input: { query: '13872000001' }, allowed: ['admin'] },
  { fn: 'roles', action: 'grant', input: { memberId: MEMBER_ID, role: 'lawyer', orgId: 'org-nowhere' }, allowed: ['admin'], allowedCode: 'VALIDATION_FAILED' },
  { fn: 'roles', action: 'revoke', input: { grantId: 'no-such-grant' }, allowed: ['admin'], allowedCode: 'NOT_FOUND' },
  // what waits at one's desk: officers and lawyers; what waited too long, for whom: officers, in their subtree
  { fn: 'reviews', action: 'counts', input: {}, allowed: ['cgOfficer', 'spOfficer', 'fedOfficer', 'lawyer'] },
  { fn: 'reviews', action: 'waiting', input: { kind: 'applications' }, allowed: ['cgOfficer', 'spOfficer', 'fedOfficer'] },
  { fn: 'reviews', action: 'waiting', input: { kind: 'memberships', workingDays: 1 }, allowed: ['cgOfficer', 'spOfficer', 'fedOfficer'] },
  { fn: 'reviews', action: 'waiting', input: { kind: 'cases' }, allowed: ['cgOfficer', 'spOfficer', 'fedOfficer'] },
  { fn: 'reviews', action: 'waiting', input: { kind: 'hardship' }, allowed: ['cgOfficer', 'spOfficer', 'fedOfficer'] },
  // the reminder run: the timer alone
  { fn: 'reviews', action: 'remind', input: {}, allowed: [] },
];

const cases = TABLE.flatMap((row) => EVERYONE.map((who) => [`${row.fn}.${row.action} ${JSON.stringify(row.input)}`, who, row] as const));

test.each(cases)('%s as %s', async (_name, who, row) => {
  const before = await snapshot(lc, WATCHED);
  const r = await callAs(lc, PEOPLE[who], row.fn as 'members', row.action as 'me', row.input);
  if (row.allowed.includes(who)) {
    if (row.allowedCode) expect(r).toMatchObject({ ok: false, error: { code: row.allowedCode } });
    else expect(r.ok).toBe(true);
  } else {
    expect(r).toMatchObject({ ok: false, error: { code: row.refusedCode ?? 'FORBIDDEN' } });
  }
  expect(await snapshot(lc, WATCHED)).toEqual(before);
});

test('lists show only the caller’s subtree', async () => {
  const cg = data(await callAs(lc, PEOPLE.cgOfficer, 'members', 'pendingList', {}));
  const sp = data(await callAs(lc, PEOPLE.spOfficer, 'members', 'pendingList', {}));
  const fed = data(await callAs(lc, PEOPLE.fedOfficer, 'members', 'pendingList', {}));
  expect(cg.items.map((p) => p.memberId)).toEqual([PENDING_ID]);
  expect(sp.items).toEqual([]);
  expect(fed.items.map((p) => p.memberId)).toEqual([PENDING_ID]);
});

test('an admin grants and revokes a role, audited; the new officer can then review in that scope only', async () => {
  const { grant } = data(await callAs(lc, PEOPLE.admin, 'roles', 'grant', { memberId: 'member-o-demo-staff', role: 'orgOfficer', orgId: 'org-cg-sanitation' }));
  expect(data(await callAs(lc, PEOPLE.staff, 'members', 'pendingList', {})).items.map((p) => p.memberId)).toEqual([PENDING_ID]);
  expect(await callAs(lc, PEOPLE.admin, 'roles', 'grant', { memberId: 'member-o-demo-staff', role: 'orgOfficer', orgId: 'org-cg-sanitation' })).toMatchObject({ ok: false, error: { code: 'DUPLICATE' } });
  data(await callAs(lc, PEOPLE.admin, 'roles', 'revoke', { grantId: grant.grantId }));
  expect(await callAs(lc, PEOPLE.staff, 'members', 'pendingList', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  const { audit } = await snapshot(lc, ['audit']);
  expect(audit.filter((a) => (a as { targetId: string }).targetId === grant.grantId).map((a) => (a as { action: string }).action).sort()).toEqual(['role.grant', 'role.revoke']);
});

test('a role cannot be granted to a member who is not verified', async () => {
  expect(await callAs(lc, PEOPLE.admin, 'roles', 'grant', { memberId: PENDING_ID, role: 'staff', orgId: 'org-county' })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
});
