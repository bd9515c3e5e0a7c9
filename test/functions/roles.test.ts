// Admin safety through the roles function on localcloud (demo world): the last admin of a scope is never
// revoked — by themselves, by another admin, or by two revokes racing each other under snapshot isolation —
// admins act only within their subtree, and a role goes to a member found by name or phone there.
import { useLocalcloud } from '../harness/localcloud';
import { callAs, data, PEOPLE, snapshot } from './api';
import { approvedMember, sdkDb } from './applicationsFixtures';

const lc = useLocalcloud({ demo: true });
const db = () => sdkDb(lc);

const SECOND = 'o-roles-second'; // becomes a second county admin
const TOWN = 'o-roles-town'; // becomes the admin of 城关镇 only

const grantsOf = async (openid: string) => ((await db().collection('roles').where({ openid, role: 'admin' }).get()) as unknown as { data: { _id: string }[] }).data;
const memberIdOf = async (openid: string) => (((await db().collection('members').where({ openid }).get()) as unknown as { data: { _id: string }[] }).data)[0]._id;
const adminGrant = async (admin: string, openid: string, orgId: string) =>
  data(await callAs(lc, admin, 'roles', 'grant', { memberId: await memberIdOf(openid), role: 'admin', orgId })).grant.grantId;

beforeAll(async () => {
  await approvedMember(lc, SECOND, 81, false, 'org-sp-school');
  await approvedMember(lc, TOWN, 82, false, 'org-cg-construction');
});

test('the only admin cannot revoke their own admin role, and the page of roles stays manageable', async () => {
  const [own] = await grantsOf(PEOPLE.admin);
  const before = await snapshot(lc, ['roles', 'audit']);
  expect(await callAs(lc, PEOPLE.admin, 'roles', 'revoke', { grantId: own._id })).toMatchObject({ ok: false, error: { code: 'LAST_ADMIN', message: expect.stringContaining('最后一位管理员') } });
  expect(await snapshot(lc, ['roles', 'audit'])).toEqual(before);
  expect(data(await callAs(lc, PEOPLE.admin, 'roles', 'list', {})).grants.length).toBeGreaterThan(0);
});

test('with a second admin one may go, and then the other is the last; a town admin does not cover the county', async () => {
  const town = await adminGrant(PEOPLE.admin, TOWN, 'org-chengguan');
  // the county's admin is the only one over the county: a town admin below does not count
  const [own] = await grantsOf(PEOPLE.admin);
  expect(await callAs(lc, PEOPLE.admin, 'roles', 'revoke', { grantId: own._id })).toMatchObject({ ok: false, error: { code: 'LAST_ADMIN' } });
  const second = await adminGrant(PEOPLE.admin, SECOND, 'org-county');
  // the town's admin may go while the county's cover 城关镇; the second county admin revokes the first
  expect(data(await callAs(lc, SECOND, 'roles', 'revoke', { grantId: own._id }))).toEqual({ revoked: true });
  expect(await callAs(lc, SECOND, 'roles', 'revoke', { grantId: second })).toMatchObject({ ok: false, error: { code: 'LAST_ADMIN' } });
  expect(data(await callAs(lc, SECOND, 'roles', 'revoke', { grantId: town }))).toEqual({ revoked: true });
  // put the demo admin back
  await adminGrant(SECOND, PEOPLE.admin, 'org-county');
});

test('the two last admins revoked at once: exactly one revoke succeeds, every time', async () => {
  // Each revoke's transaction sees the other admin still there (snapshot isolation checks only writes);
  // only their shared write makes the second one find itself the last.
  for (let round = 0; round < 6; round++) {
    const mine = (await grantsOf(PEOPLE.admin))[0]?._id ?? (await adminGrant(SECOND, PEOPLE.admin, 'org-county'));
    const theirs = (await grantsOf(SECOND))[0]?._id ?? (await adminGrant(PEOPLE.admin, SECOND, 'org-county'));
    // each revokes their own: neither loses the right to revoke before their own transaction
    const results = await Promise.all([callAs(lc, PEOPLE.admin, 'roles', 'revoke', { grantId: mine }), callAs(lc, SECOND, 'roles', 'revoke', { grantId: theirs })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'LAST_ADMIN' } });
    expect([...(await grantsOf(PEOPLE.admin)), ...(await grantsOf(SECOND))]).toHaveLength(1);
  }
});

test('a town admin manages roles in the town only', async () => {
  const county = (await grantsOf(PEOPLE.admin))[0] ? PEOPLE.admin : SECOND;
  await adminGrant(county, TOWN, 'org-chengguan');
  const listed = data(await callAs(lc, TOWN, 'roles', 'list', {})).grants;
  expect(listed.every((g) => ['org-chengguan', 'org-cg-sanitation', 'org-cg-construction', 'org-cg-couriers'].includes(g.orgId))).toBe(true);
  expect(listed.map((g) => g.memberName)).toContain('张伟');
  expect(await callAs(lc, TOWN, 'roles', 'list', { orgId: 'org-shuiping' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  // a member of 城关镇 over an org there: yes; over 水坪镇, or a member of 水坪镇: no
  const member = await memberIdOf(PEOPLE.member);
  const granted = data(await callAs(lc, TOWN, 'roles', 'grant', { memberId: member, role: 'orgOfficer', orgId: 'org-cg-sanitation' })).grant;
  expect(await callAs(lc, TOWN, 'roles', 'grant', { memberId: member, role: 'orgOfficer', orgId: 'org-shuiping' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(await callAs(lc, TOWN, 'roles', 'grant', { memberId: await memberIdOf(SECOND), role: 'orgOfficer', orgId: 'org-cg-sanitation' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  // the county's admin grant is beyond the town admin
  const [countyGrant] = await grantsOf(county);
  expect(await callAs(lc, TOWN, 'roles', 'revoke', { grantId: countyGrant._id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(data(await callAs(lc, TOWN, 'roles', 'revoke', { grantId: granted.grantId }))).toEqual({ revoked: true });
});

test('members are found by the beginning of their name or by their whole phone, approved ones of the admin’s subtree only', async () => {
  const names = async (who: string, query: string) => data(await callAs(lc, who, 'roles', 'findMembers', { query })).members.map((m) => m.name);
  const county = (await grantsOf(PEOPLE.admin))[0] ? PEOPLE.admin : SECOND;
  expect(await names(county, '王建')).toEqual(['王建国']);
  expect(await names(county, '13872000003')).toEqual(['张伟']);
  expect(await names(county, '138-7200-0003')).toEqual(['张伟']);
  const [found] = data(await callAs(lc, county, 'roles', 'findMembers', { query: '王建国' })).members;
  expect(found).toEqual({ memberId: await memberIdOf(PEOPLE.member), name: '王建国', phone: '138****0001', workUnit: '城关镇环卫所', orgName: '城关镇环卫所工会' });
  // 李秀英 is pending: not yet someone to grant a role
  expect(await names(county, '李秀')).toEqual([]);
  // the town admin finds 城关镇's members, not 水坪镇's (吴刚)
  expect(await names(TOWN, '张')).toEqual(['张伟']);
  expect(await names(TOWN, '吴')).toEqual([]);
  expect(await callAs(lc, county, 'roles', 'findMembers', { query: '1387200' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  expect(await callAs(lc, PEOPLE.cgOfficer, 'roles', 'findMembers', { query: '王' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});
