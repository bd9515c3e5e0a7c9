// Materials (admission notices, delivery photos, evidence) are cloud-storage files the caller uploaded from
// the mini-program into their own folder, uploads/<openid>/. A file id someone sends is accepted as theirs
// only under that folder, and only if it is really an image or a PDF within the size limit: the first bytes
// and the size are read with one ranged request per file, never the whole file.
import { cloud } from '../cloud';

export const MAX_MATERIAL_BYTES = 10 * 1024 * 1024;

export function uploadPrefix(openid: string): string {
  return openid ? `uploads/${openid}/` : '';
}

/** The path inside the bucket of 'cloud://<env>.<bucket>/<path>', or null for anything else. */
export function pathOfFileId(fileId: string): string | null {
  const m = /^cloud:\/\/[^/\s]+\/(\S+)$/.exec(fileId);
  return m ? m[1] : null;
}

export type MaterialKind = 'jpeg' | 'png' | 'webp' | 'gif' | 'pdf';

/** What the first bytes of a file say it is. */
export function materialKindOf(head: Uint8Array): MaterialKind | null {
  const starts = (...sig: number[]) => sig.every((b, i) => head[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'gif';
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'pdf';
  if (starts(0x52, 0x49, 0x46, 0x46) && String.fromCharCode(...head.subarray(8, 12)) === 'WEBP') return 'webp';
  return null;
}

/** A passed check carries the temporary URLs it obtained (of the files checked and of those `shown`). */
export type FileCheck = { ok: true; urls: Map<string, string> } | { ok: false; fileId: string; message: string };

/** The check of no files: nothing asked of storage. */
export const NO_FILES: FileCheck = { ok: true, urls: new Map() };

interface TempUrl {
  fileID: string;
  tempFileURL: string;
  status: number;
}

async function probe(url: string): Promise<{ head: Uint8Array; size: number } | null> {
  const res = await fetch(url, { headers: { range: 'bytes=0-15' } });
  if (res.status !== 206 && res.status !== 200) return null;
  const total = /\/(\d+)$/.exec(res.headers.get('content-range') ?? '')?.[1] ?? res.headers.get('content-length');
  const head = new Uint8Array(await res.arrayBuffer()).subarray(0, 16);
  return { head, size: Number(total) };
}

/**
 * Checks that every file id is the caller's own upload, exists, is an image or a PDF and is within the size
 * limit. One getTempFileURL call for all of them (and for the files `shown` in the answer, whose URLs the
 * answer then needs to ask for no more), then one ranged GET each, in parallel. No files, no call.
 */
export async function checkOwnFiles(openid: string, fileIds: readonly string[], shown: readonly string[] = []): Promise<FileCheck> {
  const prefix = uploadPrefix(openid);
  const foreign = fileIds.find((id) => !prefix || !pathOfFileId(id)?.startsWith(prefix));
  if (foreign) return { ok: false, fileId: foreign, message: '只能使用您本人上传的材料，请重新上传' };
  if (fileIds.length === 0) return NO_FILES;
  const asked = [...new Set([...fileIds, ...shown])];
  const got = await tempUrls(asked);
  const known = new Map(asked.map((id, i) => [id, got[i]]));
  const urls = fileIds.map((id) => known.get(id) ?? '');
  const probes = await Promise.all(urls.map((url) => (url ? probe(encodeURI(url)) : null)));
  for (let i = 0; i < fileIds.length; i++) {
    const p = probes[i];
    if (!p) return { ok: false, fileId: fileIds[i], message: '材料文件不存在，请重新上传' };
    if (!materialKindOf(p.head)) return { ok: false, fileId: fileIds[i], message: '材料只能是图片（JPG、PNG）或 PDF 文件' };
    if (!(p.size <= MAX_MATERIAL_BYTES)) return { ok: false, fileId: fileIds[i], message: '单个材料不能超过10MB，请压缩后重新上传' };
  }
  return { ok: true, urls: known };
}

/** Temporary URLs of `fileIds` by id: those `known` already (a check's), the rest in one call (none if none). */
export async function urlsOf(fileIds: readonly string[], known: ReadonlyMap<string, string> = new Map()): Promise<Map<string, string>> {
  const missing = [...new Set(fileIds.filter((id) => !known.has(id)))];
  const got = await tempUrls(missing);
  const out = new Map(known);
  missing.forEach((id, i) => out.set(id, got[i]));
  return out;
}

/** Temporary URLs to show files, in the order given ('' for a file that is gone). One call for all. */
export async function tempUrls(fileIds: readonly string[], maxAge = 3600): Promise<string[]> {
  if (fileIds.length === 0) return [];
  const { fileList } = (await cloud.getTempFileURL({ fileList: fileIds.map((fileID) => ({ fileID, maxAge })) })) as { fileList: TempUrl[] };
  const byId = new Map(fileList.map((f) => [f.fileID, f.status === 0 ? f.tempFileURL : '']));
  return fileIds.map((id) => byId.get(id) ?? '');
}
