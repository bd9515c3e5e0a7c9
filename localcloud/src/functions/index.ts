// The function runtime: the deployed functions run in warm worker processes, reachable from the SDK
// (`functions.invokeFunction`, i.e. cloud.callFunction inside a function), from the gateway
// (`POST /functions/NAME`) and from their timer triggers. `POST /__localcloud/functions/NAME/kill` SIGKILLs
// the function's instances that are running an invocation (a function dying midway; their invocations end
// failed), answering {killed: n}.
import { AdminRequest, CloudError } from '../protocol';
import type { HttpRoute, LocalCloudContext, LocalService } from '../server';
import { loadFunctions } from './catalog';
import { gatewayRoutes } from './gateway';
import { InvocationLog } from './invocations';
import { Caller, FunctionRuntime } from './runtime';
import { Timers } from './timers';

/** The mini-program's AppID as functions see it locally. */
const LOCAL_APPID = 'wxlocalcloud000000';

function parseRequestData(raw: unknown): unknown {
  if (raw === undefined || raw === '') return {};
  if (typeof raw !== 'string') throw new CloudError('INVALID_PARAM', 'request_data must be a JSON string');
  try {
    return JSON.parse(raw);
  } catch {
    throw new CloudError('INVALID_PARAM', 'request_data is not valid JSON');
  }
}

function killRoute(runtime: FunctionRuntime): HttpRoute {
  return {
    method: 'POST',
    path: /^\/__localcloud\/functions\/([\w-]+)\/kill$/,
    handle: async (c) => {
      if (!runtime.functions.has(c.match[1])) return c.json(404, { errCode: -1, errMsg: `no function ${c.match[1]}` });
      c.json(200, { killed: runtime.killRunning(c.match[1]) });
    },
  };
}

/** The functions service, and what the console reads and drives of it. */
export type FunctionsService = LocalService & { runtime: FunctionRuntime; invocations: InvocationLog };

export function createFunctions(ctx: LocalCloudContext, functionsDir: string): FunctionsService {
  const invocations = new InvocationLog(ctx.stats);
  const runtime = new FunctionRuntime(ctx, loadFunctions(functionsDir), invocations);
  const timers = new Timers(ctx, runtime, process.env.LOCALCLOUD_TIMERS !== 'off');

  /** cloud.callFunction from the SDK: the callee keeps the caller's user, and SOURCE records the hop. */
  async function invokeFunction(req: AdminRequest) {
    const name = req.params.function_name;
    if (typeof name !== 'string' || !name) throw new CloudError('INVALID_PARAM', '函数名不能为空');
    const from = runtime.callerOf(req.invocationId);
    const caller: Caller = from
      ? { openid: from.openid, appid: from.appid, unionid: from.unionid, source: `${from.source},scf`, parentId: req.invocationId }
      : { appid: LOCAL_APPID, source: 'scf' };
    const { outcome } = await runtime.invoke(name, parseRequestData(req.params.request_data), caller);
    switch (outcome.status) {
      case 'ok':
        return { data: { response_data: outcome.resultJson } };
      case 'not_found':
        throw new CloudError('FUNCTION_NOT_FOUND', 'FunctionName parameter could not be found.');
      case 'invalid_event':
        throw new CloudError('FUNCTION_PARAM_INVALID', outcome.message);
      case 'failed':
        throw new CloudError('FUNCTIONS_EXECUTE_FAIL', outcome.error);
      case 'timeout':
        throw new CloudError('FUNCTIONS_TIME_LIMIT_EXCEEDED', outcome.message);
    }
  }

  return {
    prefix: 'functions',
    runtime,
    invocations,
    async handle(req) {
      if (req.action === 'functions.invokeFunction') return invokeFunction(req);
      throw new CloudError('INVALID_ACTION', `action ${req.action} is not supported by localcloud`);
    },
    routes: [...gatewayRoutes(runtime, LOCAL_APPID), ...timers.routes(), killRoute(runtime), ...invocations.routes()],
    async start() {
      timers.start();
    },
    async stop() {
      timers.stop();
      runtime.stop();
    },
  };
}
