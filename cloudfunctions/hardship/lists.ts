// The officers' list of records in their subtrees (every record, those waiting for a step, those due for
// review or lapsed) and one record's detail: the household's ID cards masked, always.
import type { HardshipDetail, HardshipListFilter, HardshipSummary, Page } from '../../typings/api';
import type { Result } from '../../typings/envelope';
import type { Actor } from '../_shared/access/actor';
import { hardshipScopes, mayViewHardship } from '../_shared/access/hardship';
import { _, db, rows } from '../_shared/cloud';
import { loadActor } from '../_shared/data/actor';
import { decodeCursor, nextCursor, whereAfter } from '../_shared/data/cursor';
import { detailView, HARDSHIP_RECORDS, recordById, summaryView } from '../_shared/data/hardship';
import { orgNames } from '../_shared/data/orgs';
import { shownBeside, type Known } from '../_shared/data/shown';
import { REVIEW_NOTICE_DAYS } from '../_shared/domain/hardship';
import { action, fail, ok } from '../_shared/function';
import { z } from '../_shared/validation';
import type { HardshipRecord } from '../_shared/workflow/hardship';
import { recordId } from './schema';

/** The record as `actor` sees it: its materials' URLs and its org's name read beside it, less what a step
 *  answering with it already knows (the org's name its aggregation joined). */
export async function detailFor(r: HardshipRecord, actor: Actor, now: Date, known: Known = {}): Promise<HardshipDetail> {
  const { urls, orgName } = await shownBeside(r.materials, r.orgId, known);
  return detailView(r, orgName, actor, r.materials.map((id) => urls.get(id) ?? ''), now);
}

const FILTERS = ['all', 'due', 'lapsed', 'waiting'] as const satisfies readonly HardshipListFilter[];

/** A filter's query and order: the due and lapsed lists range on lapsesAt (soonest first), the others
 *  show the latest changed first. */
function queryOf(filter: HardshipListFilter, scopes: string[], now: Date): { base: Record<string, unknown>; field: 'updatedAt' | 'lapsesAt'; order: 'asc' | 'desc' } {
  const orgPath = _.in(scopes);
  switch (filter) {
    case 'due':
      return { base: { orgPath, status: 'confirmed', lapsesAt: _.lt(new Date(now.getTime() + (REVIEW_NOTICE_DAYS + 1) * 86_400_000)) }, field: 'lapsesAt', order: 'asc' };
    case 'lapsed':
      return { base: { orgPath, status: 'confirmed', lapsesAt: _.lte(now) }, field: 'lapsesAt', order: 'asc' };
    case 'waiting':
      return { base: { orgPath, status: _.in(['requested', 'returned', 'filed']) }, field: 'updatedAt', order: 'desc' };
    case 'all':
      return { base: { orgPath }, field: 'updatedAt', order: 'desc' };
  }
}

export const list = action(
  z.strictObject({ filter: z.enum(FILTERS).default('all'), cursor: z.string().max(200).nullish(), limit: z.number().int().min(1).max(50).default(20) }),
  async (ctx, { filter, cursor, limit }): Promise<Result<Page<HardshipSummary>>> => {
    const scopes = hardshipScopes(await loadActor(ctx.openid));
    if (!scopes.length) return fail('FORBIDDEN', '只有工会干部可以查看困难职工档案');
    const q = queryOf(filter, scopes, ctx.now);
    const page = await rows<HardshipRecord>(
      db.collection(HARDSHIP_RECORDS).where(whereAfter(q.base, q.field, decodeCursor(cursor), q.order)).orderBy(q.field, q.order).orderBy('_id', q.order).limit(limit),
    );
    const names = await orgNames(page.map((r) => r.orgId));
    return ok({
      items: page.map((r) => summaryView(r, names.get(r.orgId) ?? '', ctx.now)),
      cursor: nextCursor(page, limit, (last) => ({ at: new Date(last[q.field] as Date), id: last._id })),
    });
  },
);

export const detail = action(z.strictObject({ recordId }), async (ctx, input): Promise<Result<{ record: HardshipDetail }>> => {
  const [actor, r] = await Promise.all([loadActor(ctx.openid), recordById(input.recordId)]);
  if (!r) return fail('NOT_FOUND', '没有找到该档案');
  if (!mayViewHardship(actor, r)) return fail('FORBIDDEN', '您没有查看该档案的权限');
  return ok({ record: await detailFor(r, actor, ctx.now) });
});
