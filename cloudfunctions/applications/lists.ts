// Reading applications: 办事进度 (the caller's own, newest first), one application in detail, and the
// officers' queue of a campaign and status (oldest first). Lists page by range on (createdAt, _id) over a
// declared index, so every page costs what the first one costs.
import type { ApplicationDetail, ApplicationStatus, ApplicationSummary, Page } from '../../typings/api';
import type { Result } from '../../typings/envelope';
import { campaignApprovalScopes, grassrootsReviewScopes, mayViewApplication } from '../_shared/access/applications';
import { _, db, rows } from '../_shared/cloud';
import { loadActor } from '../_shared/data/actor';
import { applicationSummary, getApplication, type ApplicationDoc } from '../_shared/data/applications';
import { getCampaign } from '../_shared/data/campaigns';
import { decodeCursor, nextCursor, whereAfter } from '../_shared/data/cursor';
import { getOrg, orgNames } from '../_shared/data/orgs';
import { staffingOf } from '../_shared/data/staffing';
import { action, fail, ok } from '../_shared/function';
import { APPLICATION_STATES } from '../_shared/workflow/applications';
import { z } from '../_shared/validation';
import { detailFor } from './view';

const paging = {
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(50).default(20),
};

async function page(docs: ApplicationDoc[], limit: number): Promise<Page<ApplicationSummary>> {
  const names = await orgNames(docs.map((d) => d.applicantOrgId));
  return {
    items: docs.map((d) => applicationSummary(d, names.get(d.applicantOrgId) ?? '')),
    cursor: nextCursor(docs, limit, (last) => ({ at: new Date(last.createdAt), id: last._id })),
  };
}

export const mine = action(z.strictObject(paging), async (ctx, { cursor, limit }): Promise<Result<Page<ApplicationSummary>>> => {
  if (!ctx.openid) return ok({ items: [], cursor: null });
  const docs = await rows<ApplicationDoc>(
    db
      .collection('applications')
      .where(whereAfter({ applicantOpenid: ctx.openid }, 'createdAt', decodeCursor(cursor), 'desc'))
      .orderBy('createdAt', 'desc')
      .orderBy('_id', 'desc')
      .limit(limit),
  );
  return ok(await page(docs, limit));
});

export const detail = action(z.strictObject({ applicationId: z.string().min(1).max(64) }), async (ctx, { applicationId }): Promise<Result<{ application: ApplicationDetail }>> => {
  const [actor, doc] = await Promise.all([loadActor(ctx.openid), getApplication(applicationId)]);
  if (!doc) return fail('NOT_FOUND', '没有找到该申请');
  if (!mayViewApplication(actor, doc)) return fail('FORBIDDEN', '您无权查看这份申请');
  const [campaign, staff] = await Promise.all([getCampaign(doc.campaignId), staffingOf([doc.applicantOrgPath, doc.campaignOrgPath])]);
  if (!campaign) return fail('NOT_FOUND', '没有找到该活动');
  return ok({ application: await detailFor(doc, campaign, actor, staff) });
});

const queueInput = z.strictObject({
  campaignId: z.string().min(1).max(64),
  status: z.enum(APPLICATION_STATES as [ApplicationStatus, ...ApplicationStatus[]]),
  orgId: z.string().min(1).max(64).optional(),
  ...paging,
});

/**
 * The queue: grassroots officers see their members' applications, federation officers over the campaign's
 * org all of its applications (in every status: submitted ones are theirs to review where no grassroots
 * officer is, access/coverage.ts).
 */
export const queue = action(queueInput, async (ctx, input): Promise<Result<Page<ApplicationSummary>>> => {
  const [actor, campaign, org] = await Promise.all([loadActor(ctx.openid), getCampaign(input.campaignId), input.orgId ? getOrg(input.orgId) : null]);
  if (!campaign) return fail('NOT_FOUND', '没有找到该活动');
  const scopes = [...new Set([...grassrootsReviewScopes(actor), ...campaignApprovalScopes(actor, campaign.orgPath)])];
  if (!scopes.length) return fail('FORBIDDEN', '您无权查看这个活动的申请');
  if (input.orgId && !org) return fail('VALIDATION_FAILED', '没有找到该组织', { orgId: '没有找到该组织' });
  if (org && !scopes.some((s) => org.path.includes(s))) return fail('FORBIDDEN', '您无权查看这个组织的申请');
  const base = { campaignId: campaign._id, status: input.status, applicantOrgPath: org ? org._id : _.in(scopes) };
  const docs = await rows<ApplicationDoc>(
    db
      .collection('applications')
      .where(whereAfter(base, 'createdAt', decodeCursor(input.cursor)))
      .orderBy('createdAt', 'asc')
      .orderBy('_id', 'asc')
      .limit(input.limit),
  );
  return ok(await page(docs, input.limit));
});
