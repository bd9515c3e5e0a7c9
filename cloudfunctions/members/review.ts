// 入会审核: an org officer (or federation officer) over the member's org approves or rejects a pending
// registration; the member is told through the outbox, in the same transaction.
import type { ProfileView } from '../../typings/api';
import type { Result } from '../../typings/envelope';
import { mayReviewMembership, membershipReviewScopes } from '../_shared/access/membership';
import { db, rows, transaction, txGet } from '../_shared/cloud';
import { loadActor } from '../_shared/data/actor';
import { memberById } from '../_shared/data/memberLookup';
import { decodeCursor, nextCursor, whereAfter } from '../_shared/data/cursor';
import type { MemberDoc } from '../_shared/data/members';
import { profileView } from '../_shared/data/members';
import { orgNames } from '../_shared/data/orgs';
import { outboxMessage } from '../_shared/data/outbox';
import { writeDelta } from '../_shared/data/deltas';
import { workloadFlows } from '../_shared/domain/workload';
import { action, fail, ok } from '../_shared/function';
import { z } from '../_shared/validation';

const FORBIDDEN = '您没有审核该会员的权限';

export const pendingList = action(
  z.strictObject({ cursor: z.string().max(200).nullish(), limit: z.number().int().min(1).max(50).default(20) }),
  async (ctx, { cursor, limit }) => {
    const scopes = membershipReviewScopes(await loadActor(ctx.openid));
    if (!scopes.length) return fail('FORBIDDEN', '只有工会干部可以审核入会申请');
    const base = { orgPath: db.command.in(scopes), status: 'pending' };
    const page = await rows<MemberDoc>(
      db.collection('members').where(whereAfter(base, 'submittedAt', decodeCursor(cursor))).orderBy('submittedAt', 'asc').orderBy('_id', 'asc').limit(limit),
    );
    const names = await orgNames(page.map((m) => m.orgId));
    return ok({
      items: page.map((m) => profileView(m, names.get(m.orgId) ?? '')),
      cursor: nextCursor(page, limit, (last) => ({ at: new Date(last.submittedAt), id: last._id })),
    });
  },
);

export const detail = action(z.strictObject({ memberId: z.string().min(1).max(64) }), async (ctx, { memberId }) => {
  const [actor, member] = await Promise.all([loadActor(ctx.openid), memberById(memberId)]);
  if (!member) return fail('NOT_FOUND', '没有找到该会员');
  if (member.openid !== ctx.openid && !mayReviewMembership(actor, member.orgPath)) return fail('FORBIDDEN', FORBIDDEN);
  const names = await orgNames([member.orgId]);
  return ok({ profile: profileView(member, names.get(member.orgId) ?? '') });
});

const reviewInput = z
  .object({
    memberId: z.string().min(1).max(64),
    version: z.number().int().positive(),
    decision: z.enum(['approve', 'reject']),
    reason: z.string().trim().max(200).optional(),
  })
  .refine((v) => v.decision === 'approve' || (v.reason ?? '').length >= 2, { path: ['reason'], error: '不通过时请填写原因，方便会员修改' });

type ReviewOutcome = { result: Result<{ profile: ProfileView }> };

export const review = action(reviewInput, async (ctx, input) => {
  const actor = await loadActor(ctx.openid);
  const { result } = (await transaction(async (tx): Promise<ReviewOutcome> => {
    const member = await txGet<MemberDoc>(tx, 'members', input.memberId);
    if (!member) return { result: fail('NOT_FOUND', '没有找到该会员') };
    if (!mayReviewMembership(actor, member.orgPath)) return { result: fail('FORBIDDEN', FORBIDDEN) };
    // A decision made meanwhile by someone else bumped the version: that is a conflict, checked first.
    if (member.version !== input.version) return { result: fail('CONFLICT', '已被他人处理，请刷新') };
    if (member.status !== 'pending') return { result: fail('INVALID_STATE', '该申请已经审核过了') };
    const approved = input.decision === 'approve';
    const next: MemberDoc = {
      ...member,
      status: approved ? 'approved' : 'rejected',
      reviewNote: approved ? null : (input.reason ?? null),
      reviewedAt: ctx.now,
      reviewedBy: ctx.openid,
      updatedAt: ctx.now,
      version: member.version + 1,
    };
    const { _id, ...data } = next;
    await tx.collection('members').doc(_id).set({ data });
    await writeDelta(tx, [], workloadFlows([{ before: { kind: 'member', record: member }, after: { kind: 'member', record: next } }]), ctx.now);
    await tx.collection('audit').add({
      data: { at: ctx.now, actorOpenid: ctx.openid, action: `member.${input.decision}`, targetCollection: 'members', targetId: _id, requestId: ctx.requestId, details: { version: next.version } },
    });
    await tx.collection('outbox').add({
      data: outboxMessage(
        {
          topic: 'membershipReviewed',
          toOpenid: member.openid,
          title: approved ? '会员认证已通过' : '会员认证未通过',
          body: approved ? '您的会员认证已通过，可以申请工会服务了。' : `未通过原因：${input.reason}。请修改后重新提交。`,
          subject: '会员认证',
          phrase: approved ? '已通过' : '未通过',
          brief: approved ? '可以申请工会服务了' : `原因：${input.reason}`,
          page: 'pages/mine/index',
          causeId: `members/${_id}/v${next.version}`,
        },
        ctx.now,
      ),
    });
    return { result: ok({ profile: profileView(next, '') }) };
  })) as ReviewOutcome;
  if (!result.ok) return result;
  const names = await orgNames([result.data.profile.orgId]);
  return ok({ profile: { ...result.data.profile, orgName: names.get(result.data.profile.orgId) ?? '' } });
});
