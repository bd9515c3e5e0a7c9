// 会员认证: a new user registers once with their real identity; the org officer then reviews it.
import type { ProfileView } from '../../typings/api';
import { transaction } from '../_shared/cloud';
import { memberByOpenid } from '../_shared/data/memberLookup';
import { isDuplicateKey } from '../_shared/data/dbErrors';
import { identityFields, MemberDoc, profileView, sealIdCard } from '../_shared/data/members';
import { getOrg } from '../_shared/data/orgs';
import { signalDesk } from '../_shared/data/reminders';
import { staffingOf } from '../_shared/data/staffing';
import { writeDelta } from '../_shared/data/deltas';
import { workloadFlows } from '../_shared/domain/workload';
import { parseIdCard } from '../_shared/domain/idCard';
import { parsePhone } from '../_shared/domain/phone';
import { action, CallContext, fail, ok } from '../_shared/function';
import { registration, Registration, SELF_SET_HARDSHIP } from './schema';
import type { Result } from '../../typings/envelope';
import type { Org } from '../_shared/domain/orgTree';
import type { IdCard } from '../_shared/domain/idCard';
import type { Phone } from '../_shared/domain/phone';

export interface CheckedIdentity {
  id: IdCard;
  phone: Phone;
  org: Org;
}

/** The checks registration and profile edits share: ID card, phone and a grassroots org that exists. */
export async function checkIdentity(input: Pick<Registration, 'idCard' | 'phone' | 'orgId'>, now: Date): Promise<Result<CheckedIdentity>> {
  const fields: Record<string, string> = {};
  const id = parseIdCard(input.idCard, now);
  if (!id.ok) fields.idCard = id.message;
  const phone = parsePhone(input.phone);
  if (!phone.ok) fields.phone = phone.message;
  const org = await getOrg(input.orgId);
  if (!org || org.kind !== 'grassroots') fields.orgId = '请选择您所在的基层工会';
  if (!id.ok || !phone.ok || !org || Object.keys(fields).length) return fail('VALIDATION_FAILED', '填写的内容有误，请按提示修改', fields);
  return ok({ id: id.value, phone: phone.value, org });
}

export const register = action(registration, async (ctx: CallContext, input): Promise<Result<{ profile: ProfileView }>> => {
  if (!ctx.openid) return fail('UNAUTHENTICATED', '请在微信中打开');
  if (input.hardship !== undefined) return fail('FORBIDDEN', SELF_SET_HARDSHIP, { hardship: SELF_SET_HARDSHIP });
  const checked = await checkIdentity(input, ctx.now);
  if (!checked.ok) return checked;
  const { id, phone, org } = checked.data;
  const existing = await memberByOpenid(ctx.openid);
  // A retried registration (same person, same ID) answers what the first one made instead of failing.
  if (existing) {
    if (existing.idCard.hash === sealIdCard(id).hash) return ok({ profile: profileView(existing, org.name) });
    return fail('DUPLICATE', '您已经登记过了，如需修改请到“我的”页面');
  }
  const doc: Omit<MemberDoc, '_id'> = {
    openid: ctx.openid,
    ...identityFields(input, id, phone, org.path),
    status: 'pending',
    reviewNote: null,
    submittedAt: ctx.now,
    reviewedAt: null,
    reviewedBy: null,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    version: 1,
  };
  try {
    const memberId = await transaction(async (tx) => {
      const added = await tx.collection('members').add({ data: doc });
      await writeDelta(tx, [], workloadFlows([{ before: null, after: { kind: 'member', record: { ...doc, _id: added._id } } }]), ctx.now);
      await tx.collection('audit').add({
        data: { at: ctx.now, actorOpenid: ctx.openid, action: 'member.register', targetCollection: 'members', targetId: added._id, requestId: ctx.requestId, details: { orgId: org._id } },
      });
      return added._id;
    });
    await signalDesk('membership', { orgPath: org.path }, await staffingOf([org.path]), 'membership', ctx);
    return ok({ profile: profileView({ ...doc, _id: memberId }, org.name) });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    const raced = await memberByOpenid(ctx.openid);
    if (raced && raced.idCard.hash === doc.idCard.hash) return ok({ profile: profileView(raced, org.name) });
    if (raced) return fail('DUPLICATE', '您已经登记过了，如需修改请到“我的”页面');
    return fail('DUPLICATE', '该身份证号已经登记过会员', { idCard: '该身份证号已经登记过，如有疑问请联系所在工会' });
  }
});
