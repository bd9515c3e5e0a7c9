// Typed calls of product functions through the localcloud gateway, as a given openid.
import type { ActionInput, ActionName, ActionOutput, FunctionName, Result } from '../../typings/api';
import type { InvocationCost, Localcloud } from '../harness/localcloud';

/** The demo people's openids (localcloud/src/demo/data.ts). */
export const PEOPLE = {
  newcomer: 'o-demo-newcomer',
  member: 'o-demo-member', // 王建国, hardship, 城关镇环卫所工会
  pending: 'o-demo-pending', // 城关镇环卫所工会, pending
  cgOfficer: 'o-demo-org-officer', // orgOfficer over 城关镇总工会
  spOfficer: 'o-demo-sp-officer', // orgOfficer over 水坪镇总工会
  fedOfficer: 'o-demo-fed-officer', // federationOfficer over the county
  lawyer: 'o-demo-lawyer',
  staff: 'o-demo-staff',
  admin: 'o-demo-admin',
} as const;

export interface Called<T> {
  result: Result<T>;
  invocationId: string | null;
}

export async function callAs<F extends FunctionName, A extends ActionName<F>>(
  lc: Localcloud,
  openid: string,
  fn: F,
  action: A,
  input: ActionInput<F, A> | Record<string, unknown>,
): Promise<Result<ActionOutput<F, A>>> {
  return (await callCounted(lc, openid, fn, action, input)).result;
}

/** The call and its invocation id, to read its round trips from localcloud. */
export async function callCounted<F extends FunctionName, A extends ActionName<F>>(
  lc: Localcloud,
  openid: string,
  fn: F,
  action: A,
  input: ActionInput<F, A> | Record<string, unknown>,
): Promise<Called<ActionOutput<F, A>>> {
  const reply = await lc.call<Result<ActionOutput<F, A>>>(fn, { action, ...(input as object) }, openid);
  if (reply.status !== 200 || !reply.body.result) throw new Error(`${fn}.${action} failed at the gateway: ${JSON.stringify(reply.body)}`);
  return { result: reply.body.result, invocationId: reply.invocationId };
}

/** A call as `openid` that must succeed: its data and what its invocation cost; throws with the error otherwise. */
export async function measuredCall<F extends FunctionName, A extends ActionName<F>>(
  lc: Localcloud,
  openid: string,
  fn: F,
  action: A,
  input: ActionInput<F, A> | Record<string, unknown>,
): Promise<{ data: ActionOutput<F, A>; cost: InvocationCost }> {
  const { result, invocationId } = await callCounted(lc, openid, fn, action, input);
  if (!result.ok) throw new Error(`${fn}.${action} as ${openid} failed: ${JSON.stringify(result.error)} (input ${JSON.stringify(input).slice(0, 300)})`);
  return { data: result.data, cost: await lc.cost(invocationId) };
}

/** The data of a successful result; fails the test with the error otherwise. */
export function data<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.data;
}

/**
 * An ID card number in clear: 17 digits and a check character standing alone. Not inside a longer run of
 * letters and digits: a 32-hex document id or a URL's signature holds 18 digits in a row now and then.
 */
export const CLEAR_ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/;

/** A valid ID card number from 17 digits (GB 11643 check digit). */
export function idCard(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = first17.split('').reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

/** Every document of the named collections, read through the real SDK: to prove bad input changed nothing. */
export async function snapshot(lc: Localcloud, collections: string[]): Promise<Record<string, unknown[]>> {
  lc.useSdk();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk') as typeof import('wx-server-sdk');
  cloud.init({ env: 'local-env' });
  const db = cloud.database();
  const out: Record<string, unknown[]> = {};
  for (const c of collections) {
    const res = (await db.collection(c).orderBy('_id', 'asc').limit(1000).get()) as { data: unknown[] };
    out[c] = res.data;
  }
  return out;
}
