// The applicants' hardship as the officers' queue shows it. For now that is the member's own 困难职工 flag;
// the hardship records officers keep and confirm (困难职工档案, a later issue) are to answer here instead,
// with their grade: callers read a HardshipMark, never the flag.
import type { HardshipMark } from '../../../typings/api';
import { _, db, rows } from '../cloud';

const FLAGGED: HardshipMark = { label: '困难职工', grade: null };

/** The hardship of the members `memberIds` (a queue page's applicants), in one read. */
export async function hardshipOf(memberIds: readonly string[]): Promise<Map<string, HardshipMark | null>> {
  const ids = [...new Set(memberIds)];
  if (!ids.length) return new Map();
  const found = await rows<{ _id: string; hardship?: boolean }>(db.collection('members').where({ _id: _.in(ids) }).field({ hardship: true }).limit(ids.length));
  return new Map(found.map((m) => [m._id, m.hardship ? FLAGGED : null]));
}
