// 法律援助: legal-aid cases from intake to closing — what a member (or an officer at the service desk, on
// someone's behalf) opens, the steps officers and lawyers take, the timeline everyone sees, deadlines in
// working days (Asia/Shanghai). The report figures of legal aid are the statistics function's (statistics.ts).
import type { Page } from './common';

export type CaseStatus = 'submitted' | 'accepted' | 'assigned' | 'inProgress' | 'closed' | 'declined';

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  submitted: '待受理',
  accepted: '已受理，待指派律师',
  assigned: '已指派律师',
  inProgress: '办理中',
  closed: '已结案',
  declined: '不予受理',
};

/** Statuses in which a case is still open (deadlines run, messages and evidence may be added). */
export const OPEN_CASE_STATUSES: readonly CaseStatus[] = ['submitted', 'accepted', 'assigned', 'inProgress'];

export type DisputeType = 'wages' | 'contract' | 'injury' | 'insurance' | 'dismissal' | 'other';

export const DISPUTE_TYPE_LABELS: Record<DisputeType, string> = {
  wages: '欠薪',
  contract: '劳动合同',
  injury: '工伤',
  insurance: '社会保险',
  dismissal: '解除劳动关系',
  other: '其他',
};

/** Whether the person has already been to arbitration or court over this dispute. */
export type PriorProceedings = 'none' | 'arbitration' | 'litigation';

export const PRIOR_PROCEEDINGS_LABELS: Record<PriorProceedings, string> = {
  none: '未经仲裁或诉讼',
  arbitration: '已申请劳动仲裁',
  litigation: '已向法院起诉',
};

export type CaseOutcome = 'mediated' | 'arbitration' | 'litigation' | 'withdrawn' | 'other';

export const CASE_OUTCOME_LABELS: Record<CaseOutcome, string> = {
  mediated: '调解成功',
  arbitration: '仲裁',
  litigation: '诉讼',
  withdrawn: '撤回',
  other: '其他',
};

/** The kind of a step the lawyer (or officer) logs. */
export type CaseStepKind = 'consultation' | 'mediation' | 'arbitration' | 'litigation';

export const CASE_STEP_LABELS: Record<CaseStepKind, string> = {
  consultation: '法律咨询',
  mediation: '调解',
  arbitration: '劳动仲裁',
  litigation: '诉讼',
};

/**
 * The steps of a case. `open` starts the timeline; the others are transitions taken through `act`:
 * - accept / decline (reason required) / refer (转办, reason required, to `toOrgId`): the officer over the
 *   case's org (基层工会 or 总工会), while the case is submitted (refer also once accepted);
 * - assign (指派): an officer, once accepted (again later to change the lawyer), to `lawyerId` from `lawyers`;
 * - logStep (办理记录, note required) and close (结案: `outcome` and `recoveredFen`): the assigned lawyer, or
 *   an officer over the case's org;
 * - supervise (督办, opinion required): a federation officer over the case's org, while open;
 * - message (留言, text required) and addEvidence (`files`): the member, the officers and the assigned lawyer,
 *   while open;
 * - rate (评价, `stars` 1–5 and an optional comment): the member, once, after closing.
 * accept, refer, assign and logStep count as progress (they restart the deadline); message, addEvidence,
 * supervise and rate keep the case's status.
 */
export type CaseAction =
  | 'open'
  | 'accept'
  | 'decline'
  | 'refer'
  | 'assign'
  | 'logStep'
  | 'close'
  | 'supervise'
  | 'message'
  | 'addEvidence'
  | 'rate';

export const CASE_ACTION_LABELS: Record<CaseAction, string> = {
  open: '提交申请',
  accept: '受理',
  decline: '不予受理',
  refer: '转办',
  assign: '指派律师',
  logStep: '记录办理进展',
  close: '结案',
  supervise: '督办',
  message: '留言',
  addEvidence: '补充证据',
  rate: '评价服务',
};

/** Who took a step, by their part in the case — never their openid. */
export type CasePart = 'member' | 'grassroots' | 'federation' | 'lawyer';

export const CASE_PART_LABELS: Record<CasePart, string> = {
  member: '本人',
  grassroots: '基层工会',
  federation: '总工会',
  lawyer: '律师',
};

/** One entry of the timeline (steps, messages, evidence, supervision, rating), oldest first. */
export interface CaseTimelineEntry {
  /** ISO instant */
  at: string;
  action: CaseAction;
  from: CaseStatus | null;
  to: CaseStatus;
  part: CasePart;
  /** CASE_PART_LABELS[part] */
  partLabel: string;
  /** the reason, note, message text or opinion */
  comment: string | null;
  /** logStep */
  step?: CaseStepKind;
  /** refer: the org it was passed to */
  toOrgName?: string;
  /** assign: the lawyer's name */
  lawyerName?: string;
  /** addEvidence (and open): the files added */
  files?: CaseFileView[];
  /** close */
  outcome?: CaseOutcome;
  recoveredFen?: number;
  /** rate */
  stars?: number;
}

export interface CaseFileView {
  fileId: string;
  /** a temporary URL to show or download it */
  url: string;
}

/** A line of a list (my cases, the queue, the overdue list). */
export interface CaseSummary {
  caseId: string;
  status: CaseStatus;
  disputeType: DisputeType;
  employerName: string;
  amountInDisputeFen: number;
  /** a group case counts each worker */
  workersAffected: number;
  /** the member's name, or the name typed in by the officer for an on-behalf case */
  personName: string;
  /** opened by an officer for someone at the service desk (linked to no member account) */
  onBehalf: boolean;
  orgId: string;
  orgName: string;
  lawyerName: string | null;
  /** ISO instants */
  createdAt: string;
  updatedAt: string;
  /** when the case becomes overdue if nothing happens; null once closed or declined */
  deadlineAt: string | null;
  /** the last day to act, YYYY-MM-DD in Asia/Shanghai (the day before deadlineAt begins): what pages print */
  deadlineDay: string | null;
  overdue: boolean;
  /** ISO instant it was flagged overdue by the daily check; null when not overdue */
  overdueSince: string | null;
  /** flagged for supervision (督办) by the federation */
  supervised: boolean;
  outcome: CaseOutcome | null;
  recoveredFen: number | null;
  version: number;
}

export interface CaseDetail extends CaseSummary {
  description: string;
  /** e.g. '工作日晚上' */
  contactTime: string;
  /** masked (138****8000), except for the lawyer of an open case assigned to them (each look audited) */
  contactPhone: string;
  /** whether contactPhone is the number in clear (to call it) */
  phoneInClear: boolean;
  priorProceedings: PriorProceedings;
  /** every file of the case, oldest first */
  evidence: CaseFileView[];
  timeline: CaseTimelineEntry[];
  /** closed: when and how */
  closing: { closedAt: string; outcome: CaseOutcome; recoveredFen: number } | null;
  /** declined: the reason given */
  declineReason: string | null;
  rating: { stars: number; comment: string | null; ratedAt: string } | null;
  /** what the caller may do now (never 'open'): the buttons to offer */
  actions: CaseAction[];
}

/** What `open` takes. */
export interface OpenCaseInput {
  /** made once per form on the phone: a retry with the same key returns the case already opened */
  requestKey: string;
  disputeType: DisputeType;
  /** 1–100 characters */
  employerName: string;
  /** 0 … 10^10 分 */
  amountInDisputeFen: number;
  /** 1–10000 */
  workersAffected: number;
  /** 10–2000 characters */
  description: string;
  /** the caller's own uploads (uploads/<openid>/…, image or PDF), up to 9 */
  evidence: string[];
  /** up to 50 characters, e.g. '工作日晚上' */
  contactTime: string;
  priorProceedings: PriorProceedings;
  /** the member's phone to call back on; defaults to the phone of their membership record */
  contactPhone?: string;
  /**
   * An officer at the service desk opening for someone: their name and phone as typed in (stored sealed), and
   * the org the case belongs to (within the officer's scope). Such a case is linked to no member account:
   * only officers and the lawyer follow it. A caller without an officer role gets FORBIDDEN.
   */
  onBehalf?: { name: string; phone: string; orgId: string };
}

/** The inputs of `act`. */
export type CaseActInput = {
  caseId: string;
  /** the version the decision was made on: a stale version of a step that moves the case is CONFLICT;
   *  message, addEvidence, supervise and rate apply to the current version */
  version: number;
  transition: Exclude<CaseAction, 'open'>;
  /** decline: the reason; refer: why; logStep: the note; supervise: the opinion; message: the text;
   *  rate: optional remarks; otherwise optional. Up to 500 characters. */
  comment?: string;
} & Partial<{
  /** refer: any org in the same federation (the root of the referring officer's tree) */
  toOrgId: string;
  /** assign: a member holding the lawyer role over the case's org, from `lawyers` */
  lawyerId: string;
  step: CaseStepKind;
  outcome: CaseOutcome;
  /** close: 0 … 10^10 分 */
  recoveredFen: number;
  /** addEvidence: the caller's own uploads, 1–9 */
  files: string[];
  /** rate: 1–5 */
  stars: number;
}>;

/** Which list of the officer/lawyer queue: `open` is unaccepted first, then overdue, then the rest, each
 *  oldest first; `overdue` is open overdue cases, longest overdue first; `finished` is closed and declined. */
export type CaseQueueView = 'open' | 'overdue' | 'finished';

export interface CaseLawyerView {
  lawyerId: string;
  name: string;
  /** the org their lawyer role covers */
  orgName: string;
}

export interface CasesApi {
  /** Opens a case for the caller (an approved member) or, with `onBehalf`, for someone at the service desk. */
  open: { input: OpenCaseInput; output: { case: CaseDetail } };
  /** The caller's own cases, newest first. */
  mine: { input: { cursor?: string | null; limit?: number }; output: Page<CaseSummary> };
  detail: { input: { caseId: string }; output: { case: CaseDetail } };
  /** Officers: the cases of their subtree (optionally one org's); lawyers: the cases assigned to them. */
  queue: {
    input: { view: CaseQueueView; orgId?: string; cursor?: string | null; limit?: number };
    output: Page<CaseSummary>;
  };
  /** Takes one step on a case (see CaseAction). */
  act: { input: CaseActInput; output: { case: CaseDetail } };
  /** The lawyers who may be assigned to the case: members holding the lawyer role over its org. */
  lawyers: { input: { caseId: string }; output: { lawyers: CaseLawyerView[] } };
  /** The daily timer alone (any other caller gets FORBIDDEN): flags cases past their deadline as overdue and
   *  tells the officers and the federation, once per case. */
  flagOverdue: { input: Record<string, never>; output: { flagged: number } };
}
