// Opaque cursors for lists ordered by (time, _id): the next page starts strictly after the last item,
// read by range on an index rather than by skip, so page N costs what page 1 costs.
import { _ } from '../cloud';

export interface CursorPosition {
  at: Date;
  id: string;
}

export function encodeCursor(p: CursorPosition): string {
  return Buffer.from(JSON.stringify([p.at.toISOString(), p.id])).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): CursorPosition | null {
  if (!cursor) return null;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(at);
    return typeof id === 'string' && !Number.isNaN(date.getTime()) ? { at: date, id } : null;
  } catch {
    return null;
  }
}

/** `base` narrowed to what comes after `p` in (field, _id) order, ascending or descending. */
export function whereAfter(base: Record<string, unknown>, field: string, p: CursorPosition | null, order: 'asc' | 'desc' = 'asc'): object {
  if (!p) return base;
  const beyond = order === 'asc' ? 'gt' : 'lt';
  return _.and([base, _.or([{ [field]: _[beyond](p.at) }, { [field]: p.at, _id: _[beyond](p.id) }])]);
}
