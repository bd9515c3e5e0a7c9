// Messages between localcloud and a function worker process (over the fork IPC channel).

/** The SCF context object handed to main(event, context), as far as it is plain data. */
export interface ScfContext {
  request_id: string;
  function_name: string;
  function_version: string;
  namespace: string;
  memory_limit_in_mb: number;
  time_limit_in_ms: number;
  tencentcloud_region: string;
  /** JSON of the invocation's environment, which @cloudbase/node-sdk can read from the context */
  environment: string;
}

export type ToWorker = {
  type: 'invoke';
  requestId: string;
  /** the event as JSON, serialized once by the runtime (so sending it can never fail half way) */
  eventJson: string;
  context: ScfContext;
  /** set on top of the worker's base environment for this invocation only */
  env: Record<string, string>;
};

export type FromWorker =
  | { type: 'ready' }
  | { type: 'loadError'; error: string }
  | { type: 'log'; requestId: string | null; level: 'log' | 'info' | 'warn' | 'error' | 'debug'; text: string }
  | { type: 'done'; requestId: string; ok: true; resultJson: string }
  | { type: 'done'; requestId: string; ok: false; error: string };
