// Starts localcloud (the built dist/localcloud/main.js) as a child process on a free port with a
// temporary data dir, and gives tests the ways in: the gateway as a given openid, the wx-server-sdk
// environment, introspection, restart and kill -9.
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sdkEnv } from '../../localcloud/src/sdkEnv';
import { INVOCATION_TOKEN_PREFIX, type InvocationStats } from '../../localcloud/src/stats';

export const ROOT = path.resolve(__dirname, '../..');
const MAIN = path.join(ROOT, 'dist/localcloud/main.js');

export interface StartOptions {
  /** a collections.json other than the product's */
  collections?: string;
  /** a folder of built functions other than dist/cloudfunctions */
  functions?: string;
  /** reuse a data dir (for restart tests); a fresh temp dir otherwise */
  dataDir?: string;
  env?: Record<string, string>;
  /** seed the demo world (orgs, a person in every role) as `npm start` does */
  demo?: boolean;
  /** node's own flags for the localcloud process, e.g. a larger heap for a million records */
  nodeArgs?: string[];
  /** more of main.js's flags, e.g. --import DIR */
  args?: string[];
}

/** What a finished invocation cost, as GET /__localcloud/invocations/ID reports it (localcloud/src/stats.ts). */
export type InvocationCost = Omit<InvocationStats, 'invocationId' | 'durationMs'> & { durationMs: number };

export interface GatewayReply<T = unknown> {
  status: number;
  body: { result?: T; errCode?: number; errMsg?: string };
  invocationId: string | null;
}

export class Localcloud {
  private child: ChildProcess | null = null;
  url = '';
  port = 0;
  output = '';
  readonly dataDir: string;

  constructor(private readonly opts: StartOptions = {}) {
    this.dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'localcloud-test-'));
  }

  async start(): Promise<this> {
    if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first`);
    const args = [...(this.opts.nodeArgs ?? []), MAIN, '--port', String(this.port), '--data', this.dataDir];
    if (this.opts.collections) args.push('--collections', this.opts.collections);
    if (this.opts.functions) args.push('--functions', this.opts.functions);
    if (this.opts.demo) args.push('--demo');
    args.push(...(this.opts.args ?? []));
    // Timer triggers stay quiet in tests unless a test passes env LOCALCLOUD_TIMERS (fire them on demand instead).
    const child = spawn(process.execPath, args, { env: { LOCALCLOUD_TIMERS: 'off', ...process.env, ...this.opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    const ready = await new Promise<{ url: string; port: number }>((resolve, reject) => {
      const onData = (d: Buffer) => {
        this.output += d.toString();
        const m = this.output.match(/LOCALCLOUD_READY (\{.*\})/);
        if (m) resolve(JSON.parse(m[1]));
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (d: Buffer) => (this.output += d.toString()));
      child.once('exit', (code) => reject(new Error(`localcloud exited (${code}) before it was ready:\n${this.output}`)));
    });
    this.url = ready.url;
    this.port = ready.port; // a restart reuses the port, so SDK clients keep working
    return this;
  }

  /** The localcloud process's id while it runs (its function instances are its children). */
  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  /** The environment wx-server-sdk needs to talk to this localcloud from the test process. */
  sdkEnv(): Record<string, string> {
    return sdkEnv(this.url, 'local-env');
  }

  /** Points this process's wx-server-sdk at this localcloud. Call before requiring wx-server-sdk. */
  useSdk(): void {
    Object.assign(process.env, this.sdkEnv());
  }

  /** POST /functions/NAME as the mini-program's local mode does. */
  async call<T = unknown>(name: string, event: unknown, openid?: string): Promise<GatewayReply<T>> {
    const res = await fetch(`${this.url}/functions/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(openid ? { 'x-wx-openid': openid } : {}) },
      body: JSON.stringify(event ?? {}),
    });
    return { status: res.status, body: (await res.json()) as GatewayReply<T>['body'], invocationId: res.headers.get('x-localcloud-invocation') };
  }

  /** The recorded cost of a finished invocation (the gateway names it in x-localcloud-invocation). */
  async cost(invocationId: string | null): Promise<InvocationCost> {
    if (!invocationId) throw new Error('the gateway named no invocation');
    // the result reaches the caller as the invocation is closed: a moment's wait at most
    for (let attempt = 0; attempt < 50; attempt++) {
      const s = await this.getJson<InvocationStats>(`/__localcloud/invocations/${invocationId}`);
      if (s.durationMs !== null) {
        const { invocationId: _id, ...cost } = s;
        return { ...cost, durationMs: s.durationMs };
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`invocation ${invocationId} never finished`);
  }

  /**
   * Runs `work` (this process's SDK calls) as the invocation `invocationId`: its session token names the
   * invocation, as a function localcloud runs sends it. The result, and what localcloud counted for it.
   */
  async asInvocation<T>(invocationId: string, work: () => Promise<T>): Promise<{ result: T; stats: InvocationStats }> {
    const token = process.env.TENCENTCLOUD_SESSIONTOKEN;
    process.env.TENCENTCLOUD_SESSIONTOKEN = `${INVOCATION_TOKEN_PREFIX}${invocationId}`;
    let result: T;
    try {
      result = await work();
    } finally {
      if (token === undefined) delete process.env.TENCENTCLOUD_SESSIONTOKEN;
      else process.env.TENCENTCLOUD_SESSIONTOKEN = token;
    }
    return { result, stats: await this.getJson<InvocationStats>(`/__localcloud/invocations/${invocationId}`) };
  }

  async getJson<T = unknown>(p: string): Promise<T> {
    const res = await fetch(`${this.url}${p}`);
    if (!res.ok) throw new Error(`GET ${p}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  async postJson<T = unknown>(p: string, body: unknown = {}): Promise<T> {
    const res = await fetch(`${this.url}${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`POST ${p}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  /** Graceful stop; the data dir stays for a restart. */
  async stop(): Promise<void> {
    await this.end('SIGTERM');
  }

  /** kill -9: nothing gets to flush. */
  async kill9(): Promise<void> {
    await this.end('SIGKILL');
  }

  async restart(): Promise<this> {
    await this.stop();
    return this.start();
  }

  /** Stop and remove the temp data dir. */
  async dispose(): Promise<void> {
    await this.stop();
    if (!this.opts.dataDir) fs.rmSync(this.dataDir, { recursive: true, force: true });
  }

  private async end(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }
}

export async function startLocalcloud(opts: StartOptions = {}): Promise<Localcloud> {
  return new Localcloud(opts).start();
}

/** A localcloud for the whole test file: started before its tests, stopped and removed after them. */
export function useLocalcloud(opts: StartOptions = {}): Localcloud {
  const lc = new Localcloud(opts);
  beforeAll(() => lc.start());
  afterAll(() => lc.dispose());
  return lc;
}
