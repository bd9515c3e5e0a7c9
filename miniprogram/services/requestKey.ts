// Retried requests: a form makes its requestKey once (kept in its draft) and sends it with every try, so the
// server answers a second submit with the same key with the first record instead of making another.

/** A new request key (the server accepts [A-Za-z0-9_-]{8,64}). */
export function newRequestKey(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;
}
