// Opaque cursors for lists ordered by (time, _id), or by (rank, time, _id) where a small integer rank comes
// first (the legal-aid queue: unaccepted, overdue, the rest): the next page starts strictly after the last
// item, read by range on an index rather than by skip, so page N costs what page 1 costs.
import { _ } from '../cloud';

export interface CursorPosition {
  at: Date;
  id: string;
  /** for lists ordered by a rank first (ascending) */
  rank?: number;
}

function encodeCursor(p: CursorPosition): string {
  const values = p.rank === undefined ? [p.at.toISOString(), p.id] : [p.at.toISOString(), p.id, p.rank];
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): CursorPosition | null {
  if (!cursor) return null;
  try {
    const [at, id, rank] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string, unknown];
    const date = new Date(at);
    if (typeof id !== 'string' || Number.isNaN(date.getTime())) return null;
    if (rank === undefined) return { at: date, id };
    return Number.isInteger(rank) ? { at: date, id, rank: rank as number } : null;
  } catch {
    return null;
  }
}

/** The cursor of the page after `docs`, or null when `docs` is the last page (fewer than `limit`). */
export function nextCursor<T>(docs: readonly T[], limit: number, positionOf: (last: T) => CursorPosition): string | null {
  const last = docs[docs.length - 1];
  return docs.length === limit && last !== undefined ? encodeCursor(positionOf(last)) : null;
}

/**
 * `base` narrowed to what comes after `p` in (field, _id) order, ascending or descending; with `rankField`,
 * in (rankField ascending, field, _id) order.
 */
export function whereAfter(
  base: Record<string, unknown>,
  field: string,
  p: CursorPosition | null,
  order: 'asc' | 'desc' = 'asc',
  rankField?: string,
): object {
  if (!p) return base;
  const beyond = order === 'asc' ? 'gt' : 'lt';
  const afterTime = _.or([{ [field]: _[beyond](p.at) }, { [field]: p.at, _id: _[beyond](p.id) }]);
  if (!rankField || p.rank === undefined) return _.and([base, afterTime]);
  return _.and([base, _.or([{ [rankField]: _.gt(p.rank) }, _.and([{ [rankField]: p.rank }, afterTime])])]);
}
