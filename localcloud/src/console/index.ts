// The localcloud console: a web app at http://127.0.0.1:PORT/ to see and drive the local cloud, as the
// Firebase Emulator Suite UI does. The browser app is localcloud/console/ (built into dist/localcloud/console/);
// it reads and drives localcloud through the /__localcloud/* routes every part declares. This module serves
// the app and what belongs to no one part:
//   GET  /                                 the console
//   GET  /__localcloud/console/FILE        its bundle, styles and contract.json (every action's input schema)
//   GET  /__localcloud/console             envId, data dir, the demo people, whether the page gallery is made
//   GET  /__localcloud/events              server-sent events: `invocation` (as each starts and ends), `call`
//                                          (each WeChat call recorded), `data` (after an import or reset)
//   POST /__localcloud/data/export {dir}   the data dir into a folder (see dataDir.ts)
//   POST /__localcloud/data/import {dir}   a folder's export in place of the data dir
//   POST /__localcloud/data/reset          back to the demo data
//   GET  /__localcloud/pages/FILE          the page gallery of `npm run screens` (index.html and its PNGs)
// Like all of localcloud it answers only requests naming 127.0.0.1 and changes nothing for another origin
// (guard.ts).
import http from 'node:http';
import path from 'node:path';
import { DEMO_PEOPLE } from '../demo/data';
import type { HttpContext, HttpRoute, LocalCloudContext, LocalService } from '../server';
import { DataDir, DataDirError, DataDirParts } from './dataDir';
import { CONSOLE_CSP, fileIn, notFound, sendFile } from './files';

const APP_DIR = path.join(__dirname, 'console');
const HEARTBEAT_MS = 25_000;

export interface ConsoleOptions {
  /** where `npm run screens` writes its gallery (index.html + PNGs) */
  screensDir: string;
}

export type ConsoleService = LocalService & { dataDir: DataDir };

export function createConsole(ctx: LocalCloudContext, parts: DataDirParts, opts: ConsoleOptions): ConsoleService {
  const dataDir = new DataDir(ctx, parts);
  const screensDir = path.resolve(opts.screensDir);
  const streams = new Set<http.ServerResponse>();

  function broadcast(event: string, data: unknown): void {
    const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const res of streams) res.write(frame);
  }
  // nothing is serialised while no console listens (benchmarks run thousands of invocations)
  parts.functions.invocations.subscribe((r) => streams.size && broadcast('invocation', parts.functions.invocations.view(r)));
  parts.openapi.calls.subscribe((call) => streams.size && broadcast('call', call));

  const body = async (c: HttpContext): Promise<Record<string, unknown>> => {
    try {
      const parsed: unknown = JSON.parse((await c.body(64 * 1024)).toString('utf8') || '{}');
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  };

  /** A data dir operation: its summary, or its refusal as a 400 the console shows. */
  const dataRoute = (name: string, run: (b: Record<string, unknown>) => Promise<unknown>): HttpRoute => ({
    method: 'POST',
    path: new RegExp(`^/__localcloud/data/${name}$`),
    async handle(c) {
      try {
        const summary = await run(await body(c));
        broadcast('data', { operation: name });
        c.json(200, summary);
      } catch (e) {
        if (e instanceof DataDirError) return c.json(400, { errCode: 'INVALID_PARAM', errMsg: e.message });
        throw e;
      }
    },
  });
  const dirOf = (b: Record<string, unknown>): string => {
    if (typeof b.dir !== 'string' || !b.dir.trim()) throw new DataDirError('dir must name a folder');
    return path.resolve(b.dir.trim()); // relative to where localcloud runs (npm start: the repository)
  };

  const routes: HttpRoute[] = [
    {
      method: 'GET',
      path: /^\/$/,
      async handle(c) {
        const index = fileIn(APP_DIR, 'index.html');
        if (!index) return notFound(c, 'The console is not built: run npm run build');
        await sendFile(c, index, { 'content-security-policy': CONSOLE_CSP });
      },
    },
    {
      method: 'GET',
      path: /^\/__localcloud\/console\/([\w.-]+)$/,
      async handle(c) {
        const file = fileIn(APP_DIR, c.match[1]);
        if (!file) return notFound(c, `no console file ${c.match[1]}`);
        await sendFile(c, file);
      },
    },
    {
      method: 'GET',
      path: /^\/__localcloud\/console$/,
      handle: async (c) =>
        c.json(200, {
          envId: ctx.envId,
          url: ctx.baseUrl(),
          dataDir: ctx.dataDir,
          /** where an export goes unless the developer says otherwise */
          exportDir: `${ctx.dataDir}-export`,
          people: DEMO_PEOPLE.map((p) => ({ openid: p.openid, label: p.label, name: p.member?.name ?? null, roles: p.roles.map((r) => r.role) })),
          screens: { dir: screensDir, made: fileIn(screensDir, 'index.html') !== null },
        }),
    },
    {
      method: 'GET',
      path: /^\/__localcloud\/events$/,
      async handle(c) {
        c.res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
        c.res.write(': localcloud events\n\n');
        streams.add(c.res);
        const beat = setInterval(() => c.res.write(': beat\n\n'), HEARTBEAT_MS);
        c.req.on('close', () => {
          clearInterval(beat);
          streams.delete(c.res);
        });
      },
    },
    dataRoute('export', (b) => dataDir.export(dirOf(b))),
    dataRoute('import', (b) => dataDir.import(dirOf(b))),
    dataRoute('reset', () => dataDir.reset()),
    {
      method: 'GET',
      path: /^\/__localcloud\/pages(?:\/(.*))?$/,
      async handle(c) {
        const file = fileIn(screensDir, decodeURIComponent(c.match[1] || 'index.html'));
        if (!file) return notFound(c, `The page gallery is not made yet: run npm run screens (it writes ${screensDir})`);
        await sendFile(c, file, { 'content-security-policy': "frame-ancestors 'self'" });
      },
    },
  ];

  return {
    routes,
    dataDir,
    async stop() {
      for (const res of streams) res.end();
      streams.clear();
    },
  };
}
