// Runs invocations: gives each one an id (also its SCF request id and, through the session token, the key
// the server counts its round trips under), the WX context CloudBase would give it, and a warm instance.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { sdkEnv } from '../sdkEnv';
import type { LocalCloudContext } from '../server';
import { INVOCATION_TOKEN_PREFIX } from '../stats';
import type { FunctionDef } from './catalog';
import type { InvocationLog } from './invocations';
import { FunctionPool } from './pool';
import type { ScfContext } from './workerProtocol';

const REGION = 'ap-shanghai';
const MAX_WORKERS_PER_FUNCTION = 16;
const IDLE_MS = 60_000;

/** Who invoked: becomes getWXContext() in the function. */
export interface Caller {
  openid?: string;
  appid?: string;
  unionid?: string;
  /** TCB_SOURCE: `wx_client` from the mini-program, `…,scf` down a callFunction chain, `wx_trigger` for timers */
  source: string;
  timer?: boolean;
  /** the invocation whose cloud.callFunction this is */
  parentId?: string;
}

export type Outcome =
  | { status: 'ok'; resultJson: string }
  | { status: 'not_found' }
  /** the event cannot be passed on to an instance: refused before any instance is taken */
  | { status: 'invalid_event'; message: string }
  | { status: 'failed'; error: string }
  | { status: 'timeout'; message: string };

export interface Invocation {
  invocationId: string;
  functionName: string;
  outcome: Outcome;
}

// Functions are deployed without node_modules; like CloudBase installing their dependency, localcloud
// lets them resolve wx-server-sdk from its own install.
const SDK_NODE_MODULES = path.dirname(path.dirname(createRequire(__filename).resolve('wx-server-sdk/package.json')));

function invocationEnv(caller: Caller, invocationId: string): Record<string, string> {
  const wx: Record<string, string> = {};
  if (caller.openid) wx.WX_OPENID = caller.openid;
  if (caller.appid) wx.WX_APPID = caller.appid;
  if (caller.unionid) wx.WX_UNIONID = caller.unionid;
  // A timer's context has no user; CloudBase gives it the token for cloud calls from timers instead.
  if (caller.timer) wx.WX_TRIGGER_API_TOKEN_V0 = 'localcloud';
  return {
    ...wx,
    WX_CONTEXT_KEYS: Object.keys(wx).join(','),
    TCB_SOURCE: caller.source,
    TENCENTCLOUD_SESSIONTOKEN: INVOCATION_TOKEN_PREFIX + invocationId,
    ...(caller.timer ? { TRIGGER_SRC: 'timer' } : {}),
  };
}

/**
 * The event as an instance receives it: JSON, or why it cannot be. JSON.parse reads any depth but
 * JSON.stringify recurses, so an event nested some thousands of levels deep (about 6,000 arrays in 12 KB)
 * parses at the gateway and cannot be sent on; CloudBase likewise refuses an event it cannot pass to the
 * function with FUNCTION_PARAM_INVALID before any instance runs.
 */
function serializedEvent(event: unknown): string | Extract<Outcome, { status: 'invalid_event' }> {
  try {
    return JSON.stringify(event);
  } catch (e) {
    return { status: 'invalid_event', message: `the event cannot be passed to the function (${(e as Error).message})` };
  }
}

export class FunctionRuntime {
  private readonly pools = new Map<string, FunctionPool>();
  /** the callers of invocations in flight, so a callFunction from one hands its context on */
  private readonly inFlight = new Map<string, Caller>();

  constructor(
    private readonly ctx: LocalCloudContext,
    readonly functions: ReadonlyMap<string, FunctionDef>,
    /** where each invocation is recorded for the console */
    readonly invocations?: InvocationLog,
  ) {}

  callerOf(invocationId: string | undefined): Caller | undefined {
    return invocationId ? this.inFlight.get(invocationId) : undefined;
  }

  async invoke(functionName: string, event: unknown, caller: Caller): Promise<Invocation> {
    const invocationId = randomUUID();
    const def = this.functions.get(functionName);
    this.invocations?.begin(invocationId, functionName, event, caller);
    if (!def) {
      this.invocations?.finish(invocationId, { status: 'not_found' }, 0);
      return { invocationId, functionName, outcome: { status: 'not_found' } };
    }
    const eventJson = serializedEvent(event);
    if (typeof eventJson !== 'string') {
      this.log(def.name, invocationId, `REFUSED (source ${caller.source}): ${eventJson.message}`);
      this.invocations?.finish(invocationId, eventJson, 0);
      return { invocationId, functionName, outcome: eventJson };
    }
    this.ctx.stats.begin(invocationId);
    const env = invocationEnv(caller, invocationId);
    const context: ScfContext = {
      request_id: invocationId,
      function_name: def.name,
      function_version: '$LATEST',
      namespace: this.ctx.envId,
      memory_limit_in_mb: 256,
      time_limit_in_ms: def.timeoutSeconds * 1000,
      tencentcloud_region: REGION,
      environment: JSON.stringify(env),
    };
    const started = Date.now();
    this.inFlight.set(invocationId, caller);
    let outcome: Outcome;
    let loadMs: number | null = null;
    try {
      const { loadMs: load, ...run } = await this.pool(def).run({ type: 'invoke', requestId: invocationId, eventJson, context, env });
      loadMs = load;
      outcome = run.status === 'timeout' ? { status: 'timeout', message: `Invoking task timed out after ${def.timeoutSeconds} seconds` } : run;
    } finally {
      this.inFlight.delete(invocationId);
      this.ctx.stats.finish(invocationId, Date.now() - started, loadMs);
    }
    this.invocations?.finish(invocationId, outcome, Date.now() - started);
    const detail = outcome.status === 'failed' ? `: ${outcome.error.split('\n')[0]}` : outcome.status === 'timeout' ? `: ${outcome.message}` : '';
    this.log(def.name, invocationId, `END ${outcome.status} in ${Date.now() - started} ms (source ${caller.source})${detail}`);
    return { invocationId, functionName, outcome };
  }

  /** Kills the function's instances that are running invocations; returns how many. */
  killRunning(functionName: string): number {
    return this.pools.get(functionName)?.killBusy() ?? 0;
  }

  stop(): void {
    for (const p of this.pools.values()) p.stop();
  }

  /** Ends every instance (their running invocations fail), so the next invocations start fresh ones with
   *  the environment as it is now: after an import brought other secrets. */
  restartInstances(): void {
    this.stop();
    this.pools.clear();
  }

  private pool(def: FunctionDef): FunctionPool {
    let pool = this.pools.get(def.name);
    if (!pool) {
      pool = new FunctionPool(def, {
        maxWorkers: MAX_WORKERS_PER_FUNCTION,
        idleMs: IDLE_MS,
        env: () => this.baseEnv(def),
        log: (requestId, line) => this.log(def.name, requestId, line),
      });
      this.pools.set(def.name, pool);
    }
    return pool;
  }

  /** What every instance of the function starts with, before any invocation's context. */
  private baseEnv(def: FunctionDef): Record<string, string> {
    return {
      PATH: process.env.PATH ?? '',
      TZ: 'UTC', // CloudBase functions run in UTC
      NODE_PATH: SDK_NODE_MODULES,
      ...sdkEnv(this.ctx.baseUrl(), this.ctx.envId),
      SCF_FUNCTIONNAME: def.name,
      ...this.ctx.functionEnv,
      ...def.envVariables,
    };
  }

  private log(functionName: string, requestId: string | null, line: string): void {
    if (requestId) this.invocations?.log(requestId, line);
    this.ctx.log(`[${functionName}]${requestId ? ` [${requestId}]` : ''} ${line}`);
  }
}
