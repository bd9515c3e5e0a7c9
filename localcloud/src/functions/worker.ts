// A function worker: one child process per warm instance, serving one invocation at a time, as a
// CloudBase (SCF) instance does. Loads the function module once, then for each invocation puts that
// invocation's WX context into its own process.env and calls main(event, context).
// Started by pool.ts with the function's entry file as argv[2] and its base environment.
import { format } from 'node:util';
import type { FromWorker, ToWorker } from './workerProtocol';

const send = (m: FromWorker, then?: () => void) => process.send!(m, undefined, undefined, then);
const describe = (e: unknown): string => (e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : typeof e === 'string' ? e : format('%o', e));

let current: string | null = null; // the request id being served

// console.* becomes a log line tagged with the invocation that wrote it.
for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
  console[level] = (...args: unknown[]) => send({ type: 'log', requestId: current, level, text: format(...args) });
}

// An exception nobody awaited ends the instance, as on SCF; the invocation fails with it.
process.on('uncaughtException', (e) => {
  const requestId = current;
  if (requestId) send({ type: 'done', requestId, ok: false, error: describe(e) }, () => process.exit(1));
  else send({ type: 'loadError', error: describe(e) }, () => process.exit(1));
});

// An instance does not outlive the localcloud that started it.
process.on('disconnect', () => process.exit(0));

const baseEnv = { ...process.env };

/** Back to the base environment, then this invocation's: nothing of an earlier invocation survives. */
function resetEnv(invocationEnv: Record<string, string>): void {
  for (const key of Object.keys(process.env)) if (!(key in baseEnv)) delete process.env[key];
  Object.assign(process.env, baseEnv, invocationEnv);
}

type Main = (event: unknown, context: unknown) => unknown;
let main: Main;
try {
  const mod = require(process.argv[2]) as { main?: Main };
  if (typeof mod.main !== 'function') throw new Error(`${process.argv[2]} does not export main(event, context)`);
  main = mod.main;
  send({ type: 'ready' });
} catch (e) {
  send({ type: 'loadError', error: describe(e) }, () => process.exit(1));
}

process.on('message', async (m: ToWorker) => {
  current = m.requestId;
  resetEnv(m.env);
  let reply: FromWorker;
  try {
    const result = await main(JSON.parse(m.eventJson), { ...m.context });
    reply = { type: 'done', requestId: m.requestId, ok: true, resultJson: JSON.stringify(result ?? null) };
  } catch (e) {
    reply = { type: 'done', requestId: m.requestId, ok: false, error: describe(e) };
  }
  current = null;
  send(reply);
});
