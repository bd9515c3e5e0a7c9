// What keeps other web sites away from localcloud, which has no accounts: it listens on 127.0.0.1 only, and
// - every request must name localcloud itself in Host (127.0.0.1:PORT, localhost:PORT or [::1]:PORT): a page
//   whose own name was rebound to 127.0.0.1 (DNS rebinding) sends its own name and is refused;
// - a request that may change something (anything but GET, HEAD and OPTIONS) carrying an Origin must come
//   from localcloud's own origin (the console): browsers send Origin with every cross-site POST, PUT and
//   DELETE, so no other page can change local data; clients that are not browsers (the SDK, curl, tests)
//   send none. LOCALCLOUD_ALLOWED_ORIGINS (comma-separated) admits more origins, for a tool that needs it.
import type http from 'node:http';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

export interface Refusal {
  status: 403;
  reason: string;
}

/** Why `req` is refused, or null; `port` is the one localcloud listens on. */
export function refusal(req: http.IncomingMessage, port: number, extraOrigins: string[]): Refusal | null {
  const hosts = LOOPBACK_NAMES.map((name) => `${name}:${port}`);
  const host = (req.headers.host ?? '').toLowerCase();
  if (!hosts.includes(host)) return { status: 403, reason: `Host ${JSON.stringify(req.headers.host ?? '')} is not localcloud (${hosts[0]})` };
  const origin = req.headers.origin;
  if (origin === undefined || SAFE_METHODS.has(req.method ?? 'GET')) return null;
  const own = hosts.map((h) => `http://${h}`);
  if (own.includes(origin.toLowerCase()) || extraOrigins.includes(origin)) return null;
  return { status: 403, reason: `a ${req.method} from origin ${origin} may not change localcloud (only its own console may)` };
}

export function allowedOriginsFromEnv(): string[] {
  return (process.env.LOCALCLOUD_ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
