// The hardship records of an org's subtree and of each of its children: 在档户数 (confirmed and not lapsed
// at the call), and for a period those confirmed (新建档) and ended (脱困); and the assistance settled in the
// period on applications members made as 建档困难职工 (人次 and 分 net of refunds, as the report counts them:
// domain/figures.ts peopleCounted, fullyRefunded). Two aggregations issued together, over the subtree's records (orgPath
// index) and its settled applications (applicantOrgPath + status index), each one group per child org (and
// one for what is at the org itself): at most as many groups as children, which each $limit states
// (CloudBase answers 20 without one).
import type { HardshipOrgFigures } from '../../typings/api';
import { mayReadFigures } from '../_shared/access/statistics';
import { _, db, rows } from '../_shared/cloud';
import { loadActor } from '../_shared/data/actor';
import { HARDSHIP_RECORDS } from '../_shared/data/hardship';
import { getOrg } from '../_shared/data/orgs';
import { resolvePeriod } from '../_shared/domain/figures';
import { HARDSHIP_GRADES } from '../_shared/domain/hardship';
import { windowOfDays } from '../_shared/domain/campaignRules';
import { action, fail, ok } from '../_shared/function';
import { periodInput } from '../_shared/periodInput';
import { z } from '../_shared/validation';

/** Children of one org: a county's towns, a town's unions; the server SDK's largest page. */
const MAX_CHILDREN = 1000;

interface Group {
  _id: string | null;
  onFile?: number;
  added?: number;
  exited?: number;
  people?: number;
  paidFen?: number;
}

const SETTLED = ['paid', 'delivered', 'attended'];
const SETTLING_STEPS = ['pay', 'deliver', 'attend'];

export const figures = action(z.strictObject({ orgId: z.string().min(1).max(64), period: periodInput }), async (ctx, input) => {
  const days = resolvePeriod(input.period);
  if (!days.ok) return fail('VALIDATION_FAILED', days.message, { [days.field]: days.message });
  const [actor, org, children] = await Promise.all([
    loadActor(ctx.openid),
    getOrg(input.orgId),
    rows<{ _id: string; name: string }>(db.collection('orgs').where({ parentId: input.orgId }).orderBy('_id', 'asc').field({ _id: true, name: true }).limit(MAX_CHILDREN)),
  ]);
  if (!org) return fail('NOT_FOUND', '没有找到该组织');
  if (!mayReadFigures(actor, org.path)) return fail('FORBIDDEN', '您无权查看这个组织的统计');
  const { opensAt, closesAt } = windowOfDays(days.from, days.to);
  const $ = db.command.aggregate;
  const within = (field: string) => $.and([$.gte([`$${field}`, opensAt]), $.lt([`$${field}`, closesAt])]);
  const count = (when: unknown) => $.sum($.cond({ if: when, then: 1, else: 0 }));
  const child = $.arrayElemAt(['$orgPath', org.path.length]);
  const [records, assistance] = (await Promise.all([
    db
      .collection(HARDSHIP_RECORDS)
      .aggregate()
      .match({ orgPath: org._id })
      // the child org on the record's path below this one (null for a record at this org itself)
      .project({ child, status: 1, lapsesAt: 1, confirmedAt: 1, exitedAt: 1 })
      .group({
        _id: '$child',
        onFile: count($.and([$.eq(['$status', 'confirmed']), $.gt(['$lapsesAt', ctx.now])])),
        added: count(within('confirmedAt')),
        exited: count(within('exitedAt')),
      })
      .limit(children.length + 1)
      .end(),
    db
      .collection('applications')
      .aggregate()
      .match({ applicantOrgPath: org._id, status: _.in(SETTLED), applicantHardshipGrade: _.in([...HARDSHIP_GRADES]) })
      .project({
        child: $.arrayElemAt(['$applicantOrgPath', org.path.length]),
        amountFen: 1,
        refundedFen: $.sum($.ifNull(['$refunds.amountFen', []])),
        people: $.ifNull(['$terms.people', $.ifNull(['$delivery.headcount', 0])]),
        // when it was settled: its settling step's time (an application is settled once)
        settledAt: $.max($.map({ input: $.filter({ input: '$history', as: 'h', cond: $.in(['$$h.action', SETTLING_STEPS]) }), as: 'h', in: '$$h.at' })),
      })
      .match({ settledAt: _.gte(opensAt).and(_.lt(closesAt)) })
      // net of refunds, as the report counts it (domain/figures.ts): a refund of the whole amount reaches nobody
      .project({
        child: 1,
        netFen: $.subtract(['$amountFen', '$refundedFen']),
        people: $.cond({ if: $.and([$.gt(['$refundedFen', 0]), $.lte([$.subtract(['$amountFen', '$refundedFen']), 0])]), then: 0, else: '$people' }),
      })
      .group({ _id: '$child', people: $.sum('$people'), paidFen: $.sum('$netFen') })
      .limit(children.length + 1)
      .end(),
  ])) as { list: Group[] }[];
  const list = [...records.list, ...assistance.list];
  const byChild = (orgId: string) => list.filter((g) => g._id === orgId);
  const total = (groups: Group[], field: 'onFile' | 'added' | 'exited' | 'people' | 'paidFen') => groups.reduce((n, g) => n + (g[field] ?? 0), 0);
  const figuresOf = (orgId: string, orgName: string, groups: Group[]): HardshipOrgFigures => ({
    orgId,
    orgName,
    onFile: total(groups, 'onFile'),
    added: total(groups, 'added'),
    exited: total(groups, 'exited'),
    people: total(groups, 'people'),
    paidFen: total(groups, 'paidFen'),
  });
  return ok({
    from: days.from,
    to: days.to,
    org: figuresOf(org._id, org.name, list),
    children: children.map((c) => figuresOf(c._id, c.name, byChild(c._id))),
  });
});
