// Recognising the database's own failures, which wx-server-sdk throws as errors with errCode/errMsg.

/** A write rejected by a unique index (MongoDB's E11000, which CloudBase passes through). */
export function isDuplicateKey(e: unknown): boolean {
  const msg = e && typeof e === 'object' ? String((e as { errMsg?: unknown; message?: unknown }).errMsg ?? (e as { message?: unknown }).message ?? '') : '';
  return /duplicate key|E11000/i.test(msg);
}
