// Review reminders (待审核提醒): why an officer is told (the work that arrived at their desk) and the digest
// they get — at most one per interval, whatever arrived meanwhile — saying what is new first, then how much
// waits for them in all (domain/desks.ts).
import type { ApplicationStatus } from '../../../typings/api/applications';
import type { Stage } from '../access/coverage';
import { deskTotal, type DeskCounts } from './desks';

/** What arrived, most urgent first: the digest's headline names the most urgent one. */
export const REMINDER_REASONS = ['caseOverdue', 'caseSupervised', 'caseMessage', 'caseIntake', 'objection', 'federationReview', 'grassrootsReview', 'membership'] as const;
export type ReminderReason = (typeof REMINDER_REASONS)[number];

const HEADLINES: Record<ReminderReason, string> = {
  caseOverdue: '法律援助案件已超期',
  caseSupervised: '法律援助案件被督办',
  caseMessage: '法律援助当事人有新留言',
  caseIntake: '新的法律援助案件待受理',
  objection: '公示期间收到新的异议',
  federationReview: '新的申请待总工会审批',
  grassrootsReview: '新的申请待审核',
  membership: '新的入会申请待审核',
};

/** The stage an application's step brings it to whose officers are told, or null (the applicant's turn, or
 *  approved: the approving officer pays it). */
export function applicationArrival(status: ApplicationStatus): { stage: Stage; reason: ReminderReason } | null {
  if (status === 'submitted') return { stage: 'grassrootsReview', reason: 'grassrootsReview' };
  if (status === 'recommended') return { stage: 'federationReview', reason: 'federationReview' };
  return null;
}

/** Why a case's step tells the officers responsible for its org, or null: a new or referred case, a 督办, and
 *  a member's message while no lawyer has the case (a lawyer gets the message itself). The daily check tells
 *  them (and the lawyer) of overdue cases. */
export function caseArrival(action: string, part: string | undefined, hasLawyer: boolean): ReminderReason | null {
  if (action === 'open' || action === 'refer') return 'caseIntake';
  if (action === 'supervise') return 'caseSupervised';
  if (action === 'message' && part === 'member' && !hasLawyer) return 'caseMessage';
  return null;
}

/** How long an officer waits between two digests, unless configured (REVIEW_REMINDER_MINUTES). */
export const DEFAULT_INTERVAL_MINUTES = 60;

export function intervalMinutes(configured: string | undefined): number {
  const n = Number(configured);
  return Number.isInteger(n) && n >= 1 && n <= 7 * 24 * 60 ? n : DEFAULT_INTERVAL_MINUTES;
}

/** Whether an officer last told at `sentAt` may be told again at `now`. */
export function dueAgain(sentAt: Date | null, now: Date, minutes: number): boolean {
  return !sentAt || now.getTime() - new Date(sentAt).getTime() >= minutes * 60_000;
}

export interface Digest {
  /** the inbox's */
  title: string;
  body: string;
  /** the subscribe message's: what is new, how much waits, the breakdown */
  subject: string;
  count: number;
  brief: string;
}

const PARTS: [keyof DeskCounts, string, string][] = [
  ['membership', '入会审核', '人'],
  ['grassroots', '申请待审核', '件'],
  ['federation', '申请待审批', '件'],
  ['payment', '待发放', '件'],
  ['cases', '法律援助待受理或指派', '件'],
  ['assigned', '法律援助办理中', '件'],
];
const SHORT: Partial<Record<keyof DeskCounts, string>> = { membership: '入会', grassroots: '审核', federation: '审批', payment: '发放', cases: '援助', assigned: '办案', overdue: '超期' };

/** The digest for what arrived (`reasons`) and what waits (`counts`); null when nothing waits any more. */
export function digestOf(reasons: readonly ReminderReason[], counts: DeskCounts): Digest | null {
  const count = deskTotal(counts);
  if (count === 0) return null;
  const first = REMINDER_REASONS.find((r) => reasons.includes(r));
  const subject = first ? HEADLINES[first] + (reasons.length > 1 ? '等' : '') : '您有待办事项';
  const parts = PARTS.filter(([k]) => counts[k] > 0);
  const overdue = counts.overdue > 0 ? `，其中超期${counts.overdue}件` : '';
  const body = `您有${count}项待办：${parts.map(([k, label, unit]) => `${label}${counts[k]}${unit}`).join('，')}${overdue}。请到“审核”页处理。`;
  const brief = [...parts.map(([k]) => `${SHORT[k]}${counts[k]}`), ...(counts.overdue ? [`超期${counts.overdue}`] : [])].join(' ');
  return { title: '待审核提醒', body, subject, count, brief };
}

/** The page a digest opens: the officer's workbench. */
export const WORKBENCH_PAGE = 'pages/workbench/index';
