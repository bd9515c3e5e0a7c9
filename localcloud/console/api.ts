// The console's one way to localcloud: same-origin fetches of the /__localcloud/* routes and the gateway
// (which localcloud accepts from its own origin only), and the shapes they answer with.
import type { InvocationView } from '../src/functions/invocations';
import type { RecordedCall } from '../src/openapi/calls';
import type { FileMeta } from '../src/storage/store';
import type { FunctionContract } from '../../scripts/consoleContract';

export type { FunctionContract, InvocationView, RecordedCall };

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

async function request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(path, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  if (!res.ok) {
    const msg = (parsed as { errMsg?: string } | null)?.errMsg ?? (typeof parsed === 'string' ? parsed : `${res.status}`);
    throw new ApiError(res.status, msg);
  }
  return parsed as T;
}

export const get = <T>(path: string) => request<T>('GET', path);
export const post = <T>(path: string, body: unknown = {}) => request<T>('POST', path, body);
export const put = <T>(path: string, body: string) => request<T>('PUT', path, body);
export const del = <T>(path: string) => request<T>('DELETE', path);

export interface Person {
  openid: string;
  label: string;
  name: string | null;
  roles: string[];
}

export interface ConsoleInfo {
  envId: string;
  url: string;
  dataDir: string;
  exportDir: string;
  people: Person[];
  screens: { dir: string; made: boolean };
}

export interface CollectionInfo {
  name: string;
  count: number;
  indexes: { name: string; keys: [string, 1 | -1][]; unique: boolean }[];
}

export interface DocumentPage {
  total: number;
  offset: number;
  limit: number;
  documents: Record<string, unknown>[];
}

export interface UnindexedReport {
  total: number;
  shapes: { collection: string; shape: string; count: number }[];
}

export interface TimerInfo {
  function: string;
  trigger: string;
  config: string;
  next: string | null;
}

export interface TemplatesFile {
  templates: Record<string, { templateId: string; title: string; fields: Record<string, { label: string; value: string }> }>;
}

export interface Fault {
  apiName: string;
  errcode?: number;
  latencyMs?: number;
  times: number;
}

export interface Article {
  title?: string;
  author?: string;
  digest?: string;
  content?: string;
  thumb_media_id?: string;
  content_source_url?: string;
}

export interface MpArticles {
  drafts: { mediaId: string; at: string; articles: Article[] }[];
  published: { publishId: string; mediaId: string; at: string; articles: Article[] }[];
}

export type StoredFile = FileMeta & { url: string };

export interface DataDirSummary {
  dir: string | null;
  collections: Record<string, number>;
  files: number;
}

/** What wx.cloud.callFunction resolves (result) or rejects (errCode) with, through the gateway. */
export interface GatewayReply {
  result?: unknown;
  errCode?: number;
  errMsg?: string;
  requestID?: string;
}

/** Calls a function as `openid` through the gateway, as the mini-program's local mode does. */
export function callFunction(name: string, event: unknown, openid: string): Promise<GatewayReply> {
  return request<GatewayReply>('POST', `/functions/${encodeURIComponent(name)}`, event, openid ? { 'x-wx-openid': openid } : {});
}

/** A member's tap accepting templates in wx.requestSubscribeMessage: WeChat grants one send of each, and the
 *  mini-program records the acceptance with notices.subscribe (miniprogram/services/subscribe.ts). */
export async function acceptTemplates(openid: string, templates: TemplatesFile, keys: string[]): Promise<GatewayReply> {
  await post('/__localcloud/openapi/subscriptions', { openid, templateIds: keys.map((k) => templates.templates[k].templateId) });
  return callFunction('notices', { action: 'subscribe', accepted: keys }, openid);
}
