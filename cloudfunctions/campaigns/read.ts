// The campaigns a member sees (首页 and the application page) and those a federation officer manages.
import type { CampaignView } from '../../typings/api';
import type { MemberDoc } from '../_shared/data/members';
import { campaignManageScopes, mayManageCampaign } from '../_shared/access/campaigns';
import { _, db, rows } from '../_shared/cloud';
import { loadActor } from '../_shared/data/actor';
import type { CampaignDoc } from '../_shared/data/campaigns';
import { campaignView, getCampaign, managedCampaign } from '../_shared/data/campaigns';
import { memberByOpenid } from '../_shared/data/memberLookup';
import { action, fail, ok } from '../_shared/function';
import { z } from '../_shared/validation';

export const NOT_MANAGER = '只有总工会干部可以管理活动';
const NOT_REGISTERED = '请先注册会员';
/** More campaigns than any org path runs at once. */
const OPEN_LIMIT = 50;
const MANAGE_LIMIT = 100;

const NOTICES: Record<MemberDoc['status'], string | null> = {
  approved: null,
  pending: '会员认证审核中，通过后才能申请',
  rejected: '会员认证未通过，请到“我的”修改资料后重新提交',
};

export const listOpen = action(z.strictObject({}), async (ctx) => {
  const member = ctx.openid ? await memberByOpenid(ctx.openid) : null;
  if (!member) return ok({ items: [] as CampaignView[], canApply: false, notice: NOT_REGISTERED });
  const open = await rows<CampaignDoc>(
    db.collection('campaigns').where({ orgId: _.in(member.orgPath), status: 'open', closesAt: _.gt(ctx.now) }).orderBy('closesAt', 'asc').limit(OPEN_LIMIT),
  );
  return ok({
    items: open.filter((c) => new Date(c.opensAt) <= ctx.now).map(campaignView),
    canApply: member.status === 'approved',
    notice: NOTICES[member.status],
  });
});

export const get = action(z.strictObject({ campaignId: z.string().min(1).max(64) }), async (ctx, { campaignId }) => {
  const [campaign, member] = await Promise.all([getCampaign(campaignId), ctx.openid ? memberByOpenid(ctx.openid) : null]);
  if (!campaign) return fail('NOT_FOUND', '没有找到该活动');
  // The common case, a member of an org under the campaign's, needs no roles read.
  if (campaign.status !== 'draft' && member?.orgPath.includes(campaign.orgId)) return ok({ campaign: campaignView(campaign) });
  if (mayManageCampaign(await loadActor(ctx.openid), campaign.orgPath)) return ok({ campaign: campaignView(campaign) });
  if (campaign.status === 'draft') return fail('NOT_FOUND', '没有找到该活动');
  if (!member) return fail('NOT_REGISTERED', NOT_REGISTERED);
  return fail('FORBIDDEN', '该活动不面向您所在的工会');
});

export const manageList = action(z.strictObject({}), async (ctx) => {
  const scopes = campaignManageScopes(await loadActor(ctx.openid));
  if (!scopes.length) return fail('FORBIDDEN', NOT_MANAGER);
  const found = await rows<CampaignDoc>(db.collection('campaigns').where({ orgPath: _.in(scopes) }).orderBy('createdAt', 'desc').limit(MANAGE_LIMIT));
  return ok({ items: found.map(managedCampaign) });
});
