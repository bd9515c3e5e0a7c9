// The CloudBase admin API envelope as wx-server-sdk reads it: HTTP 200 always, `{ data, requestId }` on
// success and `{ code, message, requestId }` on failure (the SDK turns a non-empty `code` into an error).
import { randomUUID } from 'node:crypto';

export interface AdminRequest {
  /** e.g. `database.getDocument`, `storage.getUploadMetadata`, `functions.invokeFunction`, `wx.openApi` */
  action: string;
  /** every field of the JSON (or multipart) body; multipart file parts arrive as Buffers */
  params: Record<string, unknown>;
  /** the invocation that sent it, when it came from a function run by localcloud */
  invocationId?: string;
  requestId: string;
}

export interface AdminReply {
  [key: string]: unknown;
  requestId?: string;
}

/** A CloudBase-shaped failure; thrown by handlers and turned into `{ code, message }` by the server. */
export class CloudError extends Error {
  constructor(public readonly code: string, message: string, public readonly extra: Record<string, unknown> = {}) {
    super(message);
    this.name = 'CloudError';
  }
}

/** A reply sent as raw bytes instead of the JSON envelope: `wx.openApi` answers with a protobuf body. */
export class RawReply {
  constructor(public readonly body: Buffer, public readonly contentType: string) {}
}

export const newRequestId = (): string => randomUUID().replace(/-/g, '');

export function errorReply(e: unknown, requestId: string): AdminReply {
  if (e instanceof CloudError) return { code: e.code, message: e.message, ...e.extra, requestId };
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'SYS_ERR', message: `[localcloud] ${message}`, requestId };
}

/** One family of admin actions (`database`, `storage`, `functions`, `wx`), served by one module. */
export interface Service {
  /** the prefix before the first dot of `action` */
  readonly prefix: string;
  handle(req: AdminRequest): Promise<AdminReply | RawReply>;
}
