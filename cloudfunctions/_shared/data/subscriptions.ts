// Subscribe-message quota per member and template: each template a member accepts in
// wx.requestSubscribeMessage allows one send (the notices function's `subscribe` records it); each send
// WeChat accepts uses one; WeChat's 43101 (no quota) takes away what was left. A message to a member without quota is
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

/** Groups ids by a number of theirs, for one update per distinct number. */
function byNumber(of: Map<string, number>): Map<number, string[]> {
  const groups = new Map<number, string[]>();
  for (const [id, n] of of) groups.set(n, [...(groups.get(n) ?? []), id]);
  return groups;
}

/**
 * Records sends WeChat accepted (`used` counts per subscriptionId) and 43101 answers (`exhausted`: the quota
 * each had when the chunk read it): one update per distinct number. A 43101 takes away what was read, not
 * "set to 0": a member who accepted again while the chunk was sending keeps that acceptance (a plain write of
 * 0 would wipe it, and under snapshot isolation nothing else would notice). A quota may so go below 0; any
 * quota ≤ 0 is none (quotaLeft's readers, subscribe).
 */
export async function recordQuotaUse(used: Map<string, number>, exhausted: Map<string, number>, now: Date): Promise<void> {
  const col = db.collection('subscriptions');
  const take = (n: number, ids: string[]) => col.where({ _id: _.in(ids) }).update({ data: { quota: _.inc(-n), updatedAt: now } });
  await Promise.all([...[...byNumber(used)].map(([n, ids]) => take(n, ids)), ...[...byNumber(exhausted)].map(([read, ids]) => take(read, ids))]);
}
