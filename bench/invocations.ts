// A call through the gateway and what localcloud recorded for it: round trips, unindexed queries, documents
// examined and written, and server time. The actions and the concurrent submissions both read their figures here.
import type { ActionName, ActionOutput, FunctionName } from '../typings/api';
import type { Localcloud } from '../test/harness/localcloud';
import { callCounted } from '../test/functions/api';

/** What one invocation cost, as GET /__localcloud/invocations/ID reports it. */
export interface Cost {
  /** database round trips */
  total: number;
  byAction: Record<string, number>;
  unindexedQueries: number;
  docsExamined: number;
  /** documents inserted, changed or removed, in or out of a transaction */
  docsWritten: number;
  /** server time: gateway hand-over to result */
  durationMs: number;
  /** ms a cold start took to start an instance and load the function; null when a warm instance served */
  loadMs: number | null;
}

interface InvocationStats extends Omit<Cost, 'durationMs'> {
  invocationId: string;
  durationMs: number | null;
}

/** The recorded cost of a finished invocation. */
export async function costOf(lc: Localcloud, invocationId: string | null): Promise<Cost> {
  if (!invocationId) throw new Error('the gateway named no invocation');
  // the result reaches the caller as the invocation is closed: a moment's wait at most
  for (let attempt = 0; attempt < 50; attempt++) {
    const s = await lc.getJson<InvocationStats>(`/__localcloud/invocations/${invocationId}`);
    if (s.durationMs !== null) {
      const { invocationId: _id, ...cost } = s;
      return { ...cost, durationMs: s.durationMs };
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`invocation ${invocationId} never finished`);
}

/** A call as `openid` that must succeed: its data and its cost; throws with the error otherwise. */
export async function measuredCall<F extends FunctionName, A extends ActionName<F>>(
  lc: Localcloud,
  openid: string,
  fn: F,
  action: A,
  input: Record<string, unknown>,
): Promise<{ data: ActionOutput<F, A>; cost: Cost }> {
  const { result, invocationId } = await callCounted(lc, openid, fn, action, input);
  if (!result.ok) throw new Error(`${fn}.${action} as ${openid} failed: ${JSON.stringify(result.error)} (input ${JSON.stringify(input).slice(0, 300)})`);
  return { data: result.data, cost: await costOf(lc, invocationId) };
}
