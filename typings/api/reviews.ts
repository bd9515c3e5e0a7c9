// The `reviews` function (审核待办): what waits at an officer's desk, what has waited too long and for whom,
// and the reminder run that sends 待审核提醒 digests.
import type { Page } from './common';

/** What waits for the caller: each officer is responsible for the work nearest to them (a union without
 *  its own officer is covered by the nearest one above). */
export interface WorkbenchCounts {
  /** memberships to review (入会审核), people */
  membership: number;
  /** applications to review at the grassroots stage */
  grassroots: number;
  /** applications recommended, to approve */
  federation: number;
  /** applications approved, to record as paid or delivered */
  payment: number;
  /** legal-aid cases to accept or to assign a lawyer to */
  cases: number;
  /** a lawyer's open cases */
  assigned: number;
  /** of those cases, overdue (told, not added to the total) */
  overdue: number;
  total: number;
}

export type WaitingKind = 'applications' | 'memberships' | 'cases' | 'hardship';

/** Something that has waited longer than the days asked for, and the officers it waits for. */
export interface WaitingItem {
  id: string;
  /** e.g. 王建国 · 2026年金秋助学 */
  title: string;
  /** what it waits for, e.g. 待基层工会审核 */
  stage: string;
  orgName: string;
  /** ISO instant it reached its current stage */
  since: string;
  /** working days waited since */
  workingDays: number;
  /** the responsible officers' org and their names; null if nobody is (never, by the coverage rule) */
  waitingFor: { orgName: string; names: string[] } | null;
  /** the officers' page for it */
  page: string;
}

export interface ReminderOutcome {
  /** digests written (each to the inbox, and sent where the officer has quota) */
  told: number;
  /** officers told within the interval, whose signals wait until it ends */
  deferred: number;
  /** officers signalled with nothing waiting any more */
  nothingWaiting: number;
  /** signals read */
  signals: number;
}

export interface ReviewsApi {
  /** Officers and lawyers: what waits at their desks. */
  counts: { input: Record<string, never>; output: WorkbenchCounts };
  /** Officers: what in their subtree has waited more than `workingDays` (default 5) working days at a stage,
   *  longest first, each with the officers it waits for. */
  waiting: { input: { kind: WaitingKind; workingDays?: number; cursor?: string | null; limit?: number }; output: Page<WaitingItem> };
  /** The timer alone (anyone else gets FORBIDDEN): sends the due 待审核提醒 digests. */
  remind: { input: Record<string, never>; output: ReminderOutcome };
}
