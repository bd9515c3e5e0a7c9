// Granting and revoking roles, and who holds them, within the admin's subtrees (access/roles.ts). A revoke of
// an admin grant checks, in its transaction, that another admin still covers the org, reading those grants
// (in one aggregation with the grant and the caller) once the transaction's snapshot is fixed, as they are
// then or later; and it writes the tree's admin guard, a document every such revoke writes, so that two
// revokes each relying on the other conflict and the second finds itself the last.
// (Snapshot isolation checks only writes: without the shared write both would see the other and succeed.)
import type { Role, RoleHolderView } from '../../typings/api';
import type { Result } from '../../typings/envelope';
import type { Actor } from '../_shared/access/actor';
import { leavesAnAdmin, mayManageAt, mayManageRoles, roleScopes } from '../_shared/access/roles';
import { _, db, rows, transaction, txGet } from '../_shared/cloud';
import { loadActor, loadWithCaller } from '../_shared/data/actor';
import { isDuplicateKey } from '../_shared/data/dbErrors';
import { memberById, memberByIdCard } from '../_shared/data/memberLookup';
import type { MemberDoc } from '../_shared/data/members';
import { parseIdCard } from '../_shared/domain/idCard';
import { getOrg, orgNames } from '../_shared/data/orgs';
import { staffLookup } from '../_shared/data/staffing';
import { action, fail, ok } from '../_shared/function';
import { z } from '../_shared/validation';

interface RoleDoc {
  _id: string;
  openid: string;
  memberId: string;
  memberName: string;
  role: Role;
  orgId: string;
  orgPath: string[];
  grantedBy: string;
  grantedAt: Date;
}

const ROLES = ['orgOfficer', 'federationOfficer', 'lawyer', 'staff', 'admin'] as const;
const NOT_ADMIN = '只有管理员可以管理角色';
const OUT_OF_SCOPE = '只能管理您负责的组织的角色';
const LAST_ADMIN = '这是该组织最后一位管理员，不能撤销。请先为该组织（或其上级）授予另一位管理员。';

/** The document every revoke of an admin grant in the tree rooted at `rootOrgId` writes. */
const adminGuard = (rootOrgId: string) => `adminGuard:${rootOrgId}`;

function view(g: RoleDoc, orgName: string): RoleHolderView {
  return { grantId: g._id, role: g.role, orgId: g.orgId, orgName, memberId: g.memberId, memberName: g.memberName, grantedAt: new Date(g.grantedAt).toISOString() };
}

export const list = action(z.strictObject({ orgId: z.string().min(1).max(64).optional() }), async (ctx, { orgId }) => {
  const actor = await loadActor(ctx.openid);
  if (!mayManageRoles(actor)) return fail('FORBIDDEN', NOT_ADMIN);
  const org = orgId ? await getOrg(orgId) : null;
  if (orgId && (!org || !mayManageAt(actor, org.path))) return fail('FORBIDDEN', OUT_OF_SCOPE);
  const grants = await rows<RoleDoc>(db.collection('roles').where({ orgPath: orgId ?? _.in(roleScopes(actor)) }).orderBy('grantedAt', 'desc').limit(500));
  const names = await orgNames(grants.map((g) => g.orgId));
  return ok({ grants: grants.map((g) => view(g, names.get(g.orgId) ?? '')) });
});

/** The member a grant is for, by ID card (what an admin knows of a person) or by member id (found by
 *  findMembers): one of the admin's subtrees, approved. */
async function grantee(actor: Actor, input: { memberId?: string; idCard?: string }, now: Date): Promise<Result<MemberDoc>> {
  const field = input.idCard !== undefined ? 'idCard' : 'memberId';
  let member: MemberDoc | null = null;
  if (input.idCard !== undefined) {
    const id = parseIdCard(input.idCard, now);
    if (!id.ok) return fail('VALIDATION_FAILED', id.message, { idCard: id.message });
    member = await memberByIdCard(id.value);
  } else if (input.memberId) member = await memberById(input.memberId);
  if (!member || !mayManageAt(actor, member.orgPath)) return fail('NOT_FOUND', '没有找到该会员', { [field]: field === 'idCard' ? '没有找到这个身份证号的会员' : '没有找到该会员' });
  if (member.status !== 'approved') return fail('INVALID_STATE', '该会员尚未通过认证，不能授予角色', { [field]: '该会员尚未通过认证' });
  return ok(member);
}

const grantInput = z
  .strictObject({
    memberId: z.string().min(1).max(64).optional(),
    idCard: z.string().max(20).optional(),
    role: z.enum(ROLES, { error: '请选择角色' }),
    orgId: z.string().min(1, { error: '请选择工会组织' }).max(64),
  })
  .refine((i) => (i.memberId === undefined) !== (i.idCard === undefined), { path: ['idCard'], error: '请填写会员的身份证号' });

export const grant = action(grantInput, async (ctx, input) => {
  const actor = await loadActor(ctx.openid);
  if (!mayManageRoles(actor)) return fail('FORBIDDEN', NOT_ADMIN);
  const [found, org] = await Promise.all([grantee(actor, input, ctx.now), getOrg(input.orgId)]);
  if (!found.ok) return found;
  const member = found.data;
  if (!org) return fail('VALIDATION_FAILED', '请选择工会组织', { orgId: '没有找到该工会组织' });
  if (!mayManageAt(actor, org.path)) return fail('FORBIDDEN', OUT_OF_SCOPE, { orgId: OUT_OF_SCOPE });
  const doc: Omit<RoleDoc, '_id'> = { openid: member.openid, memberId: member._id, memberName: member.name, role: input.role, orgId: org._id, orgPath: org.path, grantedBy: ctx.openid, grantedAt: ctx.now };
  try {
    const id = await transaction(async (tx) => {
      const added = await tx.collection('roles').add({ data: doc });
      await tx.collection('audit').add({
        data: { at: ctx.now, actorOpenid: ctx.openid, action: 'role.grant', targetCollection: 'roles', targetId: added._id, requestId: ctx.requestId, details: { memberId: member._id, role: input.role, orgId: org._id } },
      });
      return added._id;
    });
    return ok({ grant: view({ ...doc, _id: id }, org.name) });
  } catch (e) {
    if (isDuplicateKey(e)) return fail('DUPLICATE', '该会员已经拥有这个角色');
    throw e;
  }
});

export const revoke = action(z.strictObject({ grantId: z.string().min(1).max(64) }), async (ctx, { grantId }) => {
  return transaction(async (tx): Promise<Result<{ revoked: true }>> => {
    // The grant read here fixes the transaction's snapshot. The aggregation after it (the grant, the caller,
    // every grant at the orgs of its path) reads what is committed then or later: an admin grant at them
    // revoked since wrote the admin guard this revoke writes too, so the two conflict and this one runs again.
    const g = await txGet<RoleDoc>(tx, 'roles', grantId);
    const found = g && (await loadWithCaller<RoleDoc>('roles', { _id: grantId }, ctx.openid, [], [staffLookup('orgPath', 'atPath')]));
    const actor = found ? found.actor : await loadActor(ctx.openid);
    if (!mayManageRoles(actor)) return fail('FORBIDDEN', NOT_ADMIN);
    if (!g || !found) return fail('NOT_FOUND', '该角色已被撤销');
    if (!mayManageAt(actor, g.orgPath)) return fail('FORBIDDEN', OUT_OF_SCOPE);
    if (g.role === 'admin') {
      const standing = (found.joined.atPath as RoleDoc[]).filter((a) => a.role === 'admin');
      if (!leavesAnAdmin({ grantId, orgId: g.orgId }, g.orgPath, standing.map((a) => ({ grantId: a._id, orgId: a.orgId })))) return fail('LAST_ADMIN', LAST_ADMIN);
      await tx.collection('settings').doc(adminGuard(g.orgPath[0])).set({ data: { revokedAt: ctx.now, grantId } });
    }
    await tx.collection('roles').doc(grantId).remove();
    await tx.collection('audit').add({
      data: { at: ctx.now, actorOpenid: ctx.openid, action: 'role.revoke', targetCollection: 'roles', targetId: grantId, requestId: ctx.requestId, details: { memberId: g.memberId, role: g.role, orgId: g.orgId } },
    });
    return ok({ revoked: true as const });
  });
});
