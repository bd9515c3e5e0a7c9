// The staff's notices: those to audiences in their scope, newest first, each with its delivery report.
import type { ManagedNotice } from '../../typings/api/notices';
import type { Page } from '../../typings/api/common';
import type { Result } from '../../typings/envelope';
import { mayAddress, noticeScopes } from '../_shared/access/notices';
import { _, db, rows } from '../_shared/cloud';
import { loadActor } from '../_shared/data/actor';
import { decodeCursor, nextCursor, whereAfter } from '../_shared/data/cursor';
import { deliveryReports, getNotice, managedNotice, type NoticeDoc } from '../_shared/data/notices';
import { action, fail, ok } from '../_shared/function';
import { z } from '../_shared/validation';

const NOT_STAFF = '只有宣传干事可以查看通知的送达情况';
export const pageInput = z.strictObject({ cursor: z.string().max(200).nullish(), limit: z.number().int().min(1).max(50).default(20) });

async function withReports(notices: NoticeDoc[]): Promise<ManagedNotice[]> {
  const reports = await deliveryReports(notices);
  return notices.map((n) => managedNotice(n, reports.get(n._id)!));
}

export const manageList = action(pageInput, async (ctx, { cursor, limit }): Promise<Result<Page<ManagedNotice>>> => {
  const scopes = noticeScopes(await loadActor(ctx.openid));
  if (!scopes.length) return fail('FORBIDDEN', NOT_STAFF);
  const page = await rows<NoticeDoc>(
    db
      .collection('notices')
      .where(whereAfter({ audienceOrgPath: _.in(scopes) }, 'publishedAt', decodeCursor(cursor), 'desc'))
      .orderBy('publishedAt', 'desc')
      .orderBy('_id', 'desc')
      .limit(limit),
  );
  return ok({ items: await withReports(page), cursor: nextCursor(page, limit, (n) => ({ at: new Date(n.publishedAt), id: n._id })) });
});

export const report = action(z.strictObject({ noticeId: z.string().min(1).max(64) }), async (ctx, { noticeId }): Promise<Result<{ notice: ManagedNotice }>> => {
  const [actor, notice] = await Promise.all([loadActor(ctx.openid), getNotice(noticeId)]);
  if (!noticeScopes(actor).length) return fail('FORBIDDEN', NOT_STAFF);
  if (!notice || !mayAddress(actor, notice.audienceOrgPath)) return fail('NOT_FOUND', '没有找到该通知');
  const [managed] = await withReports([notice]);
  return ok({ notice: managed });
});
