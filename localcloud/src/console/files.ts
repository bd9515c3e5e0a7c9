// Static files for the console: its own bundle (dist/localcloud/console/) and the page gallery that
// `npm run screens` makes. A path never leaves its folder.
import fs from 'node:fs';
import path from 'node:path';
import mime from 'mime-types';
import type { HttpContext } from '../server';

/** The console's page may be framed by itself only (no other site can overlay its buttons). */
export const CONSOLE_CSP = "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; frame-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'self'";

/** The file `relative` names inside `root`, or null when it is outside it or is not a file. */
export function fileIn(root: string, relative: string): string | null {
  const file = path.resolve(root, '.' + path.posix.normalize('/' + relative));
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  return fs.existsSync(file) && fs.statSync(file).isFile() ? file : null;
}

export function sendFile(c: HttpContext, file: string, headers: Record<string, string> = {}): Promise<void> {
  c.res.writeHead(200, {
    'content-type': mime.contentType(path.extname(file)) || 'application/octet-stream',
    'content-length': String(fs.statSync(file).size),
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  return new Promise((resolve, reject) => fs.createReadStream(file).on('error', reject).pipe(c.res).on('finish', resolve));
}

export function notFound(c: HttpContext, message: string): void {
  c.res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  c.res.end(message);
}
