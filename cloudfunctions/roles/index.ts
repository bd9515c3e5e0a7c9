// The `roles` function: admins grant and revoke roles, each scoped to an org and its subtree; every change
// is audited in the same transaction. A grant names the member by ID card (or member id).
import type { Role } from '../../typings/api';
import { mayManageRoles } from '../_shared/access/roles';
import { db, rows, transaction, txGet } from '../_shared/cloud';
import { loadActor } from '../_shared/data/actor';
import { isDuplicateKey } from '../_shared/data/dbErrors';
import { memberById, memberByIdCard } from '../_shared/data/memberLookup';
import type { MemberDoc } from '../_shared/data/members';
import { parseIdCard } from '../_shared/domain/idCard';
import { getOrg, orgNames } from '../_shared/data/orgs';
import { action, CallContext, defineFunction, fail, ok } from '../_shared/function';
import { z } from '../_shared/validation';
import type { Result } from '../../typings/envelope';

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

/** The member a grant is for: by ID card (what an admin knows of a person) or by member id. */
async function grantee(input: { memberId?: string; idCard?: string }, now: Date): Promise<Result<MemberDoc>> {
  const field = input.idCard !== undefined ? 'idCard' : 'memberId';
  let member: MemberDoc | null = null;
  if (input.idCard !== undefined) {
    const id = parseIdCard(input.idCard, now);
    if (!id.ok) return fail('VALIDATION_FAILED', id.message, { idCard: id.message });
    member = await memberByIdCard(id.value);
  } else if (input.memberId) member = await memberById(input.memberId);
  if (!member) return fail('NOT_FOUND', '没有找到该会员', { [field]: '没有找到这个身份证号的会员' });
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

const grant = action(grantInput, async (ctx, input) => {
  if (!(await requireAdmin(ctx))) return fail('FORBIDDEN', NOT_ADMIN);
  const [found, org] = await Promise.all([grantee(input, ctx.now), getOrg(input.orgId)]);
  if (!found.ok) return found;
  const member = found.data;
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
