// The fold timer: every minute, the steps' deltas added to the counters (data/fold.ts), for most of the
// function's timeout; a second run while one folds finds the lease held and does nothing.
import type { FoldOutcome } from '../../typings/api/statistics';
import type { Result } from '../../typings/envelope';
import { fold as foldDeltas } from '../_shared/data/fold';
import { fail, ok, timerAction } from '../_shared/function';

/** The function's timeout is 60 s: the run stops taking batches well before. */
const BUDGET_MS = 45_000;

export const fold = timerAction('fold', async (ctx): Promise<Result<FoldOutcome>> => {
  if (ctx.source !== 'wx_trigger' || ctx.openid) return fail('FORBIDDEN', '只有定时任务可以汇总统计');
  return ok(await foldDeltas(BUDGET_MS));
});
