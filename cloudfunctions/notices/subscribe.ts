// Records the templates a member accepted in wx.requestSubscribeMessage: one more send each. Registered
// members and role holders (officers, lawyers: they are told about cases) may; the quota of every template
// is answered.
import type { TemplateKey } from '../../typings/api';
import { transaction, txGet } from '../_shared/cloud';
import { loadActor } from '../_shared/data/actor';
import { subscriptionId, type SubscriptionDoc } from '../_shared/data/subscriptions';
import { TEMPLATE_KEYS } from '../_shared/domain/templateData';
import { action, fail, ok } from '../_shared/function';
import { z } from '../_shared/validation';

const input = z.strictObject({
  accepted: z
    .array(z.enum(TEMPLATE_KEYS))
    .min(1)
    .max(TEMPLATE_KEYS.length)
    .refine((keys) => new Set(keys).size === keys.length, { error: '同一消息只能订阅一次' }),
});

export const subscribe = action(input, async (ctx, { accepted }) => {
  if (!ctx.openid) return fail('UNAUTHENTICATED', '请在微信中打开');
  const actor = await loadActor(ctx.openid);
  if (!actor.memberId && !actor.grants.length) return fail('NOT_REGISTERED', '请先完成会员认证');
  const quota = await transaction(async (tx) => {
    const out: Partial<Record<TemplateKey, number>> = {};
    for (const template of TEMPLATE_KEYS) {
      const id = subscriptionId(ctx.openid, template);
      const doc = await txGet<SubscriptionDoc>(tx, 'subscriptions', id);
      out[template] = Math.max(doc?.quota ?? 0, 0);
      if (accepted.includes(template)) {
        out[template] += 1;
        const next: Omit<SubscriptionDoc, '_id'> = { openid: ctx.openid, template, quota: out[template], updatedAt: ctx.now };
        await tx.collection('subscriptions').doc(id).set({ data: next });
      }
    }
    return out;
  });
  return ok({ quota });
});
