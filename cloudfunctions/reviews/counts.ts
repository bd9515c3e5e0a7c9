// The workbench's counts: what waits at the caller's desks (domain/desks.ts), for officers and lawyers.
import type { WorkbenchCounts } from '../../typings/api/reviews';
import type { Result } from '../../typings/envelope';
import { mayHaveDesk } from '../_shared/access/coverage';
import { loadActor } from '../_shared/data/actor';
import { deskCountsOf } from '../_shared/data/desks';
import { deskTotal } from '../_shared/domain/desks';
import { action, fail, ok } from '../_shared/function';
import { z } from '../_shared/validation';

export const counts = action(z.strictObject({}), async (ctx): Promise<Result<WorkbenchCounts>> => {
  if (!mayHaveDesk(await loadActor(ctx.openid))) return fail('FORBIDDEN', '只有工会干部和律师有待办事项');
  const mine = (await deskCountsOf([ctx.openid])).get(ctx.openid)!;
  return ok({ ...mine, total: deskTotal(mine) });
});
