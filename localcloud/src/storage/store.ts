// The durable file store behind storage: each object is kept under dataDir/storage/objects/ by the hash of
// its cloud path (flat, so no cloud path can reach outside the folder or clash with a "directory"), with
// its metadata in meta/<hash>.json. The metadata file is written last and is what makes a file exist.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import mime from 'mime-types';

/** Past this an upload is refused; CloudBase accepts more, but nothing this product stores comes close. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
const MAX_PATH_BYTES = 850; // COS's limit on an object key

/** Who put a file there, so product code can check that a file belongs to the member who cites it. */
export interface Uploader {
  /** `miniprogram`: a member through the upload gateway; `function`: a function run by localcloud; `admin`: any other SDK client */
  source: 'miniprogram' | 'function' | 'admin';
  openid?: string;
  invocationId?: string;
}

export interface FileMeta {
  fileID: string;
  cloudPath: string;
  size: number;
  contentType: string;
  uploadedAt: string;
  uploader: Uploader;
}

export class InvalidPath extends Error {}
export class FileTooLarge extends Error {
  constructor() {
    super(`file exceeds ${MAX_FILE_BYTES} bytes`);
  }
}

// What CloudBase documents for cloudPath (letters, digits, Chinese, / ! - _ . * and space), plus ( ) ' that
// COS accepts; no segment may be empty, `.` or `..`.
const PATH_CHARS = /^[\p{L}\p{N}_\-!.*()' /]+$/u;

export function checkCloudPath(cloudPath: unknown): string {
  if (typeof cloudPath !== 'string' || cloudPath === '') throw new InvalidPath('cloudPath must be a non-empty string');
  if (Buffer.byteLength(cloudPath) > MAX_PATH_BYTES) throw new InvalidPath(`cloudPath exceeds ${MAX_PATH_BYTES} bytes`);
  if (!PATH_CHARS.test(cloudPath)) throw new InvalidPath(`cloudPath ${JSON.stringify(cloudPath)} contains characters CloudBase does not allow`);
  if (cloudPath.split('/').some((s) => s === '' || s === '.' || s === '..')) {
    throw new InvalidPath(`cloudPath ${JSON.stringify(cloudPath)} has an empty, "." or ".." segment`);
  }
  return cloudPath;
}

export class FileStore {
  /** the bucket part of a fileID: `cloud://ENVID.BUCKET/path`, shaped like CloudBase's */
  readonly bucket: string;
  private readonly objects: string;
  private readonly metas: string;
  private readonly tmp: string;

  constructor(root: string, private readonly envId: string) {
    this.bucket = `${Buffer.from(envId.slice(0, 2)).toString('hex')}-${envId}-1300000000`;
    this.objects = path.join(root, 'objects');
    this.metas = path.join(root, 'meta');
    this.tmp = path.join(root, 'tmp');
    for (const dir of [this.objects, this.metas, this.tmp]) fs.mkdirSync(dir, { recursive: true });
  }

  fileIdOf(cloudPath: string): string {
    return `cloud://${this.envId}.${this.bucket}/${cloudPath}`;
  }

  /** The cloud path a fileID names in this environment, or null when it is not one of ours. */
  cloudPathOf(fileID: string): string | null {
    const prefix = `cloud://${this.envId}.${this.bucket}/`;
    if (!fileID.startsWith(prefix)) return null;
    try {
      return checkCloudPath(fileID.slice(prefix.length));
    } catch {
      return null;
    }
  }

  /** Streams an upload to a temp file, draining (not storing) whatever passes the limit, then throws. */
  async receive(source: Readable): Promise<{ tmpFile: string; size: number }> {
    const tmpFile = path.join(this.tmp, randomBytes(12).toString('hex'));
    let size = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        done(null, size > MAX_FILE_BYTES ? undefined : chunk);
      },
    });
    try {
      await pipeline(source, limit, fs.createWriteStream(tmpFile));
    } catch (e) {
      fs.rmSync(tmpFile, { force: true });
      throw e;
    }
    if (size > MAX_FILE_BYTES) {
      fs.rmSync(tmpFile, { force: true });
      throw new FileTooLarge();
    }
    return { tmpFile, size };
  }

  /** Makes a received temp file the object at cloudPath (replacing any earlier one, as COS does). */
  commit(received: { tmpFile: string; size: number }, cloudPath: string, uploader: Uploader, contentType?: string): FileMeta {
    const meta: FileMeta = {
      fileID: this.fileIdOf(cloudPath),
      cloudPath,
      size: received.size,
      contentType: mime.lookup(cloudPath) || contentType || 'application/octet-stream',
      uploadedAt: new Date().toISOString(),
      uploader,
    };
    const key = keyOf(cloudPath);
    fsyncFile(received.tmpFile);
    fs.renameSync(received.tmpFile, path.join(this.objects, key));
    const metaTmp = path.join(this.tmp, `${key}.json`);
    fs.writeFileSync(metaTmp, JSON.stringify(meta));
    fsyncFile(metaTmp);
    fs.renameSync(metaTmp, path.join(this.metas, `${key}.json`));
    return meta;
  }

  discard(received: { tmpFile: string }): void {
    fs.rmSync(received.tmpFile, { force: true });
  }

  meta(cloudPath: string): FileMeta | null {
    try {
      return JSON.parse(fs.readFileSync(path.join(this.metas, `${keyOf(cloudPath)}.json`), 'utf8')) as FileMeta;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  objectFile(cloudPath: string): string {
    return path.join(this.objects, keyOf(cloudPath));
  }

  /** Every file, or those under `prefix`, by cloud path. */
  list(prefix = ''): FileMeta[] {
    return fs
      .readdirSync(this.metas)
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(fs.readFileSync(path.join(this.metas, f), 'utf8')) as FileMeta)
      .filter((m) => m.cloudPath.startsWith(prefix))
      .sort((a, b) => (a.cloudPath < b.cloudPath ? -1 : 1));
  }

  /** Copies every file into `dir` (objects/ and meta/ as here); returns how many. */
  exportTo(dir: string): number {
    fs.cpSync(this.objects, path.join(dir, 'objects'), { recursive: true });
    fs.cpSync(this.metas, path.join(dir, 'meta'), { recursive: true });
    return fs.readdirSync(this.metas).length;
  }

  /** Makes the files exported into `dir` (none when null) the whole store; returns how many. Metadata goes
   *  first and comes last, so no file is half there meanwhile. */
  replaceFrom(dir: string | null): number {
    for (const d of [this.metas, this.objects]) {
      fs.rmSync(d, { recursive: true, force: true });
      fs.mkdirSync(d, { recursive: true });
    }
    if (!dir || !fs.existsSync(path.join(dir, 'meta'))) return 0;
    fs.cpSync(path.join(dir, 'objects'), this.objects, { recursive: true });
    fs.cpSync(path.join(dir, 'meta'), this.metas, { recursive: true });
    return fs.readdirSync(this.metas).length;
  }

  /** false when there was no such file */
  remove(cloudPath: string): boolean {
    const key = keyOf(cloudPath);
    const metaFile = path.join(this.metas, `${key}.json`);
    if (!fs.existsSync(metaFile)) return false;
    fs.rmSync(metaFile);
    fs.rmSync(path.join(this.objects, key), { force: true });
    return true;
  }
}

const keyOf = (cloudPath: string): string => createHash('sha256').update(cloudPath).digest('hex');

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
