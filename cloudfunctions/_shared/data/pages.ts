// Reading every document of a query a page at a time, oldest first: by range on (createdAt, _id) after the
// last one (data/cursor.ts), never skip, so each page costs what the first costs on the query's index.
import { db, rows } from '../cloud';
import { whereAfter, type CursorPosition } from './cursor';

export const PAGE = 1000; // the server SDK's largest page

/** The pages of `collection` matching `base`, oldest first, with `projection` (fields to keep, or to omit). */
export async function* pagesOf<D extends { _id: string; createdAt: Date }>(collection: string, base: Record<string, unknown>, projection: Record<string, boolean>): AsyncGenerator<D[]> {
  for (let after: CursorPosition | null = null; ; ) {
    const docs: D[] = await rows<D>(
      db.collection(collection).where(whereAfter(base, 'createdAt', after)).orderBy('createdAt', 'asc').orderBy('_id', 'asc').limit(PAGE).field(projection),
    );
    if (docs.length) yield docs;
    if (docs.length < PAGE) return;
    const last = docs[docs.length - 1];
    after = { at: new Date(last.createdAt), id: last._id };
  }
}
