// The figures of an org's subtree and of each child org for a period: the counters of the org and its
// children, with the steps' deltas not yet folded into them (data/deltas.ts: exact right after a step),
// summed by org and campaign, one aggregation per run of the period (its whole months from month
// counters, the edge days before and after them from day counters; domain/figures.ts periodRuns), issued
// together, each a range on an index, its groups paged (one page of 1,000 org × campaign groups is the usual
// case). What it reads is bounded by the months of the period, whatever the number of applications and cases
// behind them or the days they happened on. Which services there are is data: a service's rows are named and
// phrased by its counters (or, for a period without any, by its kind).
import { LEGAL_AID, LEGAL_AID_LABEL, type FiguresOutput, type OrgFigures } from '../../typings/api/statistics';
import type { Result } from '../../typings/envelope';
import { mayReadFigures } from '../_shared/access/statistics';
import { _, db, rows } from '../_shared/cloud';
import { loadActor } from '../_shared/data/actor';
import { allGroups } from '../_shared/data/aggregate';
import { getCampaign } from '../_shared/data/campaigns';
import { getOrg } from '../_shared/data/orgs';
import { getKind } from '../_shared/data/serviceKinds';
import { STATS } from '../_shared/data/stats';
import { readCounters, unfoldedAt } from '../_shared/data/deltas';
import { addSums, applyChange, COUNTER_FIELDS, expandFlows, figuresRows, periodRuns, resolvePeriod, type CounterKey, type OrgCampaignSum, type ServiceLabel } from '../_shared/domain/figures';
import { periodInput } from '../_shared/periodInput';
import { action, fail, ok } from '../_shared/function';
import { z } from '../_shared/validation';

const serviceInput = z.string({ error: '请选择服务项目' }).min(1, { error: '请选择服务项目' }).max(64);

const figuresInput = z.strictObject({
  orgId: z.string().min(1).max(64),
  period: periodInput,
  service: serviceInput.optional(),
  campaignId: z.string().min(1).max(64).optional(),
});

/** Groups per round trip of a run: a county's towns and their campaigns of a year fit in one. */
const FIGURES_GROUP_PAGE = 1000;

type SumRow = Omit<OrgCampaignSum, 'orgId' | 'campaignId'> & { _id: { orgId: string; campaignId: string | null } };

export const figures = action(figuresInput, async (ctx, input): Promise<Result<FiguresOutput>> => {
  const days = resolvePeriod(input.period);
  if (!days.ok) return fail('VALIDATION_FAILED', days.message, { [days.field]: days.message });
  const service = input.service;
  const [actor, org, children, campaign, kind] = await Promise.all([
    loadActor(ctx.openid),
    getOrg(input.orgId),
    rows<{ _id: string; name: string }>(db.collection('orgs').where({ parentId: input.orgId }).orderBy('_id', 'asc').field({ _id: true, name: true }).limit(1000)),
    input.campaignId ? getCampaign(input.campaignId) : null,
    service && service !== LEGAL_AID && !input.campaignId ? getKind(service) : null,
  ]);
  if (!org) return fail('NOT_FOUND', '没有找到该组织');
  if (!mayReadFigures(actor, org.path)) return fail('FORBIDDEN', '您无权查看这个组织的统计');
  if (input.campaignId && !campaign) return fail('NOT_FOUND', '没有找到该活动');
  if (service && service !== LEGAL_AID && !input.campaignId && !kind) return fail('VALIDATION_FAILED', '没有这个服务项目', { service: '没有这个服务项目' });

  const $ = db.command.aggregate;
  const which = campaign ? { campaignId: campaign._id } : service ? { service } : {};
  const orgIds = [org._id, ...children.map((c) => c._id)];
  const runs = periodRuns(days.from, days.to);
  const summed = await readCounters(async (state) => {
    // while a batch is applied, each counter as it stood before it (less what the batch added where it got
    // to), the batch itself coming from its deltas
    const field = (f: string) => (state.open === null ? `$${f}` : $.subtract([`$${f}`, $.cond({ if: $.eq(['$seq', state.open]), then: $.ifNull([`$lastAdd.${f}`, 0]), else: 0 })]));
    const sums = Object.fromEntries(COUNTER_FIELDS.map((f) => [f, $.sum(field(f))]));
    const [reads, deltas] = await Promise.all([
      Promise.all(
        runs.map(async (run) => {
          // one group per org and campaign: as many as the org and its children (up to 1,000) times the
          // campaigns of the period, no bound, so paged by group key, FIGURES_GROUP_PAGE groups a round trip
          const groups = await allGroups<SumRow>(
            () =>
              db
                .collection(STATS)
                .aggregate()
                .match({ orgId: _.in(orgIds), grain: run.grain, ...which, day: _.gte(run.from).and(_.lte(run.to)) })
                .group({
                  _id: { orgId: '$orgId', campaignId: '$campaignId' },
                  service: $.first('$service'),
                  title: $.first('$title'),
                  kindLabel: $.first('$kindLabel'),
                  sentence: $.first('$sentence'),
                  lastDay: $.max('$day'),
                  ...sums,
                }),
            { '_id.orgId': 1, '_id.campaignId': 1 },
            FIGURES_GROUP_PAGE,
          );
          return groups.map(({ _id, ...r }): OrgCampaignSum => ({ ...r, orgId: _id.orgId, campaignId: _id.campaignId }));
        }),
      ),
      unfoldedAt(orgIds, state),
    ]);
    const inPeriod = (k: CounterKey) =>
      orgIds.includes(k.orgId) &&
      runs.some((run) => k.grain === run.grain && k.day >= run.from && k.day <= run.to) &&
      (campaign ? k.campaignId === campaign._id : !service || k.service === service);
    const unfolded = expandFlows(deltas.flatMap((d) => d.stats)).filter((c) => inPeriod(c.key)).map((c): OrgCampaignSum => {
      const d = applyChange(null, c);
      return { ...d, lastDay: d.day };
    });
    return addSums([...reads.flat(), ...unfolded]);
  });

  const serviceLabel: ServiceLabel | undefined = kind
    ? { service: kind._id, label: kind.label, sentence: kind.sentence }
    : service === LEGAL_AID
      ? { service: LEGAL_AID, label: LEGAL_AID_LABEL, sentence: null }
      : undefined;
  const want = campaign
    ? { campaign: { campaignId: campaign._id, service: campaign.kind.kindId, title: campaign.title, sentence: campaign.kind.sentence } }
    : { service: serviceLabel };
  const of = (o: { _id: string; name: string }): OrgFigures => ({
    orgId: o._id,
    orgName: o.name,
    figures: figuresRows(summed.filter((r) => r.orgId === o._id), want),
  });
  return ok({ ...of(org), from: days.from, to: days.to, children: children.map(of) });
});
