// The figures of an org's subtree and of each child org for a period: one aggregation over the counters of
// the org and its children (summed by org and campaign, the day range on an index), whatever the number of
// applications and cases behind them.
import type { FiguresOutput, OrgFigures, Service } from '../../typings/api/statistics';
import type { Result } from '../../typings/envelope';
import { mayReadFigures } from '../_shared/access/statistics';
import { _, db, rows } from '../_shared/cloud';
import { loadActor } from '../_shared/data/actor';
import { getCampaign } from '../_shared/data/campaigns';
import { getOrg } from '../_shared/data/orgs';
import { STATS } from '../_shared/data/stats';
import { COUNTER_FIELDS, figuresRows, resolvePeriod, type CampaignSum } from '../_shared/domain/figures';
import { periodInput } from '../_shared/periodInput';
import { action, fail, ok } from '../_shared/function';
import { z } from '../_shared/validation';

const serviceInput = z.enum(['studentAid', 'summerRelief', 'legalAid'], { error: '请选择服务项目' });

const figuresInput = z.strictObject({
  orgId: z.string().min(1).max(64),
  period: periodInput,
  service: serviceInput.optional(),
  campaignId: z.string().min(1).max(64).optional(),
});

type SumRow = CampaignSum & { _id: { orgId: string; campaignId: string | null } };

export const figures = action(figuresInput, async (ctx, input): Promise<Result<FiguresOutput>> => {
  const days = resolvePeriod(input.period);
  if (!days.ok) return fail('VALIDATION_FAILED', days.message, { [days.field]: days.message });
  const [actor, org, children, campaign] = await Promise.all([
    loadActor(ctx.openid),
    getOrg(input.orgId),
    rows<{ _id: string; name: string }>(db.collection('orgs').where({ parentId: input.orgId }).orderBy('_id', 'asc').field({ _id: true, name: true }).limit(1000)),
    input.campaignId ? getCampaign(input.campaignId) : null,
  ]);
  if (!org) return fail('NOT_FOUND', '没有找到该组织');
  if (!mayReadFigures(actor, org.path)) return fail('FORBIDDEN', '您无权查看这个组织的统计');
  if (input.campaignId && !campaign) return fail('NOT_FOUND', '没有找到该活动');

  const $ = db.command.aggregate;
  const sums = Object.fromEntries(COUNTER_FIELDS.map((f) => [f, $.sum(`$${f}`)]));
  const res = (await db
    .collection(STATS)
    .aggregate()
    .match({
      orgId: _.in([org._id, ...children.map((c) => c._id)]),
      day: _.gte(days.from).and(_.lte(days.to)),
      ...(campaign ? { campaignId: campaign._id } : input.service ? { service: input.service } : {}),
    })
    .group({ _id: { orgId: '$orgId', campaignId: '$campaignId' }, service: $.first('$service'), title: $.first('$title'), ...sums })
    .end()) as { list: SumRow[] };

  const want = campaign ? { campaign: { campaignId: campaign._id, service: campaign.kind as Service, title: campaign.title } } : { service: input.service };
  const of = (o: { _id: string; name: string }): OrgFigures => ({
    orgId: o._id,
    orgName: o.name,
    figures: figuresRows(
      res.list.filter((r) => r._id.orgId === o._id).map((r) => ({ ...r, campaignId: r._id.campaignId })),
      want,
    ),
  });
  return ok({ ...of(org), from: days.from, to: days.to, children: children.map(of) });
});
