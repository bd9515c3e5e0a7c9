// The drain (the `drain` timer trigger, every minute, alone may run it): ends the leases of dead drains,
// then claims and delivers chunks of due outbox messages until nothing is due or ~45 of the function's 60
// seconds are used, so a chunk's lease (60 s) outlives the invocation.
import type { DrainOutcome } from '../../typings/api';
import type { Result } from '../../typings/envelope';
import { fail, ok, timerAction } from '../_shared/function';
import { claimChunk, expireLeases } from './claim';
import { deliverChunk } from './deliver';

const BUDGET_MS = 45_000;

export const drain = timerAction('drain', async (ctx): Promise<Result<DrainOutcome>> => {
  if (ctx.source !== 'wx_trigger' || ctx.openid) return fail('FORBIDDEN', '只有定时任务可以发送消息');
  const started = Date.now();
  const total: DrainOutcome = { sent: 0, noQuota: 0, failed: 0, retried: 0, unknown: await expireLeases(new Date()), fannedOut: 0, published: 0 };
  while (Date.now() - started < BUDGET_MS) {
    const now = new Date();
    const claimed = await claimChunk(now);
    if (!claimed.anyDue) break;
    const chunk = await deliverChunk(ctx, now, claimed);
    for (const k of ['sent', 'noQuota', 'failed', 'retried', 'fannedOut', 'published'] as const) total[k] += chunk[k];
  }
  return ok(total);
});
