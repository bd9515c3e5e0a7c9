// The function gateway for the mini-program's local mode and for tests: `POST /functions/NAME` with the
// event as the JSON body and the caller in x-wx-openid (x-wx-unionid, x-wx-appid optional). The answer
// is what wx.cloud.callFunction resolves with ({ result, errMsg, requestID }) or rejects with
// ({ errCode, errMsg, requestID }), always HTTP 200 like any call that reached the cloud; only a request
// the gateway cannot read or pass on (not JSON, not an object, an event nested too deeply to be sent to an
// instance) gets a 400, and no instance is taken for it. Header x-localcloud-invocation names the
// invocation for GET /__localcloud/invocations/<id>.
import type { HttpContext, HttpRoute } from '../server';
import type { Caller, FunctionRuntime, Invocation } from './runtime';

/** Where the SCF event limit for synchronous calls lies. */
const MAX_EVENT_BYTES = 6 * 1024 * 1024;

// What wx.cloud.callFunction rejects with, per CloudBase's client error codes.
const NOT_FOUND = -501000;
const EXECUTION_ERROR = -404011; // the function threw; the message carries the service code -504002
const TIMED_OUT = -504003;

/**
 * What the gateway answers, with HTTP 400, to a request it cannot pass on to a function: CloudBase's HTTP API
 * answers a body it cannot take as an event with 400 FUNCTION_PARAM_INVALID, before any instance runs
 * (https://docs.cloudbase.net/http-api/functions/functions-post).
 */
const badRequest = (why: string) => ({ errCode: -1, errMsg: `cloud.callFunction:fail FUNCTION_PARAM_INVALID: ${why}` });

export function callFunctionReply(inv: Invocation): Record<string, unknown> {
  const requestID = inv.invocationId;
  const o = inv.outcome;
  switch (o.status) {
    case 'ok':
      return { result: JSON.parse(o.resultJson), errMsg: 'cloud.callFunction:ok', requestID };
    case 'not_found':
      return { errCode: NOT_FOUND, errMsg: 'cloud.callFunction:fail Error: errCode: -501000 | errMsg: FunctionName parameter could not be found.', requestID };
    case 'invalid_event':
      return badRequest(o.message);
    case 'failed':
      return { errCode: EXECUTION_ERROR, errMsg: `cloud.callFunction:fail requestID ${requestID}, cloud function service error code -504002, error message ${o.error}`, requestID };
    case 'timeout':
      return { errCode: TIMED_OUT, errMsg: `cloud.callFunction:fail Error: errCode: -504003 | errMsg: ${o.message}`, requestID };
  }
}

export function sendInvocation(c: HttpContext, inv: Invocation): void {
  const ran = inv.outcome.status !== 'not_found' && inv.outcome.status !== 'invalid_event';
  if (ran) c.res.setHeader('x-localcloud-invocation', inv.invocationId);
  c.json(inv.outcome.status === 'invalid_event' ? 400 : 200, callFunctionReply(inv));
}

const header = (c: HttpContext, name: string): string | undefined => {
  const v = c.req.headers[name];
  return typeof v === 'string' && v ? v : undefined;
};

async function readEvent(c: HttpContext): Promise<Record<string, unknown> | string> {
  const text = (await c.body(MAX_EVENT_BYTES)).toString('utf8').trim();
  if (!text) return {};
  let event: unknown;
  try {
    event = JSON.parse(text);
  } catch (e) {
    return `the request body is not JSON: ${(e as Error).message}`;
  }
  return event && typeof event === 'object' && !Array.isArray(event) ? (event as Record<string, unknown>) : 'the event must be a JSON object (wx.cloud.callFunction takes data as an object)';
}

export function gatewayRoutes(runtime: FunctionRuntime, defaultAppId: string): HttpRoute[] {
  return [
    {
      method: 'POST',
      path: /^\/functions\/([\w-]+)$/,
      async handle(c) {
        const event = await readEvent(c);
        if (typeof event === 'string') return c.json(400, badRequest(event));
        const caller: Caller = {
          openid: header(c, 'x-wx-openid'),
          unionid: header(c, 'x-wx-unionid'),
          appid: header(c, 'x-wx-appid') ?? defaultAppId,
          source: 'wx_client',
        };
        // CloudBase adds the caller to every event that comes from the mini-program.
        const userInfo = { appId: caller.appid, ...(caller.openid ? { openId: caller.openid } : {}) };
        sendInvocation(c, await runtime.invoke(c.match[1], { ...event, userInfo }, caller));
      },
    },
  ];
}
