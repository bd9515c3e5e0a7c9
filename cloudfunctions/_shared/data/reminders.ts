// Review reminders: the signals steps leave for the officers responsible (`reminderSignals`, one document
// per officer and reason, rewritten by each arrival: how many items arrived never matters, only that some
// did) and each officer's last digest (`reminders`). The reminder run (cloudfunctions/reviews/remind.ts)
// reads the signals that are due, so what it costs follows the officers told, never the items.
//
// A signal is an ordinary write after the step's transaction, not in it: every arrival at a busy desk would
// otherwise write the same document and the step's transactions would conflict on it. A signal lost to a
// function dying right after its commit costs one digest, never the work: the counts on the workbench come
// from the counters and the delta the transaction wrote, and the next arrival at that desk signals again.
import { deskOf, type Stage, type StageFacts, type Staffing } from '../access/coverage';
import { _, db, rows } from '../cloud';
import type { ReminderReason } from '../domain/reminders';
import { logError } from '../log';

export const SIGNALS = 'reminderSignals';
export const REMINDERS = 'reminders';

export interface SignalDoc {
  _id: string;
  openid: string;
  reason: ReminderReason;
  /** when work last arrived for this reason */
  at: Date;
  /** when the run may send the digest: `at`, or later while the officer's interval runs */
  dueAt: Date;
}

export interface ReminderDoc {
  _id: string;
  /** the last digest sent */
  sentAt: Date;
}

export const signalId = (openid: string, reason: ReminderReason): string => `${openid}|${reason}`;

/** Tells `openids` that work arrived for `reason`: one write each, issued together. */
export async function writeSignals(openids: readonly string[], reason: ReminderReason, now: Date): Promise<void> {
  const unique = [...new Set(openids)].filter(Boolean);
  await Promise.all(unique.map((openid) => db.collection(SIGNALS).doc(signalId(openid, reason)).set({ data: { openid, reason, at: now, dueAt: now } })));
}

/** writeSignals after a step has committed: never fails the step (see above), a failure is logged. */
export async function signal(openids: readonly string[], reason: ReminderReason, now: Date, requestId: string): Promise<void> {
  try {
    await writeSignals(openids, reason, now);
  } catch (e) {
    logError('review reminder not signalled', { fn: 'reminders', action: reason, requestId }, e);
  }
}

/** Tells the officers responsible for `stage` of the work at `facts` (but not `actor`, who just acted). */
export async function signalDesk(stage: Stage, facts: StageFacts, staff: Staffing, reason: ReminderReason, ctx: { openid: string; now: Date; requestId: string }): Promise<void> {
  const desk = deskOf(stage, facts, staff);
  if (desk) await signal(desk.officers.map((g) => g.openid).filter((o) => o !== ctx.openid), reason, ctx.now, ctx.requestId);
}

/** Due signals, a page at a time in dueAt order. */
export async function dueSignals(now: Date, limit: number): Promise<SignalDoc[]> {
  return rows<SignalDoc>(db.collection(SIGNALS).where({ dueAt: _.lte(now) }).orderBy('dueAt', 'asc').limit(limit));
}

/** The last digests of `openids`, in one read. */
export async function lastDigests(openids: readonly string[]): Promise<Map<string, Date>> {
  if (!openids.length) return new Map();
  const docs = await rows<ReminderDoc>(db.collection(REMINDERS).where({ _id: _.in([...openids]) }).limit(openids.length));
  return new Map(docs.map((d) => [d._id, new Date(d.sentAt)]));
}
