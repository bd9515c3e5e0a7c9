// The daily review timer (the `dueReminder` trigger alone may run it): confirmed records whose review day
// is within REVIEW_NOTICE_DAYS (or past) and whose officers were not yet told this cycle are told to the
// grassroots officers responsible (hardshipFiling), one 待审核提醒 per officer and run, then marked told.
// Whether a record has lapsed is never decided here: it is computed on read (domain/hardship.ts), so a
// record stops qualifying on time even if this timer never ran. A page costs a fixed number of round trips:
// the page, the officers along its paths, the messages and the marks.
import type { Result } from '../../typings/envelope';
import { deskOf } from '../_shared/access/coverage';
import { _, db, rows } from '../_shared/cloud';
import { HARDSHIP_RECORDS } from '../_shared/data/hardship';
import { enqueueOnce, outboxMessage } from '../_shared/data/outbox';
import { staffingOf } from '../_shared/data/staffing';
import { REVIEW_NOTICE_DAYS } from '../_shared/domain/hardship';
import { shanghaiDate } from '../_shared/domain/shanghaiTime';
import { fail, ok, timerAction } from '../_shared/function';
import type { HardshipRecord } from '../_shared/workflow/hardship';

const PAGE = 100;

type Candidate = Pick<HardshipRecord, '_id' | 'orgPath'>;

export const dueReminder = timerAction('dueReminder', async (ctx): Promise<Result<{ told: number; due: number }>> => {
  if (ctx.source !== 'wx_trigger' || ctx.openid) return fail('FORBIDDEN', '只有定时任务可以发送复核提醒');
  const soon = new Date(ctx.now.getTime() + (REVIEW_NOTICE_DAYS + 1) * 86_400_000);
  let due = 0;
  const told = new Set<string>();
  for (let n = 0; ; n++) {
    // Marked records leave the range (reviewReminded becomes true), so each page starts from the front again.
    const page = await rows<Candidate>(
      db.collection(HARDSHIP_RECORDS).where({ status: 'confirmed', reviewReminded: false, lapsesAt: _.lt(soon) }).orderBy('lapsesAt', 'asc').limit(PAGE).field({ _id: true, orgPath: true }),
    );
    if (!page.length) break;
    const staff = await staffingOf(page.map((r) => r.orgPath));
    const perOfficer = new Map<string, number>();
    for (const r of page) {
      for (const g of deskOf('hardshipFiling', { orgPath: r.orgPath }, staff)?.officers ?? []) perOfficer.set(g.openid, (perOfficer.get(g.openid) ?? 0) + 1);
    }
    // Messages first: should the run stop before the marks are written, the next run tells again.
    await enqueueOnce(
      [...perOfficer].map(([toOpenid, count]) =>
        outboxMessage(
          {
            topic: 'reviewTask',
            toOpenid,
            title: '待审核提醒',
            body: `有${count}户困难职工档案到了年度复核期，逾期未复核的不再享受困难职工帮扶。请到“审核 → 困难职工档案 → 待复核”办理。`,
            subject: '困难职工档案待复核',
            phrase: '待复核',
            brief: `${count}户到期待复核`,
            count,
            page: 'admin/hardship/index?filter=due',
            causeId: `hardshipDue:${toOpenid}:${shanghaiDate(ctx.now)}:${n}`,
          },
          ctx.now,
        ),
      ),
    );
    perOfficer.forEach((_count, openid) => told.add(openid));
    await db.collection(HARDSHIP_RECORDS).where({ _id: _.in(page.map((r) => r._id)) }).update({ data: { reviewReminded: true } });
    due += page.length;
    if (page.length < PAGE) break;
  }
  return ok({ told: told.size, due });
});
