// A recording stand-in for the subscription account's (订阅号) API at ctx.baseUrl()/__localcloud/mp, so
// the product's base URL for api.weixin.qq.com can point here: access tokens, material, drafts and
// publishing, with WeChat's error codes for bad credentials, tokens and articles. One account is known:
// LOCALCLOUD_MP_APPID / LOCALCLOUD_MP_SECRET, by default the MP_* constants below. State is in memory.
// Functions get this account and base URL in their environment (mpFunctionEnv) as a real environment's
// function settings would hold the union's: MP_API_BASE (instead of https://api.weixin.qq.com), MP_APPID,
// MP_SECRET. What the account holds (drafts, published articles, material) is readable for the console:
//   GET /__localcloud/mp/articles         {drafts: [{mediaId, at, articles}], published: [{publishId, mediaId, at, articles}]}
//   GET /__localcloud/mp/materials/ID     the bytes of an uploaded material (an article's cover)
import { randomBytes } from 'node:crypto';
import { HttpContext, HttpRoute, parseMultipart } from '../server';
import { CallLog } from './calls';
import { wxError as err, WxResult } from './subscribe';

export const MP_APPID = 'wx0000000000000001';
export const MP_SECRET = '00000000000000000000000000000001';
const TOKEN_SECONDS = 7200;
const MATERIAL_TYPES = new Set(['image', 'voice', 'video', 'thumb']);

type Answer = WxResult | Record<string, unknown>;
const newId = (): string => randomBytes(24).toString('base64url');
/** Kept material bytes are bounded: a long session uploads a cover per notice at most. */
const KEEP_MATERIALS = 500;

/** A material's type from its first bytes (WeChat takes bmp/png/jpeg/jpg/gif covers). */
function imageType(bytes: Buffer): string {
  if (bytes.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]))) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'image/jpeg';
  if (bytes.subarray(0, 3).toString('latin1') === 'GIF') return 'image/gif';
  if (bytes.subarray(0, 2).toString('latin1') === 'BM') return 'image/bmp';
  return 'application/octet-stream';
}

/** What the subscription account holds, in memory. */
export class MpAccount {
  readonly materials = new Map<string, { bytes: Buffer; contentType: string }>();
  readonly drafts = new Map<string, { at: string; articles: unknown[] }>();
  readonly published: { publishId: string; mediaId: string; at: string; articles: unknown[] }[] = [];

  clear(): void {
    this.materials.clear();
    this.drafts.clear();
    this.published.length = 0;
  }
}

const mpAccount = () => ({ appid: process.env.LOCALCLOUD_MP_APPID ?? MP_APPID, secret: process.env.LOCALCLOUD_MP_SECRET ?? MP_SECRET });

/** The subscription-account settings functions read, pointing at this sink. */
export function mpFunctionEnv(baseUrl: string): Record<string, string> {
  const account = mpAccount();
  return { MP_API_BASE: `${baseUrl}/__localcloud/mp`, MP_APPID: account.appid, MP_SECRET: account.secret };
}

export function mpRoutes(calls: CallLog, held = new MpAccount()): HttpRoute[] {
  const account = mpAccount();
  const tokens = new Map<string, number>(); // token → expiry (ms)
  let stable: string | undefined;
  const { materials, drafts } = held;

  function credentials(grantType: unknown, appid: unknown, secret: unknown): WxResult | null {
    if (grantType !== 'client_credential') return err(40002, 'invalid grant_type');
    if (appid !== account.appid) return err(40013, 'invalid appid');
    if (secret !== account.secret) return err(40125, 'invalid appsecret');
    return null;
  }

  function issue(reuse: boolean): Answer {
    const live = reuse && stable && (tokens.get(stable) ?? 0) > Date.now();
    if (!live) {
      stable = newId();
      tokens.set(stable, Date.now() + TOKEN_SECONDS * 1000);
    }
    return { access_token: stable, expires_in: Math.round(((tokens.get(stable!) ?? 0) - Date.now()) / 1000) };
  }

  function tokenError(c: HttpContext): WxResult | null {
    const token = c.url.searchParams.get('access_token');
    if (!token) return err(41001, 'access_token missing');
    const expiry = tokens.get(token);
    if (expiry === undefined) return err(40001, 'invalid credential, access_token is invalid or not latest');
    if (expiry < Date.now()) return err(42001, 'access_token expired');
    return null;
  }

  function addDraft(body: { articles?: unknown }): Answer {
    const articles = body.articles;
    if (!Array.isArray(articles) || articles.length === 0) return err(44003, 'empty news data');
    for (const a of articles as Record<string, unknown>[]) {
      if (typeof a?.title !== 'string' || !a.title) return err(44003, 'empty news data');
      if ([...a.title].length > 32) return err(45003, 'title size out of limit');
      if (typeof a.author === 'string' && [...a.author].length > 16) return err(45110, 'author size out of limit');
      if (typeof a.digest === 'string' && [...a.digest].length > 128) return err(45004, 'description size out of limit');
      if (typeof a.content !== 'string' || !a.content) return err(44004, 'empty content');
      if (typeof a.thumb_media_id !== 'string' || !materials.has(a.thumb_media_id)) return err(40007, 'invalid media_id');
    }
    const mediaId = newId();
    drafts.set(mediaId, { at: new Date().toISOString(), articles });
    return { media_id: mediaId };
  }

  function submit(body: { media_id?: unknown }): Answer {
    if (typeof body.media_id !== 'string' || !drafts.has(body.media_id)) return err(40007, 'invalid media_id');
    const publishId = String(Date.now());
    held.published.push({ publishId, mediaId: body.media_id, at: new Date().toISOString(), articles: drafts.get(body.media_id)!.articles });
    return { errcode: 0, errmsg: 'ok', publish_id: publishId, msg_data_id: String(Date.now() + 1) };
  }

  // Every route answers HTTP 200 with JSON, as WeChat does, and is recorded.
  const route = (method: 'GET' | 'POST', cgi: string, answer: (c: HttpContext) => Promise<{ data: unknown; result: Answer }>): HttpRoute => ({
    method,
    path: new RegExp(`^/__localcloud/mp${cgi.replace(/\//g, '\\/')}$`),
    async handle(c) {
      const { data, result } = await answer(c);
      calls.record({ apiName: `mp:${cgi}`, data, result });
      c.json(200, result);
    },
  });
  const query = (c: HttpContext) => Object.fromEntries(c.url.searchParams);
  const redact = (o: Record<string, unknown>) => ({ ...o, ...('secret' in o ? { secret: '***' } : {}), ...('access_token' in o ? { access_token: '***' } : {}) });
  const jsonBody = async (c: HttpContext): Promise<Record<string, unknown>> => {
    try {
      const parsed: unknown = JSON.parse((await c.body()).toString('utf8') || '{}');
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  };
  return [
    route('GET', '/cgi-bin/token', async (c) => {
      const q = query(c);
      return { data: redact(q), result: credentials(q.grant_type, q.appid, q.secret) ?? issue(false) };
    }),
    route('POST', '/cgi-bin/stable_token', async (c) => {
      const b = await jsonBody(c);
      return { data: redact(b), result: credentials(b.grant_type, b.appid, b.secret) ?? issue(b.force_refresh !== true) };
    }),
    route('POST', '/cgi-bin/draft/add', async (c) => {
      const body = await jsonBody(c);
      return { data: redact({ ...query(c), ...body }), result: tokenError(c) ?? addDraft(body) };
    }),
    route('POST', '/cgi-bin/freepublish/submit', async (c) => {
      const body = await jsonBody(c);
      // the published articles go into the record, so a test can see what reached subscribers
      const articles = typeof body.media_id === 'string' ? drafts.get(body.media_id)?.articles : undefined;
      return { data: redact({ ...query(c), ...body, articles }), result: tokenError(c) ?? submit(body) };
    }),
    route('POST', '/cgi-bin/material/add_material', async (c) => {
      const type = c.url.searchParams.get('type') ?? '';
      const raw = await c.body();
      const form = (c.req.headers['content-type'] ?? '').startsWith('multipart/form-data') ? await parseMultipart(c.req, raw) : {};
      const media = form.media;
      const data = redact({ ...query(c), media: Buffer.isBuffer(media) ? { size: media.length } : undefined });
      const bad = tokenError(c) ?? (!MATERIAL_TYPES.has(type) ? err(40004, 'invalid media type') : !Buffer.isBuffer(media) || media.length === 0 ? err(41005, 'media data missing') : null);
      if (bad) return { data, result: bad };
      const mediaId = newId();
      materials.set(mediaId, { bytes: media as Buffer, contentType: imageType(media as Buffer) });
      if (materials.size > KEEP_MATERIALS) materials.delete(materials.keys().next().value as string);
      return { data, result: { media_id: mediaId, url: `http://mmbiz.qpic.cn/localcloud/${mediaId}/0` } };
    }),
    {
      method: 'GET',
      path: /^\/__localcloud\/mp\/articles$/,
      handle: async (c) => c.json(200, { drafts: [...drafts].map(([mediaId, d]) => ({ mediaId, ...d })), published: held.published }),
    },
    {
      method: 'GET',
      path: /^\/__localcloud\/mp\/materials\/([\w-]+)$/,
      handle: async (c) => {
        const m = materials.get(c.match[1]);
        if (!m) return c.json(404, { errCode: 40007, errMsg: 'invalid media_id' });
        c.res.writeHead(200, { 'content-type': m.contentType, 'content-length': String(m.bytes.length), 'x-content-type-options': 'nosniff' });
        c.res.end(m.bytes);
      },
    },
  ];
}
