// Reading applications: 办事进度 (the caller's own, newest first), one application in detail, the
// officers' queue of a campaign and status (oldest first) and its counts per status. Lists page by range on
// (createdAt, _id) over a declared index, so every page costs what the first one costs; the counts read the
// counters of waiting work, so they cost the same however many applications there are.
import type { ApplicationAction, ApplicationDetail, ApplicationStatus, ApplicationSummary, Page, QueueItem } from '../../typings/api';
import type { Result } from '../../typings/envelope';
import type { Actor } from '../_shared/access/actor';
import { mayViewApplication, queueScopes } from '../_shared/access/applications';
import { _, db, rows } from '../_shared/cloud';
import { loadActor } from '../_shared/data/actor';
import { applicationInContext, applicationSummary, recordOf, type ApplicationDoc } from '../_shared/data/applications';
import { getCampaign, type CampaignDoc } from '../_shared/data/campaigns';
import { hardshipOf } from '../_shared/data/hardship';
import { decodeCursor, nextCursor, whereAfter } from '../_shared/data/cursor';
import { getOrg, orgNames } from '../_shared/data/orgs';
import { staffingOf } from '../_shared/data/staffing';
import { workloadAt } from '../_shared/data/workload';
import { workingDaysSince } from '../_shared/domain/workingDays';
import { WAITING_STATUSES } from '../_shared/domain/workload';
import { action, fail, ok } from '../_shared/function';
import { APPLICATION_STATES, applicationMachine } from '../_shared/workflow/applications';
import { availableTransitions } from '../_shared/workflow/machine';
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
  const found = await applicationInContext(applicationId, ctx.openid);
  if (!found) return fail('NOT_FOUND', '没有找到该申请');
  const { doc, actor, campaign, staff, orgName } = found;
  if (!mayViewApplication(actor, doc)) return fail('FORBIDDEN', '您无权查看这份申请');
  if (!campaign) return fail('NOT_FOUND', '没有找到该活动');
  return ok({ application: await detailFor(doc, campaign, actor, staff, { orgName }) });
});

const queueScope = {
  campaignId: z.string().min(1).max(64),
  orgId: z.string().min(1).max(64).optional(),
};
const queueInput = z.strictObject({
  ...queueScope,
  status: z.enum(APPLICATION_STATES as [ApplicationStatus, ...ApplicationStatus[]]),
  ...paging,
});

/** The campaign and the subtrees of it the caller sees (one org's, when asked and theirs), or the refusal. */
async function scoped(actor: Actor, campaignId: string, orgId: string | undefined): Promise<Result<{ campaign: CampaignDoc; roots: string[] }>> {
  const [campaign, org] = await Promise.all([getCampaign(campaignId), orgId ? getOrg(orgId) : null]);
  if (!campaign) return fail('NOT_FOUND', '没有找到该活动');
  const scopes = queueScopes(actor, campaign.orgPath);
  if (!scopes.length) return fail('FORBIDDEN', '您无权查看这个活动的申请');
  if (orgId && !org) return fail('VALIDATION_FAILED', '没有找到该组织', { orgId: '没有找到该组织' });
  if (org && !scopes.some((s) => org.path.includes(s))) return fail('FORBIDDEN', '您无权查看这个组织的申请');
  return ok({ campaign, roots: org ? [org._id] : scopes });
}

const WAITING: readonly string[] = WAITING_STATUSES;

/** A queue page's rows: the applicants' orgs and hardship and the officers along their paths, read together. */
async function queueItems(docs: ApplicationDoc[], campaign: CampaignDoc, actor: Actor, now: Date): Promise<QueueItem[]> {
  const [names, hardship, staff] = await Promise.all([
    orgNames(docs.map((d) => d.applicantOrgId)),
    hardshipOf(docs.map((d) => d.applicantMemberId), now),
    staffingOf(docs.flatMap((d) => [d.applicantOrgPath, d.campaignOrgPath])),
  ]);
  const machine = applicationMachine(campaign, staff);
  return docs.map((d) => ({
    ...applicationSummary(d, names.get(d.applicantOrgId) ?? ''),
    actions: availableTransitions(machine, recordOf(d), actor) as ApplicationAction[],
    waitingDays: WAITING.includes(d.status) ? workingDaysSince(new Date(d.updatedAt), now) : null,
    hardship: hardship.get(d.applicantMemberId) ?? null,
  }));
}

/**
 * The queue: grassroots officers see their members' applications, federation officers over the campaign's
 * org all of its applications (in every status: submitted ones are theirs to review where no grassroots
 * officer is, access/coverage.ts). Each row says what the caller may do with it.
 */
export const queue = action(queueInput, async (ctx, input): Promise<Result<Page<QueueItem>>> => {
  const actor = await loadActor(ctx.openid);
  const scope = await scoped(actor, input.campaignId, input.orgId);
  if (!scope.ok) return scope;
  const { campaign, roots } = scope.data;
  const base = { campaignId: campaign._id, status: input.status, applicantOrgPath: _.in(roots) };
  const docs = await rows<ApplicationDoc>(
    db
      .collection('applications')
      .where(whereAfter(base, 'createdAt', decodeCursor(input.cursor)))
      .orderBy('createdAt', 'asc')
      .orderBy('_id', 'asc')
      .limit(input.limit),
  );
  return ok({ items: await queueItems(docs, campaign, actor, ctx.now), cursor: nextCursor(docs, input.limit, (last) => ({ at: new Date(last.createdAt), id: last._id })) });
});

/** The queue's counts per status: the counters of waiting work of the caller's subtrees (domain/workload.ts). */
export const counts = action(z.strictObject(queueScope), async (ctx, input): Promise<Result<{ counts: Partial<Record<ApplicationStatus, number>> }>> => {
  const scope = await scoped(await loadActor(ctx.openid), input.campaignId, input.orgId);
  if (!scope.ok) return scope;
  const out: Partial<Record<ApplicationStatus, number>> = {};
  for (const c of await workloadAt({ orgIds: scope.data.roots, subjects: [scope.data.campaign._id] })) {
    const status = c.status as ApplicationStatus;
    out[status] = (out[status] ?? 0) + c.n;
  }
  return ok({ counts: out });
});
