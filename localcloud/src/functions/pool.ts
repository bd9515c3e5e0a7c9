// Warm instances of one function: idle workers are reused, more are started while all are busy (up to a
// cap, then callers queue), idle ones are let go after a while, and a worker that hangs or dies is
// replaced by a fresh one on the next invocation.
import { ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import type { FunctionDef } from './catalog';
import type { FromWorker, ToWorker } from './workerProtocol';

const WORKER_JS = path.join(__dirname, 'worker.js');
/** SCF gives module loading its own limit, apart from the invocation timeout. */
const INIT_TIMEOUT_MS = 30_000;

export type RunOutcome =
  | { status: 'ok'; resultJson: string }
  | { status: 'failed'; error: string }
  | { status: 'timeout' };

/** An outcome, and the ms its instance took to start and load when none was warm (a cold start). */
export type PoolRun = RunOutcome & { loadMs: number | null };

export interface PoolOptions {
  maxWorkers: number;
  idleMs: number;
  /** the function's base environment (static CloudBase variables and its envVariables) */
  env(): Record<string, string>;
  /** one line the function wrote; requestId is null outside an invocation */
  log(requestId: string | null, line: string): void;
}

class Worker {
  private pending: { requestId: string; resolve(o: RunOutcome): void } | null = null;
  idleTimer: NodeJS.Timeout | undefined;
  /** killed or exited: never handed out again */
  dead = false;

  private constructor(private readonly child: ChildProcess, private readonly log: PoolOptions['log']) {}

  /** Forks an instance and waits until it has loaded the function module. */
  static start(def: FunctionDef, opts: PoolOptions, onExit: (w: Worker) => void): Promise<Worker> {
    const child = fork(WORKER_JS, [def.entry], { cwd: def.dir, env: opts.env(), execArgv: [], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    const worker = new Worker(child, opts.log);
    child.on('error', (e) => opts.log(null, `instance error: ${e.message}`)); // e.g. IPC to an instance that just died
    // What the function writes around console.* (process.stdout, native code) still reaches the log.
    for (const stream of [child.stdout!, child.stderr!]) readline.createInterface({ input: stream }).on('line', (l) => opts.log(worker.pending?.requestId ?? null, l));
    return new Promise((resolve, reject) => {
      let ready = false;
      const fail = (why: string) => {
        clearTimeout(timer);
        worker.kill();
        reject(new Error(why));
      };
      const timer = setTimeout(() => fail(`${def.name} did not load within ${INIT_TIMEOUT_MS} ms`), INIT_TIMEOUT_MS);
      child.on('message', (m: FromWorker) => {
        if (m.type === 'ready') {
          ready = true;
          clearTimeout(timer);
          resolve(worker);
        } else if (m.type === 'loadError') fail(m.error);
        else worker.onMessage(m);
      });
      child.on('exit', (code, signal) => {
        worker.dead = true;
        if (!ready) return fail(`${def.name} exited (${signal ?? `code ${code}`}) while loading`);
        worker.settle({ status: 'failed', error: `the function's instance exited (${signal ?? `code ${code}`}) during the invocation` });
        onExit(worker);
      });
    });
  }

  /** Sends the invocation, then waits for it: should sending throw, nothing is pending and the instance is free. */
  run(message: ToWorker, timeoutMs: number): Promise<RunOutcome> {
    return new Promise((resolve) => {
      this.child.send(message);
      const timer = setTimeout(() => {
        this.settle({ status: 'timeout' });
        this.kill(); // a hung instance is not reused
      }, timeoutMs);
      this.pending = {
        requestId: message.requestId,
        resolve: (o) => {
          clearTimeout(timer);
          resolve(o);
        },
      };
    });
  }

  /** running an invocation */
  get busy(): boolean {
    return this.pending !== null;
  }

  kill(): void {
    this.dead = true;
    clearTimeout(this.idleTimer);
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }

  private settle(outcome: RunOutcome): void {
    const p = this.pending;
    this.pending = null;
    p?.resolve(outcome);
  }

  private onMessage(m: FromWorker): void {
    if (m.type === 'log') {
      const prefix = m.level === 'log' || m.level === 'info' ? '' : `${m.level.toUpperCase()} `;
      for (const line of m.text.split('\n')) this.log(m.requestId, prefix + line);
    } else if (m.type === 'done' && m.requestId === this.pending?.requestId) {
      this.settle(m.ok ? { status: 'ok', resultJson: m.resultJson } : { status: 'failed', error: m.error });
    }
  }
}

export class FunctionPool {
  private readonly all = new Set<Worker>();
  private readonly idle: Worker[] = [];
  private readonly waiting: { resolve(w: Worker): void; reject(e: Error): void }[] = [];
  private starting = 0;
  private stopped = false;

  constructor(private readonly def: FunctionDef, private readonly opts: PoolOptions) {}

  /** Runs one invocation on an instance of its own; a module that fails to load is a failed outcome. */
  async run(message: ToWorker): Promise<PoolRun> {
    let acquired: { worker: Worker; loadMs: number | null };
    try {
      acquired = await this.acquire();
    } catch (e) {
      return { status: 'failed', error: (e as Error).message, loadMs: null };
    }
    const { worker, loadMs } = acquired;
    try {
      return { ...(await worker.run(message, this.def.timeoutSeconds * 1000)), loadMs };
    } finally {
      if (!worker.dead) this.release(worker);
    }
  }

  /** SIGKILLs the instances running an invocation (a function dying midway); returns how many. */
  killBusy(): number {
    const busy = [...this.all].filter((w) => w.busy && !w.dead);
    for (const w of busy) w.kill();
    return busy.length;
  }

  stop(): void {
    this.stopped = true;
    for (const w of this.waiting.splice(0)) w.reject(new Error('localcloud is stopping'));
    for (const w of this.all) w.kill();
  }

  private async acquire(): Promise<{ worker: Worker; loadMs: number | null }> {
    const w = this.idle.pop();
    if (w) {
      clearTimeout(w.idleTimer);
      return { worker: w, loadMs: null };
    }
    if (this.all.size + this.starting < this.opts.maxWorkers) {
      const started = Date.now();
      const worker = await this.startWorker();
      return { worker, loadMs: Date.now() - started };
    }
    // a queued caller is handed a warm instance, or one started for it (its wait is server time, not load)
    return { worker: await new Promise<Worker>((resolve, reject) => this.waiting.push({ resolve, reject })), loadMs: null };
  }

  private async startWorker(): Promise<Worker> {
    this.starting += 1;
    try {
      const w = await Worker.start(this.def, this.opts, (dead) => this.onExit(dead));
      if (this.stopped) {
        w.kill();
        throw new Error('localcloud is stopping');
      }
      this.all.add(w);
      return w;
    } catch (e) {
      this.serveWaiter();
      throw e;
    } finally {
      this.starting -= 1;
    }
  }

  /** A slot came free: the next queued caller gets a new instance. */
  private serveWaiter(): void {
    const next = this.waiting.shift();
    if (next) this.startWorker().then(next.resolve, next.reject);
  }

  private release(w: Worker): void {
    const next = this.waiting.shift();
    if (next) return next.resolve(w);
    w.idleTimer = setTimeout(() => {
      this.idle.splice(this.idle.indexOf(w), 1);
      w.kill();
    }, this.opts.idleMs);
    w.idleTimer.unref();
    this.idle.push(w);
  }

  private onExit(w: Worker): void {
    this.all.delete(w);
    const i = this.idle.indexOf(w);
    if (i >= 0) this.idle.splice(i, 1);
    this.serveWaiter();
  }
}
