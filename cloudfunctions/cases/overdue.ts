// The daily check (the `dailyOverdue` timer trigger alone may run it): cases past their deadline are
// flagged overdue, and the officers responsible for each (access/coverage.ts: the nearest officers over its
// org, and the federation's for 督办) and its lawyer are signalled for their next 待审核提醒 digest, which
// counts the overdue cases (reviews/remind.ts) — one digest, not a message per case. Candidates are read by
// range on (overdue, deadlineAt), a page at a time; each page costs a fixed number of round trips: the page,
// the officers along its paths, the signals, and two flag updates.
import type { Result } from '../../typings/envelope';
import { deskOf } from '../_shared/access/coverage';
import { _, db, rows } from '../_shared/cloud';
import type { CaseDoc } from '../_shared/data/cases';
import { writeSignals } from '../_shared/data/reminders';
import { staffingOf } from '../_shared/data/staffing';
import { fail, ok, timerAction, type CallContext } from '../_shared/function';

const PAGE = 100;

type Candidate = Pick<CaseDoc, '_id' | 'status' | 'orgPath' | 'lawyerOpenid'>;

async function flagPage(ctx: CallContext, page: Candidate[]): Promise<void> {
  const staff = await staffingOf(page.map((c) => c.orgPath));
  const told = page.flatMap((c) => [
    ...(deskOf('legalAid', { orgPath: c.orgPath }, staff)?.officers ?? []),
    ...(deskOf('supervision', { orgPath: c.orgPath }, staff)?.officers ?? []),
  ].map((g) => g.openid).concat(c.lawyerOpenid ? [c.lawyerOpenid] : []));
  // Signals first: should the run stop before the flags are written, the next run only signals again.
  await writeSignals(told, 'caseOverdue', ctx.now);
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
        .field({ _id: true, status: true, orgPath: true, lawyerOpenid: true }),
    );
    if (page.length) await flagPage(ctx, page);
    flagged += page.length;
    if (page.length < PAGE) return ok({ flagged });
  }
});
