// The daily check (the `dailyOverdue` timer trigger alone may run it): cases past their deadline are
// flagged overdue, and the officers over each case's org (基层工会 and 总工会) are told, once per case and
// deadline. Candidates are read by range on (overdue, deadlineAt), a page at a time; each page costs a fixed
// number of round trips: the page, the officers' grants, the messages in one insert, and two flag updates.
import type { Result } from '../../typings/envelope';
import { CASE_OFFICER_ROLES } from '../_shared/access/cases';
import { _, db, rows } from '../_shared/cloud';
import type { CaseDoc } from '../_shared/data/cases';
import { enqueueOnce, outboxMessage, type OutboxMessage } from '../_shared/data/outbox';
import { shanghaiDate } from '../_shared/domain/shanghaiTime';
import { fail, ok, timerAction, type CallContext } from '../_shared/function';
import { casePage } from '../_shared/workflow/cases';

const PAGE = 100;

type Candidate = Pick<CaseDoc, '_id' | 'status' | 'orgPath' | 'deadlineAt' | 'personName' | 'employerName'>;

interface OfficerGrant {
  openid: string;
  orgId: string;
}

function messagesFor(c: Candidate, officers: OfficerGrant[], now: Date): OutboxMessage[] {
  const to = [...new Set(officers.filter((g) => c.orgPath.includes(g.orgId)).map((g) => g.openid))];
  const what = c.status === 'submitted' ? '超过2个工作日未受理' : '超过10个工作日没有办理进展';
  const deadline = new Date(c.deadlineAt!).toISOString();
  return to.map((openid) =>
    outboxMessage(
      {
        topic: 'caseStatus',
        toOpenid: openid,
        title: '法律援助案件已超期',
        body: `${c.personName}的${c.employerName}案件${what}（截至${shanghaiDate(new Date(c.deadlineAt!))}），请尽快处理。`,
        page: casePage(c._id, true),
        causeId: `${c._id}:overdue:${deadline}:${openid}`,
      },
      now,
    ),
  );
}

async function flagPage(ctx: CallContext, page: Candidate[]): Promise<void> {
  const paths = [...new Set(page.flatMap((c) => c.orgPath))];
  const officers = await rows<OfficerGrant>(
    db.collection('roles').where({ role: _.in([...CASE_OFFICER_ROLES]), orgId: _.in(paths) }).field({ openid: true, orgId: true }).limit(1000),
  );
  // Messages first: should the run stop before the flags are written, the next run sends nothing twice.
  await enqueueOnce(page.flatMap((c) => messagesFor(c, officers, ctx.now)));
  const flag = (ids: string[], queueRank: number) =>
    ids.length
      ? db.collection('cases').where({ _id: _.in(ids), overdue: false }).update({ data: { overdue: true, overdueSince: ctx.now, queueRank } })
      : null;
  await Promise.all([
    flag(page.filter((c) => c.status === 'submitted').map((c) => c._id), 0),
    flag(page.filter((c) => c.status !== 'submitted').map((c) => c._id), 1),
  ]);
}

export const flagOverdue = timerAction('dailyOverdue', async (ctx): Promise<Result<{ flagged: number }>> => {
  if (ctx.source !== 'wx_trigger' || ctx.openid) return fail('FORBIDDEN', '只有定时任务可以标记超期案件');
  let flagged = 0;
  for (;;) {
    // Flagged cases leave the range (overdue becomes true), so each page starts from the front again.
    const page = await rows<Candidate>(
      db
        .collection('cases')
        .where({ overdue: false, deadlineAt: _.lt(ctx.now) })
        .orderBy('deadlineAt', 'asc')
        .limit(PAGE)
        .field({ _id: true, status: true, orgPath: true, deadlineAt: true, personName: true, employerName: true }),
    );
    if (page.length) await flagPage(ctx, page);
    flagged += page.length;
    if (page.length < PAGE) return ok({ flagged });
  }
});
