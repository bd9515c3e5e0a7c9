// 我的消息: the caller's personal messages (their applications, cases, membership), newest first, whatever
// became of their subscribe message; paged by cursor on the outbox's (toOpenid, createdAt) index.
import type { InboxItem } from '../../typings/api';
import { _, db, rows } from '../_shared/cloud';
import { decodeCursor, nextCursor, whereAfter } from '../_shared/data/cursor';
import { PERSONAL_TOPICS, type OutboxDoc } from '../_shared/data/outbox';
import { action, fail, ok } from '../_shared/function';
import { z } from '../_shared/validation';

type Row = Pick<OutboxDoc, '_id' | 'title' | 'body' | 'page' | 'createdAt'>;

export const inbox = action(
  z.strictObject({ cursor: z.string().max(200).nullish(), limit: z.number().int().min(1).max(50).default(20) }),
  async (ctx, { cursor, limit }) => {
    if (!ctx.openid) return fail('UNAUTHENTICATED', '请在微信中打开');
    const base = { toOpenid: ctx.openid, topic: _.in([...PERSONAL_TOPICS]) };
    const page = await rows<Row>(
      db
        .collection('outbox')
        .where(whereAfter(base, 'createdAt', decodeCursor(cursor), 'desc'))
        .orderBy('createdAt', 'desc')
        .orderBy('_id', 'desc')
        .field({ _id: true, title: true, body: true, page: true, createdAt: true })
        .limit(limit),
    );
    const items: InboxItem[] = page.map((m) => ({ messageId: m._id, title: m.title, body: m.body, page: m.page, createdAt: new Date(m.createdAt).toISOString() }));
    return ok({ items, cursor: nextCursor(page, limit, (last) => ({ at: new Date(last.createdAt), id: last._id })) });
  },
);
