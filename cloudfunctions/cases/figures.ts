// The figures the reports count for a period (Shanghai days) and an org's subtree, computed by the database
// from the case records: cases opened (by dispute type), closed (by outcome) and declined, the people the
// closed cases helped (a group case counts each worker), the money they recovered, and the cases overdue now.
// Three aggregations over declared indexes, issued together.
import { CASE_OUTCOME_LABELS, DISPUTE_TYPE_LABELS, type CaseFigures, type CaseOutcome, type DisputeType } from '../../typings/api/cases';
import type { Result } from '../../typings/envelope';
import { caseOfficerScopes } from '../_shared/access/cases';
import { db } from '../_shared/cloud';
import { loadActor } from '../_shared/data/actor';
import { getOrg } from '../_shared/data/orgs';
import { isCalendarDay } from '../_shared/domain/campaignForm';
import { windowOfDays } from '../_shared/domain/campaignRules';
import { action, fail, ok } from '../_shared/function';
import { z } from '../_shared/validation';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为YYYY-MM-DD' }).refine(isCalendarDay, { error: '日期不对' });
const MAX_DAYS = 366;
const DAY_MS = 86_400_000;

type Row = { _id: unknown; n: number; people?: number; fen?: number };

async function aggregate(match: object, group: object): Promise<Row[]> {
  const res = (await db.collection('cases').aggregate().match(match).group(group).end()) as { list: Row[] };
  return res.list;
}

const zeros = <K extends string>(labels: Record<K, string>) => Object.fromEntries(Object.keys(labels).map((k) => [k, 0])) as Record<K, number>;

export const figures = action(z.strictObject({ orgId: z.string().min(1).max(64), from: day, to: day }), async (ctx, input): Promise<Result<CaseFigures>> => {
  // the Shanghai days from … to, as the half-open interval of instants a campaign window uses
  const { opensAt: start, closesAt: end } = windowOfDays(input.from, input.to);
  if (end <= start) return fail('VALIDATION_FAILED', '结束日期不能早于开始日期', { to: '结束日期不能早于开始日期' });
  if (end.getTime() - start.getTime() > MAX_DAYS * DAY_MS) return fail('VALIDATION_FAILED', `统计期间最长${MAX_DAYS}天`, { to: `统计期间最长${MAX_DAYS}天` });
  const [actor, org] = await Promise.all([loadActor(ctx.openid), getOrg(input.orgId)]);
  if (!org) return fail('NOT_FOUND', '没有找到该组织');
  if (!caseOfficerScopes(actor).some((s) => org.path.includes(s))) return fail('FORBIDDEN', '您无权查看这个组织的法律援助统计');

  const $ = db.command.aggregate;
  const _ = db.command;
  const [opened, finished, overdue] = await Promise.all([
    aggregate({ orgPath: org._id, createdAt: _.gte(start).and(_.lt(end)) }, { _id: '$disputeType', n: $.sum(1) }),
    aggregate(
      { orgPath: org._id, finishedAt: _.gte(start).and(_.lt(end)) },
      { _id: { status: '$status', outcome: '$outcome' }, n: $.sum(1), people: $.sum('$workersAffected'), fen: $.sum('$recoveredFen') },
    ),
    db.collection('cases').where({ orgPath: org._id, overdue: true }).count() as Promise<{ total: number }>,
  ]);
  const openedByType = zeros<DisputeType>(DISPUTE_TYPE_LABELS);
  for (const r of opened) openedByType[r._id as DisputeType] += r.n;
  const closedByOutcome = zeros<CaseOutcome>(CASE_OUTCOME_LABELS);
  let declined = 0;
  let peopleHelped = 0;
  let recoveredFen = 0;
  for (const r of finished) {
    const key = r._id as { status: string; outcome: CaseOutcome | null };
    if (key.status === 'declined') declined += r.n;
    else if (key.status === 'closed' && key.outcome) {
      closedByOutcome[key.outcome] += r.n;
      peopleHelped += r.people ?? 0;
      recoveredFen += r.fen ?? 0;
    }
  }
  return ok({
    orgId: org._id,
    orgName: org.name,
    from: input.from,
    to: input.to,
    opened: Object.values(openedByType).reduce((a, b) => a + b, 0),
    openedByType,
    closed: Object.values(closedByOutcome).reduce((a, b) => a + b, 0),
    closedByOutcome,
    declined,
    peopleHelped,
    recoveredFen,
    overdueNow: overdue.total,
  });
});
