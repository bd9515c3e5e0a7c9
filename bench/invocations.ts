// A call through the gateway that must succeed, and what localcloud recorded for it (Localcloud.cost: round
// trips, unindexed queries, documents examined and written, server time).
import type { ActionName, ActionOutput, FunctionName } from '../typings/api';
import type { InvocationCost, Localcloud } from '../test/harness/localcloud';
import { callCounted } from '../test/functions/api';

/** A call as `openid` that must succeed: its data and its cost; throws with the error otherwise. */
export async function measuredCall<F extends FunctionName, A extends ActionName<F>>(
  lc: Localcloud,
  openid: string,
  fn: F,
  action: A,
  input: Record<string, unknown>,
): Promise<{ data: ActionOutput<F, A>; cost: InvocationCost }> {
  const { result, invocationId } = await callCounted(lc, openid, fn, action, input);
  if (!result.ok) throw new Error(`${fn}.${action} as ${openid} failed: ${JSON.stringify(result.error)} (input ${JSON.stringify(input).slice(0, 300)})`);
  return { data: result.data, cost: await lc.cost(invocationId) };
}
