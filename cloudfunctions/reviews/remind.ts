// The reminder run (the `remind` timer alone may run it): the officers with due signals who were not told
// within the interval (REVIEW_REMINDER_MINUTES) each get one 待审核提醒 digest — in the inbox always, as a
// subscribe message when they have quota (the drain sends it) — saying what arrived and how much waits for
// them; the signals of those told within the interval wait until it ends. What a run reads and writes grows
// with the officers told (their signals, grants and desks' counters), never with the items that wait.
import type { ReminderOutcome } from '../../typings/api/reviews';
import type { Result } from '../../typings/envelope';
import { _, db } from '../_shared/cloud';
import { deskCountsOf } from '../_shared/data/desks';
import { enqueueOnce, outboxMessage, type OutboxMessage } from '../_shared/data/outbox';
import { dueSignals, lastDigests, REMINDERS, SIGNALS, type SignalDoc } from '../_shared/data/reminders';
import { digestOf, dueAgain, intervalMinutes, WORKBENCH_PAGE } from '../_shared/domain/reminders';
import { fail, ok, timerAction } from '../_shared/function';

const PAGE = 500;
const BUDGET_MS = 45_000;

function byOfficer(signals: SignalDoc[]): Map<string, SignalDoc[]> {
  const out = new Map<string, SignalDoc[]>();
  for (const s of signals) out.set(s.openid, [...(out.get(s.openid) ?? []), s]);
  return out;
}

export const remind = timerAction('remind', async (ctx): Promise<Result<ReminderOutcome>> => {
  if (ctx.source !== 'wx_trigger' || ctx.openid) return fail('FORBIDDEN', '只有定时任务可以发送审核提醒');
  const minutes = intervalMinutes(process.env.REVIEW_REMINDER_MINUTES);
  const { now } = ctx;
  const outcome: ReminderOutcome = { told: 0, deferred: 0, nothingWaiting: 0, signals: 0 };
  const seen = new Set<string>();
  const started = Date.now();
  while (Date.now() - started < BUDGET_MS) {
    const page = (await dueSignals(now, PAGE)).filter((s) => !seen.has(s._id));
    if (!page.length) break;
    for (const s of page) seen.add(s._id);
    outcome.signals += page.length;
    const officers = byOfficer(page);
    const last = await lastDigests([...officers.keys()]);
    const ready = [...officers.keys()].filter((o) => dueAgain(last.get(o) ?? null, now, minutes));
    const later = [...officers.keys()].filter((o) => !ready.includes(o));
    const counts = await deskCountsOf(ready);
    const messages: OutboxMessage[] = [];
    for (const openid of ready) {
      const digest = digestOf(officers.get(openid)!.map((s) => s.reason), counts.get(openid)!);
      if (!digest) {
        outcome.nothingWaiting += 1;
        continue;
      }
      // one digest per officer after each one before it: a run that dies before recording it repeats none
      const after = last.get(openid)?.toISOString() ?? 'first';
      messages.push(outboxMessage({ topic: 'reviewTask', toOpenid: openid, ...digest, page: WORKBENCH_PAGE, causeId: `review:${openid}:${after}` }, now));
    }
    // The digests first: should the run stop before the rest is written, the next one sends nothing twice.
    await enqueueOnce(messages);
    const seenUntil = new Date(Math.max(...page.map((s) => new Date(s.at).getTime())));
    const readyIds = ready.flatMap((o) => officers.get(o)!.map((s) => s._id));
    await Promise.all([
      ...messages.map((m) => db.collection(REMINDERS).doc(m.toOpenid).set({ data: { sentAt: now } })),
      // a signal rewritten since it was read (a later arrival) stays for the next digest
      readyIds.length ? db.collection(SIGNALS).where({ _id: _.in(readyIds), at: _.lte(seenUntil) }).remove() : null,
      // told within the interval: due when it ends
      ...later.map((o) =>
        db
          .collection(SIGNALS)
          .where({ _id: _.in(officers.get(o)!.map((s) => s._id)), at: _.lte(seenUntil) })
          .update({ data: { dueAt: new Date(last.get(o)!.getTime() + minutes * 60_000) } }),
      ),
    ]);
    outcome.told += messages.length;
    outcome.deferred += later.length;
    if (page.length < PAGE) break;
  }
  return ok(outcome);
});
