// The `roles` function: admins grant and revoke roles, each scoped to an org and its subtree; every change
// is audited in the same transaction.
import type { Role } from '../../typings/api';
import { mayManageRoles } from '../_shared/access/roles';
import { db, rows, transaction, txGet } from '../_shared/cloud';
import { loadActor } from '../_shared/data/actor';
import { isDuplicateKey } from '../_shared/data/dbErrors';
import { memberById } from '../_shared/data/memberLookup';
import { getOrg, orgNames } from '../_shared/data/orgs';
import { action, CallContext, defineFunction, fail, ok } from '../_shared/function';
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

async function requireAdmin(ctx: CallContext): Promise<boolean> {
  return mayManageRoles(await loadActor(ctx.openid));
}

function view(g: RoleDoc, orgName: string) {
  return { grantId: g._id, role: g.role, orgId: g.orgId, orgName, memberId: g.memberId, memberName: g.memberName, grantedAt: new Date(g.grantedAt).toISOString() };
}

const list = action(z.strictObject({ orgId: z.string().min(1).max(64).optional() }), async (ctx, { orgId }) => {
  if (!(await requireAdmin(ctx))) return fail('FORBIDDEN', NOT_ADMIN);
  const grants = await rows<RoleDoc>(db.collection('roles').where(orgId ? { orgPath: orgId } : {}).orderBy('grantedAt', 'desc').limit(500));
  const names = await orgNames(grants.map((g) => g.orgId));
  return ok({ grants: grants.map((g) => view(g, names.get(g.orgId) ?? '')) });
});

const grant = action(z.strictObject({ memberId: z.string().min(1).max(64), role: z.enum(ROLES, { error: '请选择角色' }), orgId: z.string().min(1, { error: '请选择工会组织' }).max(64) }), async (ctx, input) => {
  if (!(await requireAdmin(ctx))) return fail('FORBIDDEN', NOT_ADMIN);
  const [member, org] = await Promise.all([memberById(input.memberId), getOrg(input.orgId)]);
  if (!member) return fail('NOT_FOUND', '没有找到该会员', { memberId: '没有找到该会员' });
  if (member.status !== 'approved') return fail('INVALID_STATE', '该会员尚未通过认证，不能授予角色', { memberId: '该会员尚未通过认证' });
  if (!org) return fail('VALIDATION_FAILED', '请选择工会组织', { orgId: '没有找到该工会组织' });
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

const revoke = action(z.strictObject({ grantId: z.string().min(1).max(64) }), async (ctx, { grantId }) => {
  if (!(await requireAdmin(ctx))) return fail('FORBIDDEN', NOT_ADMIN);
  const outcome = await transaction(async (tx) => {
    const g = await txGet<RoleDoc>(tx, 'roles', grantId);
    if (!g) return 'missing';
    await tx.collection('roles').doc(grantId).remove();
    await tx.collection('audit').add({
      data: { at: ctx.now, actorOpenid: ctx.openid, action: 'role.revoke', targetCollection: 'roles', targetId: grantId, requestId: ctx.requestId, details: { memberId: g.memberId, role: g.role, orgId: g.orgId } },
    });
    return 'revoked';
  });
  return outcome === 'missing' ? fail('NOT_FOUND', '该角色已被撤销') : ok({ revoked: true as const });
});

export const actions = { list, grant, revoke };
export const main = defineFunction('roles', actions);
