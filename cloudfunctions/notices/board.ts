// The member's notice board: notices to an org on their path or to a campaign they applied to, newest
// first; and one notice of it.
import type { NoticeSummary, NoticeView } from '../../typings/api/notices';
import type { Page } from '../../typings/api/common';
import type { Result } from '../../typings/envelope';
import { _, db, rows } from '../_shared/cloud';
import { decodeCursor, nextCursor, whereAfter } from '../_shared/data/cursor';
import { memberByOpenid } from '../_shared/data/memberLookup';
import { getNotice, noticeSummary, noticeView, type NoticeDoc } from '../_shared/data/notices';
import { boardKeys } from '../_shared/domain/notices';
import { action, fail, ok } from '../_shared/function';
import { z } from '../_shared/validation';
import { pageInput } from './manage';

/** The board keys of the caller (member and applications read together), or null when not registered. */
async function keysOf(openid: string): Promise<string[] | null> {
  const [member, applications] = await Promise.all([
    memberByOpenid(openid),
    rows<{ campaignId: string; status: string }>(db.collection('applications').where({ applicantOpenid: openid }).field({ campaignId: true, status: true }).limit(1000)),
  ]);
  if (!member) return null;
  return boardKeys(member.orgPath, applications.filter((a) => a.status !== 'withdrawn').map((a) => a.campaignId));
}

export const board = action(pageInput, async (ctx, { cursor, limit }): Promise<Result<Page<NoticeSummary>>> => {
  const keys = await keysOf(ctx.openid);
  if (!keys) return fail('NOT_REGISTERED', '请先完成会员认证');
  const page = await rows<NoticeDoc>(
    db
      .collection('notices')
      .where(whereAfter({ audienceKey: _.in(keys) }, 'publishedAt', decodeCursor(cursor), 'desc'))
      .orderBy('publishedAt', 'desc')
      .orderBy('_id', 'desc')
      .limit(limit),
  );
  return ok({ items: page.map(noticeSummary), cursor: nextCursor(page, limit, (n) => ({ at: new Date(n.publishedAt), id: n._id })) });
});

export const get = action(z.strictObject({ noticeId: z.string().min(1).max(64) }), async (ctx, { noticeId }): Promise<Result<{ notice: NoticeView }>> => {
  const [keys, notice] = await Promise.all([keysOf(ctx.openid), getNotice(noticeId)]);
  if (!keys) return fail('NOT_REGISTERED', '请先完成会员认证');
  if (!notice || !keys.includes(notice.audienceKey)) return fail('NOT_FOUND', '没有找到该通知');
  return ok({ notice: noticeView(notice) });
});
