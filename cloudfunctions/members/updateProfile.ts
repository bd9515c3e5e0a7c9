// A member edits their own profile. Changing who they are (name, ID card, org) or resubmitting a rejected
// registration sends it back to the org officer for review.
import type { ProfileView } from '../../typings/api';
import type { Result } from '../../typings/envelope';
import { transaction, txGet } from '../_shared/cloud';
import { memberByOpenid } from '../_shared/data/memberLookup';
import { isDuplicateKey } from '../_shared/data/dbErrors';
import { identityFields, MemberDoc, profileView } from '../_shared/data/members';
import { signalDesk } from '../_shared/data/reminders';
import { staffingOf } from '../_shared/data/staffing';
import { writeDelta } from '../_shared/data/deltas';
import { workloadFlows } from '../_shared/domain/workload';
import { action, fail, ok } from '../_shared/function';
import { checkIdentity } from './register';
import { profileEdit, SELF_SET_HARDSHIP } from './schema';

export const updateProfile = action(profileEdit, async (ctx, { version, hardship, ...edited }): Promise<Result<{ profile: ProfileView }>> => {
  if (!ctx.openid) return fail('UNAUTHENTICATED', '请在微信中打开');
  const current = await memberByOpenid(ctx.openid);
  if (!current) return fail('NOT_REGISTERED', '您还没有登记，请先完成会员认证');
  if (hardship !== undefined) return fail('FORBIDDEN', SELF_SET_HARDSHIP, { hardship: SELF_SET_HARDSHIP });
  const form = { ...edited, newEmployment: edited.newEmployment === undefined ? current.newEmployment : edited.newEmployment };
  const checked = await checkIdentity(form, ctx.now);
  if (!checked.ok) return checked;
  const { id, phone, org } = checked.data;
  const fields = identityFields(form, id, phone, org.path);
  const reReview =
    current.status === 'rejected' || fields.name !== current.name || fields.idCard.hash !== current.idCard.hash || fields.orgId !== current.orgId;
  const next: MemberDoc = {
    ...current,
    ...fields,
    ...(reReview ? { status: 'pending', reviewNote: null, submittedAt: ctx.now, reviewedAt: null, reviewedBy: null } : {}),
    updatedAt: ctx.now,
    version: current.version + 1,
  };
  try {
    const outcome = await transaction(async (tx) => {
      const fresh = await txGet<MemberDoc>(tx, 'members', current._id);
      if (!fresh || fresh.version !== version) return 'conflict';
      const { _id, ...data } = next;
      await tx.collection('members').doc(_id).set({ data });
      await writeDelta(tx, [], workloadFlows([{ before: { kind: 'member', record: fresh }, after: { kind: 'member', record: next } }]), ctx.now);
      await tx.collection('audit').add({
        data: { at: ctx.now, actorOpenid: ctx.openid, action: 'member.updateProfile', targetCollection: 'members', targetId: _id, requestId: ctx.requestId, details: { reReview, orgId: next.orgId } },
      });
      return 'saved';
    });
    if (outcome === 'conflict') return fail('CONFLICT', '资料已在别处修改，请刷新后再改');
    if (reReview) await signalDesk('membership', { orgPath: org.path }, await staffingOf([org.path]), 'membership', ctx);
  } catch (e) {
    if (isDuplicateKey(e)) return fail('DUPLICATE', '该身份证号已经登记过会员', { idCard: '该身份证号已经登记过，如有疑问请联系所在工会' });
    throw e;
  }
  return ok({ profile: profileView(next, org.name) });
});
