// The boundary of every cloud function: `{ action, ...input }` events are routed to one action, the caller
// identified from cloud.getWXContext() only, the input validated with the action's zod schema, and any
// unexpected throw logged with a request id and answered INTERNAL. Handlers return Result values.
import { randomUUID } from 'node:crypto';
import type { ApiError, ErrorCode, Result } from '../../typings/envelope';
import { cloud, TransactionContended } from './cloud';
import { logError } from './log';
import { parseInput, z } from './validation';

export interface CallContext {
  /** the caller's openid from the WX context; '' for timers and server-side calls */
  openid: string;
  /** how the function was invoked: wx_client (mini-program), wx_trigger (timer), wx_cloud… */
  source: string;
  requestId: string;
  now: Date;
}

export interface Action<S extends z.ZodType, T> {
  input: S;
  handle(ctx: CallContext, input: z.output<S>): Promise<Result<T>>;
  /** the timer trigger (the function's config.json) whose events run this action */
  trigger?: string;
}

/** Declares one action; a helper so TypeScript infers the input type from the schema. */
export function action<S extends z.ZodType, T>(input: S, handle: Action<S, T>['handle']): Action<S, T> {
  return { input, handle };
}

const NO_INPUT = z.strictObject({});

/** Declares the action that the timer trigger named `trigger` runs; it takes no input. (It is an action like
 *  any other, so it must itself refuse callers that are not the trigger.) */
export function timerAction<T>(trigger: string, handle: Action<typeof NO_INPUT, T>['handle']): Action<typeof NO_INPUT, T> {
  return { input: NO_INPUT, handle, trigger };
}

export const ok = <T>(data: T): Result<T> => ({ ok: true, data });
export const fail = (code: ErrorCode, message: string, fields?: Record<string, string>): { ok: false; error: ApiError } => ({
  ok: false,
  error: fields ? { code, message, fields } : { code, message },
});

interface ScfContext {
  request_id?: string;
}

/** CloudBase's timer trigger sends `{ Type: 'Timer', TriggerName, Time, Message }`: it is routed to the action
 *  declared for that trigger (timerAction), which itself refuses any caller but a trigger. */
function timerActionName(event: unknown, actions: Record<string, { trigger?: string }>): string | undefined {
  const e = event as { Type?: unknown; TriggerName?: unknown } | null;
  if (typeof e !== 'object' || e === null || e.Type !== 'Timer') return undefined;
  return Object.keys(actions).find((name) => actions[name].trigger !== undefined && actions[name].trigger === e.TriggerName);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function defineFunction(name: string, actions: Record<string, Action<any, unknown>>) {
  return async function main(event: unknown, context?: ScfContext): Promise<Result<unknown>> {
    const requestId = context?.request_id || randomUUID();
    const triggered = timerActionName(event, actions);
    if (triggered) event = { action: triggered };
    const actionName = event && typeof event === 'object' ? (event as { action?: unknown }).action : undefined;
    const act = typeof actionName === 'string' && Object.prototype.hasOwnProperty.call(actions, actionName) ? actions[actionName] : undefined;
    if (!act) return fail('UNKNOWN_ACTION', '不支持的操作');
    try {
      // `userInfo` is added by the platform to every event; anything else unexpected is refused (strict schemas).
      const { action: _action, userInfo: _userInfo, ...rest } = event as Record<string, unknown>;
      const parsed = parseInput(act.input, rest);
      if (!parsed.ok) return parsed;
      const wx = cloud.getWXContext();
      const ctx: CallContext = { openid: String(wx.OPENID ?? ''), source: String(wx.SOURCE ?? ''), requestId, now: new Date() };
      return await act.handle(ctx, parsed.value);
    } catch (error) {
      if (error instanceof TransactionContended) return fail('CONFLICT', '办理的人较多，请稍后再试');
      logError('unexpected error', { fn: name, action: actionName as string, requestId }, error);
      return { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试', requestId } };
    }
  };
}
