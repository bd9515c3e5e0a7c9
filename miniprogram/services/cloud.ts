// The one way pages call cloud functions: wx.cloud.callFunction in the cloud, the localcloud gateway in local
// mode (same reply shape), so pages never know which.
import type { ActionInput, ActionName, ActionOutput, FunctionName, Result } from '../../typings/api';
import { env } from './env';

const DEV_OPENID_KEY = 'dev.openid';

export function initCloud(): void {
  if (!env.localGateway) wx.cloud.init({ env: env.cloudEnv, traceUser: true });
}

/** In local mode, the demo identity the developer acts as (see the developer panel). */
export function devOpenid(): string {
  return (wx.getStorageSync(DEV_OPENID_KEY) as string) || '';
}

export function setDevOpenid(openid: string): void {
  wx.setStorageSync(DEV_OPENID_KEY, openid);
}

function callLocal<T>(gateway: string, name: string, data: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    wx.request({
      url: `${gateway}/functions/${name}`,
      method: 'POST',
      data: data as WechatMiniprogram.IAnyObject,
      header: { 'content-type': 'application/json', 'x-wx-openid': devOpenid() },
      success: (res) => {
        const body = res.data as { result?: T; errCode?: number; errMsg?: string };
        if (res.statusCode === 200 && body && 'result' in body) resolve(body.result as T);
        else reject({ errCode: body?.errCode ?? res.statusCode, errMsg: body?.errMsg ?? 'cloud.callFunction:fail' });
      },
      fail: reject,
    });
  });
}

/** Calls a cloud function and resolves with what it returned. */
export async function callFunction<T>(name: string, data: unknown): Promise<T> {
  if (env.localGateway) return callLocal<T>(env.localGateway, name, data);
  const res = await wx.cloud.callFunction({ name, data: data as WechatMiniprogram.IAnyObject });
  return res.result as T;
}

/** Calls one action of a product function; a transport failure becomes an error value like any other. */
export async function call<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  input: ActionInput<F, A>,
): Promise<Result<ActionOutput<F, A>>> {
  try {
    return await callFunction<Result<ActionOutput<F, A>>>(fn, { action, ...(input as object) });
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: '网络不太好，请稍后再试' } };
  }
}
