// The `hardship` function: 困难职工档案, the hardship records officers keep. A member may ask for one (with
// materials) and sees its status; the grassroots officer files it, the federation confirms or returns it;
// a confirmed record is reviewed every year and lapses (stops qualifying) when its review day passes
// without a review; 脱困 ends it with a reason. Household members' ID cards are only ever shown masked.
import type { Page } from './common';
import type { Period } from './statistics';

export type HardshipGrade = 'extreme' | 'severe' | 'ordinary' | 'marginal';

export const HARDSHIP_GRADE_LABELS: Record<HardshipGrade, string> = {
  extreme: '特困',
  severe: '重困',
  ordinary: '一般困难',
  marginal: '边缘',
};

export type HardshipCause = 'illness' | 'disability' | 'schooling' | 'disaster' | 'unemployment' | 'accident' | 'other';

export const HARDSHIP_CAUSE_LABELS: Record<HardshipCause, string> = {
  illness: '因病',
  disability: '因残',
  schooling: '因学',
  disaster: '因灾',
  unemployment: '失业',
  accident: '意外',
  other: '其他',
};

/** requested: the member asked, the grassroots officer files it; filed: waits for the federation;
 *  returned: the federation sent it back to the grassroots officer; confirmed: 在档 (lapsed once its review
 *  day has passed, see `lapsed`); exited: 脱困 (the member may ask again). */
export type HardshipStatus = 'requested' | 'filed' | 'returned' | 'confirmed' | 'exited';

export const HARDSHIP_STATUS_LABELS: Record<HardshipStatus, string> = {
  requested: '待建档',
  filed: '待总工会确认',
  returned: '已退回基层',
  confirmed: '在档',
  exited: '已脱困',
};

export interface HouseholdMemberInput {
  name: string;
  /** 配偶, 子女, 父母… */
  relation: string;
  /** in clear on input only; stored encrypted, shown masked */
  idCard: string;
}

export interface HouseholdMemberView {
  name: string;
  relation: string;
  /** masked: 4203**********1234 */
  idCard: string;
}

/** What an officer files (and a review renews): the verified facts of the household. */
export interface HardshipFiling {
  grade: HardshipGrade;
  causes: HardshipCause[];
  /** every member of the household but the worker; left out on a review or a refiling: kept as stored */
  household?: HouseholdMemberInput[];
  /** 家庭月人均收入, in 分 */
  monthlyIncomePerHeadFen: number;
  /** what the officer saw and checked */
  note?: string;
}

export type HardshipAction = 'file' | 'confirm' | 'return' | 'review' | 'exit' | 'request';

export interface HardshipTimelineEntry {
  at: string;
  action: HardshipAction;
  label: string;
  comment: string | null;
}

/** A record as the member sees it: its status and grade, never the household's numbers. */
export interface HardshipMine {
  recordId: string;
  status: HardshipStatus;
  statusLabel: string;
  /** confirmed and past its review day without a review: it no longer qualifies */
  lapsed: boolean;
  grade: HardshipGrade | null;
  gradeLabel: string | null;
  /** the review day (YYYY-MM-DD, Shanghai) of a confirmed record */
  reviewDueOn: string | null;
  exitReason: string | null;
  timeline: HardshipTimelineEntry[];
  version: number;
}

export interface HardshipSummary {
  recordId: string;
  memberId: string;
  memberName: string;
  orgId: string;
  orgName: string;
  status: HardshipStatus;
  statusLabel: string;
  lapsed: boolean;
  /** confirmed and within 30 days of its review day (or past it) */
  dueForReview: boolean;
  grade: HardshipGrade | null;
  gradeLabel: string | null;
  reviewDueOn: string | null;
  updatedAt: string;
  version: number;
}

export interface HardshipDetail extends HardshipSummary {
  /** the member's masked ID card */
  memberIdCard: string;
  causes: HardshipCause[];
  household: HouseholdMemberView[];
  monthlyIncomePerHeadFen: number | null;
  /** what the member wrote when asking */
  requestNote: string | null;
  materials: { fileId: string; url: string }[];
  verifiedByName: string | null;
  verifiedAt: string | null;
  confirmedAt: string | null;
  exitReason: string | null;
  timeline: HardshipTimelineEntry[];
  /** the steps the caller may take now */
  actions: HardshipAction[];
}

/** The officers' list filters: every record, those due for review (or lapsed), those lapsed, those waiting
 *  for the caller's step. */
export type HardshipListFilter = 'all' | 'due' | 'lapsed' | 'waiting';

/** The member is named by their id or, for an officer filing a record nobody asked for, their ID card:
 *  exactly one of the two. */
export interface HardshipMemberRef {
  memberId?: string;
  idCard?: string;
}

/** An org's hardship records: 在档户数 (confirmed and not lapsed, now), and those confirmed (新建档) and ended
 *  (脱困) in the period. */
export interface HardshipOrgFigures {
  orgId: string;
  orgName: string;
  onFile: number;
  added: number;
  exited: number;
  /** the assistance settled (paid, delivered, attended) in the period on applications its members made as
   *  建档困难职工: 人次 as the report counts them, and 分 */
  people: number;
  paidFen: number;
}

export interface HardshipApi {
  /** the member asks for a record, with materials (files under their own upload folder) */
  request: { input: { note: string; materials?: string[] }; output: { record: HardshipMine } };
  /** the member's own record, or null */
  mine: { input: Record<string, never>; output: { record: HardshipMine | null } };
  list: { input: { filter?: HardshipListFilter; cursor?: string | null; limit?: number }; output: Page<HardshipSummary> };
  detail: { input: { recordId: string }; output: { record: HardshipDetail } };
  /** the grassroots officer files a requested (or returned) record, or one for a member they name */
  file: { input: HardshipMemberRef & HardshipFiling & { version?: number }; output: { record: HardshipDetail } };
  confirm: { input: { recordId: string; version: number; comment?: string }; output: { record: HardshipDetail } };
  return: { input: { recordId: string; version: number; comment: string }; output: { record: HardshipDetail } };
  /** the yearly review: a new verification; the next review day a year on */
  review: { input: { recordId: string; version: number } & HardshipFiling; output: { record: HardshipDetail } };
  /** 脱困, with its reason */
  exit: { input: { recordId: string; version: number; comment: string }; output: { record: HardshipDetail } };
  /** the figures of an org's subtree and of each child org, for a period (Shanghai days from … to) */
  figures: { input: { orgId: string; period: Period }; output: { from: string; to: string; org: HardshipOrgFigures; children: HardshipOrgFigures[] } };
  /** the daily timer: tells officers of records due for review */
  dueReminder: { input: Record<string, never>; output: { told: number; due: number } };
}
