// Assembles localcloud: one context, the four services, the HTTP server.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createConsole } from './console';
import type { DataDir } from './console/dataDir';
import { createDatabase } from './database';
import { createFunctions } from './functions';
import { createOpenapi } from './openapi';
import { mpFunctionEnv } from './openapi/mp';
import { createServer, HttpRoute, LocalCloudContext, LocalService } from './server';
import { functionSecrets } from './secrets';
import { Stats } from './stats';
import { createStorage } from './storage';

export interface LocalCloudOptions {
  port: number;
  host?: string;
  dataDir: string;
  envId?: string;
  /** the declaration of collections and indexes (cloudbase/collections.json) */
  collectionsFile: string;
  /** built functions, one folder each (dist/cloudfunctions) */
  functionsDir: string;
  /** the page gallery `npm run screens` makes, which the console shows (dist/screens by default) */
  screensDir?: string;
  log?: (line: string) => void;
}

export interface LocalCloud {
  url: string;
  port: number;
  context: LocalCloudContext;
  /** export, import and reset of the whole data dir */
  dataDir: DataDir;
  stop(): Promise<void>;
}

export async function startLocalCloud(opts: LocalCloudOptions): Promise<LocalCloud> {
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const host = opts.host ?? '127.0.0.1';
  let baseUrl = '';
  const context: LocalCloudContext = {
    envId: opts.envId ?? 'local-env',
    dataDir: path.resolve(opts.dataDir),
    stats: new Stats(),
    functionEnv: functionSecrets(opts.dataDir),
    baseUrl: () => baseUrl,
    log: opts.log ?? ((line) => console.log(`[localcloud] ${line}`)),
  };
  const parts = {
    database: await createDatabase(context, opts.collectionsFile),
    storage: createStorage(context),
    openapi: createOpenapi(context),
    functions: createFunctions(context, opts.functionsDir),
  };
  const devConsole = createConsole(context, parts, { screensDir: opts.screensDir ?? path.resolve(__dirname, '../screens') });
  const services: LocalService[] = [parts.database, parts.storage, parts.openapi, parts.functions, devConsole];
  const ownRoutes: HttpRoute[] = [
    { method: 'GET', path: /^\/__localcloud\/health$/, handle: async (c) => c.json(200, { ok: true, envId: context.envId }) },
    {
      method: 'GET',
      path: /^\/__localcloud\/invocations\/([\w-]+)$/,
      handle: async (c) => {
        const s = context.stats.get(c.match[1]);
        return s ? c.json(200, s) : c.json(404, { errMsg: 'unknown invocation' });
      },
    },
    { method: 'GET', path: /^\/__localcloud\/stats$/, handle: async (c) => c.json(200, { byAction: context.stats.totalsByAction() }) },
  ];
  const server: http.Server = createServer(context, services, ownRoutes);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  baseUrl = `http://${host}:${port}`;
  // the subscription account's settings point at localcloud's sink, known once the port is
  Object.assign(context.functionEnv, mpFunctionEnv(baseUrl));
  for (const s of services) await s.start?.();
  return {
    url: baseUrl,
    port,
    context,
    dataDir: devConsole.dataDir,
    async stop() {
      for (const s of [...services].reverse()) await s.stop?.();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
