// The rules of a hardship record (困难职工档案) over plain data: when a confirmed record is next reviewed,
// when it lapses (its review day passed without a review: computed from the instant asked about, so it is
// right whether or not the review timer ran), when it is due for review, and which grade it lends a member
// at an instant — the one thing eligibility reads (campaignRules.ts checkEligibility).
import type { HardshipCause, HardshipGrade, HardshipStatus, KindEligibility } from '../../../typings/api';
import { HARDSHIP_GRADE_LABELS } from '../../../typings/api';
import { dayjs, shanghaiDate, UNION_TZ } from './shanghaiTime';

export const HARDSHIP_GRADES = ['extreme', 'severe', 'ordinary', 'marginal'] as const satisfies readonly HardshipGrade[];
export const HARDSHIP_CAUSES = ['illness', 'disability', 'schooling', 'disaster', 'unemployment', 'accident', 'other'] as const satisfies readonly HardshipCause[];

/** Officers are shown a record as due this many days before its review day. */
export const REVIEW_NOTICE_DAYS = 30;

/** What the rules read of a record. */
export interface HardshipFacts {
  status: HardshipStatus;
  grade: HardshipGrade | null;
  /** the review day, 'YYYY-MM-DD' in Shanghai; set once confirmed */
  reviewDueOn: string | null;
}

/** The review day of a verification made at `verifiedAt`: the same Shanghai calendar day a year on
 *  (29 February: 28 February). */
export function reviewDueOn(verifiedAt: Date): string {
  return dayjs.tz(shanghaiDate(verifiedAt), UNION_TZ).add(1, 'year').format('YYYY-MM-DD');
}

/** The instant a record with review day `dueOn` lapses: the start of the day after it (the review day
 *  itself still counts). */
export function lapsesAt(dueOn: string): Date {
  return dayjs.tz(dueOn, UNION_TZ).add(1, 'day').toDate();
}

/** Confirmed, but its review day has passed without a review. */
export function isLapsed(r: HardshipFacts, now: Date): boolean {
  return r.status === 'confirmed' && r.reviewDueOn !== null && now >= lapsesAt(r.reviewDueOn);
}

/** Confirmed and its review day near (REVIEW_NOTICE_DAYS) or past. */
export function isDueForReview(r: HardshipFacts, now: Date): boolean {
  return r.status === 'confirmed' && r.reviewDueOn !== null && now >= dayjs(lapsesAt(r.reviewDueOn)).subtract(REVIEW_NOTICE_DAYS + 1, 'day').toDate();
}

/** The grade a record lends its member at `now`: a confirmed record's, until it lapses; otherwise none. */
export function validGrade(r: HardshipFacts | null, now: Date): HardshipGrade | null {
  if (!r || r.status !== 'confirmed' || isLapsed(r, now)) return null;
  return r.grade;
}

/** Whether a member whose valid record has `grade` (null: none) meets the hardship part of `eligibility`;
 *  the refusal's message otherwise. */
export function hardshipRefusal(eligibility: KindEligibility, grade: HardshipGrade | null): string | null {
  if (!eligibility.hardshipOnly) return null;
  const grades = eligibility.hardshipGrades ?? [];
  if (grade === null) return grades.length ? `该活动仅面向${gradesText(grades)}建档困难职工` : '该活动仅面向建档困难职工';
  if (grades.length && !grades.includes(grade)) return `该活动仅面向${gradesText(grades)}建档困难职工`;
  return null;
}

/** '特困、重困' */
export function gradesText(grades: readonly HardshipGrade[]): string {
  return HARDSHIP_GRADES.filter((g) => grades.includes(g)).map((g) => HARDSHIP_GRADE_LABELS[g]).join('、');
}

/** 分 per head and month: at most a million 元, a whole number of 分. */
export function incomeProblem(fen: number): string | null {
  return Number.isSafeInteger(fen) && fen >= 0 && fen <= 100_000_000 ? null : '家庭月人均收入应为0到100万元之间的金额';
}
