// Cloud storage as wx-server-sdk (@cloudbase/node-sdk 3.x) uses it:
// - uploadFile: `storage.getUploadMetadata {path}` answers `{url, token, authorization, fileId, cosFileId}`;
//   the SDK then PUTs the bytes to `url` with headers key / authorization / x-cos-security-token /
//   x-cos-meta-fileid, reads an empty body as success (a COS `<Error>` XML as failure) and returns `fileId`.
// - getTempFileURL / downloadFile: `storage.batchGetDownloadUrl {file_list:[{fileid, max_age}]}` answers
//   `download_list:[{fileID, tempFileURL, code}]`; downloadFile then GETs `encodeURI(tempFileURL)`.
// - deleteFile: `storage.batchDeleteFile {fileid_list}` answers `delete_list:[{fileID, code}]`.
// Per-file failures carry CloudBase's codes (STORAGE_FILE_NONEXIST, INVALID_PARAM) in `code`.
// Also: the mini-program's upload gateway (`POST /storage/upload`), `GET /__localcloud/storage/meta` and, for
// the console, `GET /__localcloud/storage/list[?prefix=]` (every file's metadata and a temp URL to view it).
// A file is served as if from COS's own domain: under a sandbox CSP (no script in an uploaded page or SVG
// runs as localcloud), except PDFs, which Chromium's viewer cannot show sandboxed and whose scripts it
// runs apart from the page anyway.
import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import busboy from 'busboy';
import { AdminReply, AdminRequest, CloudError } from '../protocol';
import { HttpContext, HttpRoute, LocalCloudContext, LocalService } from '../server';
import { checkCloudPath, FileStore, FileTooLarge, InvalidPath, MAX_FILE_BYTES, Uploader } from './store';

const UPLOAD_TICKET_MS = 10 * 60 * 1000;
const DEFAULT_URL_MAX_AGE = 24 * 3600; // seconds; what a fileID given as a bare string gets

interface UploadTicket {
  cloudPath: string;
  uploader: Uploader;
  expiresAt: number;
}

/** The storage service, and its file store for the console and the data dir's export, import and reset. */
export type StorageService = LocalService & { files: FileStore };

export function createStorage(ctx: LocalCloudContext): StorageService {
  const root = path.join(ctx.dataDir, 'storage');
  const store = new FileStore(root, ctx.envId);
  const urlSecret = persistentSecret(path.join(root, 'url-secret'));
  const tickets = new Map<string, UploadTicket>();

  const sign = (cloudPath: string, expires: number): string =>
    createHmac('sha256', urlSecret).update(`${cloudPath}\n${expires}`).digest('hex').slice(0, 32);

  function pathOrCode(fileID: unknown): { cloudPath: string } | { code: string; message: string } {
    if (typeof fileID !== 'string' || !fileID.startsWith('cloud://')) return { code: 'INVALID_PARAM', message: `invalid fileID ${JSON.stringify(fileID)}` };
    const cloudPath = store.cloudPathOf(fileID);
    if (cloudPath === null || !store.meta(cloudPath)) return { code: 'STORAGE_FILE_NONEXIST', message: 'file not exist' };
    return { cloudPath };
  }

  function getUploadMetadata(req: AdminRequest): AdminReply {
    let cloudPath: string;
    try {
      cloudPath = checkCloudPath(req.params.path);
    } catch (e) {
      throw new CloudError('INVALID_PARAM', (e as Error).message);
    }
    const token = randomBytes(16).toString('hex');
    const now = Date.now();
    for (const [t, ticket] of tickets) if (ticket.expiresAt < now) tickets.delete(t);
    const uploader: Uploader = req.invocationId ? { source: 'function', invocationId: req.invocationId } : { source: 'admin' };
    tickets.set(token, { cloudPath, uploader, expiresAt: now + UPLOAD_TICKET_MS });
    return {
      data: {
        url: `${ctx.baseUrl()}/__localcloud/storage/put/${token}`,
        token,
        authorization: `localcloud ${token}`,
        fileId: store.fileIdOf(cloudPath),
        cosFileId: `localcloud-${token}`,
      },
    };
  }

  /** Unencoded like CloudBase's: the SDK applies encodeURI itself before fetching. */
  function tempUrl(cloudPath: string, maxAge: number): string {
    const expires = Math.floor(Date.now() / 1000) + maxAge;
    return `${ctx.baseUrl()}/__localcloud/storage/files/${cloudPath}?sign=${sign(cloudPath, expires)}&t=${expires}`;
  }

  function batchGetDownloadUrl(req: AdminRequest): AdminReply {
    const list = req.params.file_list;
    if (!Array.isArray(list)) throw new CloudError('INVALID_PARAM', 'file_list must be an array');
    const download_list = list.map((item: { fileid?: unknown; max_age?: unknown }) => {
      const found = pathOrCode(item?.fileid);
      if (!('cloudPath' in found)) return { fileID: item?.fileid, tempFileURL: '', ...found };
      const maxAge = Number(item.max_age) > 0 ? Number(item.max_age) : DEFAULT_URL_MAX_AGE;
      return { fileID: item.fileid, tempFileURL: tempUrl(found.cloudPath, maxAge), maxAge, code: 'SUCCESS' };
    });
    return { data: { download_list } };
  }

  function batchDeleteFile(req: AdminRequest): AdminReply {
    const list = req.params.fileid_list;
    if (!Array.isArray(list)) throw new CloudError('INVALID_PARAM', 'fileid_list must be an array');
    const delete_list = list.map((fileID: unknown) => {
      const found = pathOrCode(fileID);
      if (!('cloudPath' in found)) return { fileID, ...found };
      store.remove(found.cloudPath);
      return { fileID, code: 'SUCCESS' };
    });
    return { data: { delete_list } };
  }

  // The COS side of uploadFile: the SDK PUTs the raw bytes here.
  async function putObject(c: HttpContext): Promise<void> {
    const ticket = tickets.get(c.match[1]);
    const key = String(c.req.headers.key ?? '');
    if (!ticket || ticket.expiresAt < Date.now() || c.req.headers['x-cos-security-token'] !== c.match[1] || decodeURIComponent(key) !== ticket.cloudPath) {
      c.req.resume();
      await new Promise((resolve) => c.req.on('end', resolve));
      return cosError(c, 403, 'AccessDenied', 'Access Denied. (unknown, expired or mismatched upload ticket)', key);
    }
    tickets.delete(c.match[1]);
    try {
      store.commit(await store.receive(c.req), ticket.cloudPath, ticket.uploader);
    } catch (e) {
      if (e instanceof FileTooLarge) return cosError(c, 400, 'EntityTooLarge', `Your proposed upload exceeds the maximum allowed object size (${MAX_FILE_BYTES} bytes).`, key);
      throw e;
    }
    c.res.writeHead(200, { 'content-length': '0' });
    c.res.end();
  }

  // What a tempFileURL points at: the bytes, while the signature holds.
  async function getObject(c: HttpContext): Promise<void> {
    let cloudPath: string;
    try {
      cloudPath = checkCloudPath(decodeURIComponent(c.match[1]));
    } catch {
      return cosError(c, 400, 'InvalidURI', 'Could not parse the specified URI.', c.match[1]);
    }
    const expires = Number(c.url.searchParams.get('t'));
    if (c.url.searchParams.get('sign') !== sign(cloudPath, expires)) return cosError(c, 403, 'AccessDenied', 'Access Denied.', cloudPath);
    if (expires * 1000 < Date.now()) return cosError(c, 403, 'AccessDenied', 'Request has expired', cloudPath);
    const meta = store.meta(cloudPath);
    if (!meta) return cosError(c, 404, 'NoSuchKey', 'The specified key does not exist.', cloudPath);
    // A single byte range (`Range: bytes=a-b`), as COS serves it: functions read a file's first bytes and size.
    const range = /^bytes=(\d+)-(\d*)$/.exec(String(c.req.headers.range ?? ''));
    const start = range ? Number(range[1]) : 0;
    const end = range && range[2] ? Math.min(Number(range[2]), meta.size - 1) : meta.size - 1;
    if (range && (start >= meta.size || end < start)) {
      c.res.writeHead(416, { 'content-range': `bytes */${meta.size}` });
      return void c.res.end();
    }
    c.res.writeHead(range ? 206 : 200, {
      'content-type': meta.contentType,
      'x-content-type-options': 'nosniff',
      ...(meta.contentType !== 'application/pdf' && { 'content-security-policy': 'sandbox' }),
      'content-length': String(meta.size === 0 ? 0 : end - start + 1),
      ...(range && { 'content-range': `bytes ${start}-${end}/${meta.size}` }),
    });
    await new Promise<void>((resolve, reject) => {
      fs.createReadStream(store.objectFile(cloudPath), meta.size === 0 ? {} : { start, end }).on('error', reject).pipe(c.res).on('finish', resolve).on('error', reject);
    });
  }

  // wx.cloud.uploadFile for the mini-program's local mode: multipart {cloudPath, file}, the member's openid in x-wx-openid.
  async function gatewayUpload(c: HttpContext): Promise<void> {
    const openid = c.req.headers['x-wx-openid'];
    if (typeof openid !== 'string' || !openid) return c.json(401, { errCode: -1, errMsg: 'uploadFile:fail missing x-wx-openid' });
    const fields: Record<string, string> = {};
    let received: { tmpFile: string; size: number } | undefined;
    let fileType: string | undefined;
    let failure: unknown;
    await new Promise<void>((resolve, reject) => {
      const bb = busboy({ headers: c.req.headers });
      const pending: Promise<void>[] = [];
      bb.on('field', (name, value) => (fields[name] = value));
      bb.on('file', (name, stream, info) => {
        if (name !== 'file' || received) return void stream.resume();
        fileType = info.mimeType;
        pending.push(store.receive(stream).then((r) => void (received = r), (e) => void (failure = e)));
      });
      bb.on('close', () => void Promise.all(pending).then(() => resolve()));
      bb.on('error', reject);
      c.req.pipe(bb);
    });
    if (failure instanceof FileTooLarge) return c.json(413, { errCode: -1, errMsg: `uploadFile:fail ${failure.message}` });
    if (failure) throw failure;
    if (!received) return c.json(400, { errCode: -501007, errMsg: 'uploadFile:fail missing file part "file"' });
    try {
      const meta = store.commit(received, checkCloudPath(fields.cloudPath), { source: 'miniprogram', openid }, fileType);
      c.json(200, { fileID: meta.fileID });
    } catch (e) {
      store.discard(received);
      if (e instanceof InvalidPath) return c.json(400, { errCode: -501007, errMsg: `uploadFile:fail ${e.message}` });
      throw e;
    }
  }

  const routes: HttpRoute[] = [
    { method: 'PUT', path: /^\/__localcloud\/storage\/put\/(\w+)$/, handle: putObject },
    { method: 'GET', path: /^\/__localcloud\/storage\/files\/(.+)$/, handle: getObject },
    { method: 'POST', path: /^\/storage\/upload$/, handle: gatewayUpload },
    {
      method: 'GET',
      path: /^\/__localcloud\/storage\/meta$/,
      handle: async (c) => {
        const found = pathOrCode(c.url.searchParams.get('fileID'));
        if (!('cloudPath' in found)) return c.json(404, { errCode: found.code, errMsg: found.message });
        c.json(200, store.meta(found.cloudPath));
      },
    },
    {
      method: 'GET',
      path: /^\/__localcloud\/storage\/list$/,
      handle: async (c) => c.json(200, { files: store.list(c.url.searchParams.get('prefix') ?? '').map((m) => ({ ...m, url: encodeURI(tempUrl(m.cloudPath, 3600)) })) }),
    },
  ];

  return {
    prefix: 'storage',
    files: store,
    routes,
    async handle(req) {
      switch (req.action) {
        case 'storage.getUploadMetadata':
          return getUploadMetadata(req);
        case 'storage.batchGetDownloadUrl':
          return batchGetDownloadUrl(req);
        case 'storage.batchDeleteFile':
          return batchDeleteFile(req);
        default:
          throw new CloudError('INVALID_ACTION', `localcloud does not support ${req.action}`);
      }
    },
  };
}

/** COS answers failures as XML; the SDK reads Code, Message, RequestId and TraceId from it. */
function cosError(c: HttpContext, status: number, code: string, message: string, resource: string): void {
  const esc = (s: string) => s.replace(/[<>&'"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
  const id = randomBytes(8).toString('hex');
  c.res.writeHead(status, { 'content-type': 'application/xml' });
  c.res.end(
    `<?xml version='1.0' encoding='utf-8' ?>\n<Error><Code>${code}</Code><Message>${esc(message)}</Message>` +
      `<Resource>${esc(resource)}</Resource><RequestId>${id}</RequestId><TraceId>${id}</TraceId></Error>`,
  );
}

/** Signs temp URLs; kept in the data dir so URLs handed out stay valid across a restart. */
function persistentSecret(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch {
    const secret = randomBytes(32);
    fs.writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}
