// Finding the member to grant a role to, by name (its beginning), phone or ID card (the whole number), among
// the approved members of the admin's subtrees: one indexed read each way (the numbers by their keyed hash,
// never in clear), phones shown masked.
import type { RoleCandidate } from '../../typings/api';
import type { Result } from '../../typings/envelope';
import { mayManageRoles, roleScopes } from '../_shared/access/roles';
import { _, db, rows } from '../_shared/cloud';
import { loadActor } from '../_shared/data/actor';
import { idCardHash, type MemberDoc } from '../_shared/data/members';
import { orgNames } from '../_shared/data/orgs';
import { parseIdCard } from '../_shared/domain/idCard';
import { parsePhone } from '../_shared/domain/phone';
import { action, fail, ok } from '../_shared/function';
import { personalDataKeys } from '../_shared/keys';
import { lookupHash } from '../_shared/personalData';
import { z } from '../_shared/validation';

const LIMIT = 20;

export const findMembers = action(
  z.strictObject({ query: z.string({ error: '请输入姓名或手机号' }).trim().min(1, { error: '请输入姓名或手机号' }).max(20, { error: '请输入姓名或手机号' }) }),
  async (ctx, { query }): Promise<Result<{ members: RoleCandidate[] }>> => {
    const actor = await loadActor(ctx.openid);
    if (!mayManageRoles(actor)) return fail('FORBIDDEN', '只有管理员可以管理角色');
    const scope = { orgPath: _.in(roleScopes(actor)), status: 'approved' };
    const number = query.replace(/[\s-]+/g, '');
    const id = /^\d{17}[\dXx]$/.test(number) ? parseIdCard(number, ctx.now) : null;
    const phone = !id && /^[\d+]+$/.test(number) ? parsePhone(query) : null;
    const bad = (id && !id.ok && id) || (phone && !phone.ok && phone);
    if (bad) return fail('VALIDATION_FAILED', bad.message, { query: bad.message });
    const where = id?.ok
      ? { 'idCard.hash': idCardHash(id.value), ...scope }
      : phone?.ok
        ? { 'phone.hash': lookupHash('phone', phone.value.normalized, personalDataKeys().hashKey), ...scope }
        : { name: _.gte(query).and(_.lt(`${query}\uffff`)), ...scope };
    const found = await rows<Pick<MemberDoc, '_id' | 'name' | 'phone' | 'workUnit' | 'orgId'>>(
      db.collection('members').where(where).orderBy('name', 'asc').limit(LIMIT).field({ name: true, phone: true, workUnit: true, orgId: true }),
    );
    const names = await orgNames(found.map((m) => m.orgId));
    return ok({ members: found.map((m) => ({ memberId: m._id, name: m.name, phone: m.phone.masked, workUnit: m.workUnit, orgName: names.get(m.orgId) ?? '' })) });
  },
);
