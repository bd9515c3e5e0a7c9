// Subscribe-message quota per member and template: each template a member accepts in
// wx.requestSubscribeMessage allows one send (the notices function's `subscribe` records it); each send
// WeChat accepts uses one; WeChat's 43101 (no quota) sets it to 0. A message to a member without quota is
// not sent (personal ones stay in the in-app inbox).
import type { TemplateKey } from '../../../typings/api';
import { _, db, rows } from '../cloud';

export interface SubscriptionDoc {
  _id: string;
  openid: string;
  template: TemplateKey;
  quota: number;
  updatedAt: Date;
}

export const subscriptionId = (openid: string, template: TemplateKey): string => `${openid}:${template}`;

/** The quota left under each of `ids` (subscriptionId), in one read; a missing one is 0. */
export async function quotaLeft(ids: string[]): Promise<Map<string, number>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const docs = await rows<Pick<SubscriptionDoc, '_id' | 'quota'>>(
    db.collection('subscriptions').where({ _id: _.in(unique) }).field({ _id: true, quota: true }).limit(unique.length),
  );
  return new Map(docs.map((d) => [d._id, d.quota]));
}

/** Records sends WeChat accepted (`used` counts per subscriptionId) and 43101 answers (`exhausted`): one
 *  update per distinct count, one for the exhausted. */
export async function recordQuotaUse(used: Map<string, number>, exhausted: string[], now: Date): Promise<void> {
  const byCount = new Map<number, string[]>();
  for (const [id, n] of used) byCount.set(n, [...(byCount.get(n) ?? []), id]);
  const col = db.collection('subscriptions');
  await Promise.all([
    ...[...byCount].map(([n, ids]) => col.where({ _id: _.in(ids) }).update({ data: { quota: _.inc(-n), updatedAt: now } })),
    exhausted.length ? col.where({ _id: _.in([...new Set(exhausted)]) }).update({ data: { quota: 0, updatedAt: now } }) : null,
  ]);
}
