// The HTTP front of localcloud: `POST /admin` speaks the CloudBase admin API that wx-server-sdk uses and
// is dispatched by the action's prefix to one Service; every other path is a route a service declares
// (storage URLs, the function gateway, the message sinks) or one of localcloud's own introspection routes.
import http from 'node:http';
import busboy from 'busboy';
import { allowedOriginsFromEnv, refusal } from './guard';
import { AdminReply, AdminRequest, CloudError, errorReply, newRequestId, RawReply, Service } from './protocol';
import { invocationIdFromToken, Stats } from './stats';

export const MAX_ADMIN_BODY = 20 * 1024 * 1024;

export interface HttpContext {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  url: URL;
  match: RegExpMatchArray;
  /** the raw body, rejected past `limit` bytes */
  body(limit?: number): Promise<Buffer>;
  json(status: number, value: unknown): void;
}

export interface HttpRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: RegExp;
  handle(ctx: HttpContext): Promise<void>;
}

export interface LocalCloudContext {
  envId: string;
  dataDir: string;
  stats: Stats;
  /** settings every function gets in its environment, as a real environment's function settings hold them:
   *  the personal-data keys and the subscription account's (MP_API_BASE, MP_APPID, MP_SECRET) */
  functionEnv: Record<string, string>;
  /** http://127.0.0.1:PORT, known once the server listens */
  baseUrl(): string;
  log(line: string): void;
}

/** What each part of localcloud (database, storage, openapi, functions) plugs in. */
export interface LocalService extends Partial<Service> {
  routes?: HttpRoute[];
  start?(): Promise<void>;
  stop?(): Promise<void>;
}

class BodyTooLarge extends Error {}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new BodyTooLarge());
        req.resume(); // drain the rest so the connection can answer
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function parseMultipart(req: http.IncomingMessage, raw: Buffer): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, unknown> = {};
    const bb = busboy({ headers: req.headers });
    bb.on('field', (name, value) => (fields[name] = value));
    bb.on('file', (name, stream) => {
      const parts: Buffer[] = [];
      stream.on('data', (d: Buffer) => parts.push(d));
      stream.on('end', () => (fields[name] = Buffer.concat(parts)));
    });
    bb.on('close', () => resolve(fields));
    bb.on('error', reject);
    bb.end(raw);
  });
}

async function parseAdminBody(req: http.IncomingMessage, raw: Buffer): Promise<Record<string, unknown>> {
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) return parseMultipart(req, raw);
  const parsed: unknown = JSON.parse(raw.toString('utf8') || '{}');
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new CloudError('INVALID_PARAM', 'request body must be a JSON object');
  return parsed as Record<string, unknown>;
}

export function createServer(ctx: LocalCloudContext, services: LocalService[], ownRoutes: HttpRoute[]): http.Server {
  const byPrefix = new Map<string, LocalService>();
  for (const s of services) if (s.prefix) byPrefix.set(s.prefix, s);
  const routes = [...ownRoutes, ...services.flatMap((s) => s.routes ?? [])];

  async function admin(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const requestId = newRequestId();
    let reply: AdminReply;
    try {
      const params = await parseAdminBody(req, await readBody(req, MAX_ADMIN_BODY));
      const action = typeof params.action === 'string' ? params.action : '';
      const service = byPrefix.get(action.split('.')[0]);
      if (!service?.handle) throw new CloudError('INVALID_ACTION', `action ${action || '(none)'} is not supported`);
      const invocationId = invocationIdFromToken(params.sessionToken);
      ctx.stats.record(action, invocationId, action.startsWith('database.') && typeof params.collectionName === 'string' ? params.collectionName : undefined);
      const request: AdminRequest = { action, params, invocationId, requestId };
      const out = await service.handle(request);
      if (out instanceof RawReply) {
        res.writeHead(200, { 'content-type': out.contentType });
        res.end(out.body);
        return;
      }
      reply = { ...out, requestId };
    } catch (e) {
      if (e instanceof BodyTooLarge) reply = errorReply(new CloudError('INVALID_PARAM', `request body exceeds ${MAX_ADMIN_BODY} bytes`), requestId);
      else if (e instanceof SyntaxError) reply = errorReply(new CloudError('INVALID_PARAM', `malformed request body: ${e.message}`), requestId);
      else {
        if (!(e instanceof CloudError)) ctx.log(`admin request ${requestId} failed: ${(e as Error).stack ?? e}`);
        reply = errorReply(e, requestId);
      }
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(reply));
  }

  const extraOrigins = allowedOriginsFromEnv();
  let port = 0; // known once the server listens
  return http.createServer((req, res) => {
    port ||= Number(new URL(ctx.baseUrl()).port);
    const refused = refusal(req, port, extraOrigins);
    if (refused) {
      ctx.log(`refused ${req.method} ${req.url}: ${refused.reason}`);
      res.writeHead(refused.status, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ errCode: 'FORBIDDEN', errMsg: `localcloud refused this request: ${refused.reason}` }));
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const done = (p: Promise<void>) =>
      p.catch((e) => {
        ctx.log(`${req.method} ${url.pathname} failed: ${(e as Error).stack ?? e}`);
        if (!res.headersSent) res.writeHead(e instanceof BodyTooLarge ? 413 : 500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errCode: -1, errMsg: e instanceof BodyTooLarge ? 'request body too large' : 'localcloud internal error' }));
      });
    if (req.method === 'POST' && url.pathname === '/admin') return void done(admin(req, res));
    for (const route of routes) {
      const match = route.method === req.method ? url.pathname.match(route.path) : null;
      if (!match) continue;
      const hctx: HttpContext = {
        req,
        res,
        url,
        match,
        body: (limit = MAX_ADMIN_BODY) => readBody(req, limit),
        json(status, value) {
          res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
          res.end(JSON.stringify(value));
        },
      };
      return void done(route.handle(hctx));
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ errCode: 404, errMsg: `no route for ${req.method} ${url.pathname}` }));
  });
}
