// Reading cases: the member's own (newest first), one case in detail, the officers' and lawyers' queue, and
// the lawyers a case may be assigned to. Lists page by range over declared indexes, so every page costs
// what the first one costs.
import type { CaseDetail, CaseLawyerView, CaseQueueView, CaseSummary } from '../../typings/api/cases';
import type { Page } from '../../typings/api/common';
import type { Result } from '../../typings/envelope';
import { caseOfficerScopes, isCaseOfficer, isLawyer, mayViewCase } from '../_shared/access/cases';
import { _, db, rows } from '../_shared/cloud';
import { loadActor } from '../_shared/data/actor';
import { caseSummary, getCase, type CaseDoc } from '../_shared/data/cases';
import { decodeCursor, nextCursor, whereAfter, type CursorPosition } from '../_shared/data/cursor';
import { getOrg, orgNames } from '../_shared/data/orgs';
import { action, fail, ok } from '../_shared/function';
import { z } from '../_shared/validation';
import { detailFor } from './view';

const paging = {
  cursor: z.string().max(300).nullish(),
  limit: z.number().int().min(1).max(50).default(20),
};

async function summaries(docs: CaseDoc[]): Promise<CaseSummary[]> {
  const names = await orgNames(docs.map((d) => d.orgId));
  return docs.map((d) => caseSummary(d, names.get(d.orgId) ?? ''));
}

export const mine = action(z.strictObject(paging), async (ctx, { cursor, limit }): Promise<Result<Page<CaseSummary>>> => {
  if (!ctx.openid) return ok({ items: [], cursor: null });
  const docs = await rows<CaseDoc>(
    db.collection('cases').where(whereAfter({ memberOpenid: ctx.openid }, 'createdAt', decodeCursor(cursor), 'desc')).orderBy('createdAt', 'desc').orderBy('_id', 'desc').limit(limit),
  );
  return ok({ items: await summaries(docs), cursor: nextCursor(docs, limit, (last) => ({ at: new Date(last.createdAt), id: last._id })) });
});

export const detail = action(z.strictObject({ caseId: z.string().min(1).max(64) }), async (ctx, { caseId }): Promise<Result<{ case: CaseDetail }>> => {
  const [actor, doc] = await Promise.all([loadActor(ctx.openid), getCase(caseId)]);
  if (!doc) return fail('NOT_FOUND', '没有找到该案件');
  if (!mayViewCase(actor, doc)) return fail('FORBIDDEN', '您无权查看这个案件');
  return ok({ case: await detailFor(doc, actor, ctx) });
});

const queueInput = z.strictObject({
  view: z.enum(['open', 'overdue', 'finished'] as const satisfies readonly CaseQueueView[]),
  orgId: z.string().min(1).max(64).optional(),
  ...paging,
});

/**
 * Officers see the cases of their subtree (or of one org in it); lawyers the cases assigned to them.
 * `open`: unaccepted first, then overdue, then the rest, oldest first; `overdue`: longest overdue first;
 * `finished`: closed and declined, newest first.
 */
export const queue = action(queueInput, async (ctx, input): Promise<Result<Page<CaseSummary>>> => {
  const [actor, org] = await Promise.all([loadActor(ctx.openid), input.orgId ? getOrg(input.orgId) : null]);
  const scopes = caseOfficerScopes(actor);
  if (!scopes.length && !isLawyer(actor)) return fail('FORBIDDEN', '只有工会干部和律师可以查看案件');
  if (input.orgId && !org) return fail('VALIDATION_FAILED', '没有找到该组织', { orgId: '没有找到该组织' });
  if (org && !scopes.some((s) => org.path.includes(s))) return fail('FORBIDDEN', '您无权查看这个组织的案件');
  const scope = scopes.length ? { orgPath: org ? org._id : _.in(scopes) } : { lawyerOpenid: ctx.openid };
  const cases = db.collection('cases');
  let docs: CaseDoc[];
  let positionOf: (last: CaseDoc) => CursorPosition;
  const after = decodeCursor(input.cursor);
  if (input.view === 'overdue') {
    docs = await rows<CaseDoc>(cases.where(whereAfter({ ...scope, overdue: true }, 'deadlineAt', after)).orderBy('deadlineAt', 'asc').orderBy('_id', 'asc').limit(input.limit));
    positionOf = (last) => ({ at: new Date(last.deadlineAt!), id: last._id });
  } else if (input.view === 'finished') {
    docs = await rows<CaseDoc>(
      cases.where(whereAfter({ ...scope, queueRank: 3 }, 'createdAt', after, 'desc')).orderBy('queueRank', 'asc').orderBy('createdAt', 'desc').orderBy('_id', 'desc').limit(input.limit),
    );
    positionOf = (last) => ({ at: new Date(last.createdAt), id: last._id });
  } else {
    docs = await rows<CaseDoc>(
      cases.where(whereAfter({ ...scope, queueRank: _.lte(2) }, 'createdAt', after, 'asc', 'queueRank')).orderBy('queueRank', 'asc').orderBy('createdAt', 'asc').orderBy('_id', 'asc').limit(input.limit),
    );
    positionOf = (last) => ({ rank: last.queueRank, at: new Date(last.createdAt), id: last._id });
  }
  return ok({ items: await summaries(docs), cursor: nextCursor(docs, input.limit, positionOf) });
});

interface LawyerRole {
  _id: string;
  openid: string;
  memberName: string;
  orgId: string;
}

export const lawyers = action(z.strictObject({ caseId: z.string().min(1).max(64) }), async (ctx, { caseId }): Promise<Result<{ lawyers: CaseLawyerView[] }>> => {
  const [actor, doc] = await Promise.all([loadActor(ctx.openid), getCase(caseId)]);
  if (!doc) return fail('NOT_FOUND', '没有找到该案件');
  if (!isCaseOfficer(actor, doc)) return fail('FORBIDDEN', '只有受理该案件的工会干部可以指派律师');
  const grants = await rows<LawyerRole>(db.collection('roles').where({ role: 'lawyer', orgId: _.in(doc.orgPath) }).limit(200));
  const seen = new Set<string>();
  const unique = grants.filter((g) => g.openid !== doc.memberOpenid && !seen.has(g.openid) && seen.add(g.openid));
  const names = await orgNames(unique.map((g) => g.orgId));
  return ok({ lawyers: unique.map((g) => ({ lawyerId: g._id, name: g.memberName, orgName: names.get(g.orgId) ?? '' })) });
});
