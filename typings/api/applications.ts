// Applications to a campaign (of any service kind): their statuses, the decisions officers and applicants
// take, the draw of a places campaign, and the timeline a member sees.
import type { PublicityApi } from './publicity';
import type { ApiError } from '../envelope';
import type { AmountTier, BudgetLedger, FormField } from './campaigns';
import type { Page } from './common';
import type { SettleMode } from './serviceKinds';
export type ApplicationStatus =
  | 'submitted'
  | 'returned'
  | 'recommended'
  | 'approved'
  | 'paid'
  | 'delivered'
  | 'attended'
  | 'rejected'
  | 'withdrawn'
  | 'cancelled';

/** The statuses an approved application ends in, by its kind's settle mode. */
export const SETTLED_STATUSES: Record<SettleMode, ApplicationStatus[]> = {
  cash: ['paid'],
  goods: ['delivered'],
  both: ['paid', 'delivered'],
  places: ['attended'],
};

export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  submitted: '待基层工会审核',
  returned: '待补充材料',
  recommended: '待总工会审批',
  approved: '已批准',
  paid: '已发放',
  delivered: '已送达',
  attended: '已参加',
  rejected: '未通过',
  withdrawn: '已撤回',
  cancelled: '已撤销',
};

/** A status as the applicant and officers read it: an approved application of a places kind has a place. */
export function applicationStatusLabel(status: ApplicationStatus, settle: SettleMode): string {
  return status === 'approved' && settle === 'places' ? '已入选' : APPLICATION_STATUS_LABELS[status];
}

/** The steps of an application: `submit` starts its timeline, the others are its transitions; `return` and
 *  `reject` are taken by whoever reviews the current stage. */
export type ApplicationAction = 'submit' | 'recommend' | 'return' | 'reject' | 'approve' | 'pay' | 'deliver' | 'attend' | 'withdraw' | 'resubmit' | 'cancel' | 'refund';

export const APPLICATION_ACTION_LABELS: Record<ApplicationAction, string> = {
  submit: '提交申请',
  recommend: '推荐上报',
  return: '退回补充材料',
  reject: '不予通过',
  approve: '批准',
  pay: '登记发放',
  deliver: '登记送达',
  attend: '登记参加',
  withdraw: '撤回申请',
  resubmit: '补充后重新提交',
  cancel: '撤销批准',
  refund: '登记退款',
};

/** The steps 公示 adds to an application's timeline (workflow/publicity.ts): listed, and an objection upheld. */
export type PublicityStep = 'publicize' | 'objectionReturn' | 'objectionReject';

export const PUBLICITY_STEP_LABELS: Record<PublicityStep, string> = {
  publicize: '公示',
  objectionReturn: '公示异议成立，退回补充',
  objectionReject: '公示异议成立，不予通过',
};

/** Every step a timeline shows, by its action. */
export const TIMELINE_STEP_LABELS: Record<ApplicationAction | PublicityStep, string> = { ...APPLICATION_ACTION_LABELS, ...PUBLICITY_STEP_LABELS };

/** What each action takes besides an optional comment (required for return and reject). */
export interface ApplicationActionInputs {
  recommend: Record<string, never>;
  return: Record<string, never>;
  reject: Record<string, never>;
  /** a places campaign's approval takes a place and no amount */
  approve: { amountFen?: number };
  pay: { paymentReference: string; paidOn: string };
  /** the headcount at most the one the application declared (a household's people, a site's workers; 1 otherwise) */
  deliver: { headcount: number; photos: string[]; deliveredOn: string };
  attend: { attendedOn: string };
  withdraw: Record<string, never>;
  resubmit: { answers: Record<string, unknown> };
  /** 撤销批准 of an approved, unsettled application: the comment (its reason) is required */
  cancel: Record<string, never>;
  /** a refund of a paid application, at most what is not yet refunded */
  refund: { refundFen: number; refundedOn: string; refundReference: string; refundReason: string };
}

/** A refund recorded against a paid application. */
export interface RefundView {
  amountFen: number;
  /** 'YYYY-MM-DD', Asia/Shanghai */
  refundedOn: string;
  reference: string;
  reason: string;
}

/** One step of an application's timeline. */
export interface ApplicationHistoryView {
  /** ISO instant */
  at: string;
  action: ApplicationAction | PublicityStep;
  from: ApplicationStatus;
  to: ApplicationStatus;
  comment: string | null;
}

/** A step as the member and officers see it: who acted is named by their part, never their openid. */
export interface ApplicationTimelineEntry extends ApplicationHistoryView {
  /** '本人', '基层工会', '总工会' */
  byLabel: string;
}

/** One answer of the form, ready to show. Personal numbers (ID card, phone, bank card) are masked, except
 *  the bank card for the federation officer who records the payment. */
export interface AnswerView {
  key: string;
  label: string;
  type: FormField['type'];
  /** the text to show: select labels, money as 元, masked numbers, dates as YYYY-MM-DD */
  display: string;
  /** for images: each file with a temporary URL to show it */
  files?: { fileId: string; url: string }[];
}

/** A line of a list (办事进度, officer queue). */
export interface ApplicationSummary {
  applicationId: string;
  campaignId: string;
  /** the service kind's id and label */
  campaignKind: string;
  kindLabel: string;
  /** how it is settled: which decisions and tabs apply */
  settle: SettleMode;
  campaignTitle: string;
  status: ApplicationStatus;
  /** what the application is for, e.g. 'xx（本科，武汉大学）' or the work site's unit */
  headline: string;
  applicantName: string;
  applicantOrgName: string;
  /** ISO instants */
  createdAt: string;
  updatedAt: string;
  amountFen: number | null;
  /** the tier the answers name (e.g. the level 本科), preselected for approval; null without one */
  suggestedTierKey: string | null;
  version: number;
}

/** Where the applicant's hardship stands, as the queue shows it: their confirmed hardship record (困难职工档案)
 *  valid now, with its grade. */
export interface HardshipMark {
  /** what the row shows, e.g. 困难职工 */
  label: string;
  /** the record's grade as shown, e.g. 特困 */
  grade: string | null;
}

/** A row of the officers' queue: the summary and what an officer works through hundreds of them by. */
export interface QueueItem extends ApplicationSummary {
  /** what the caller may do with it now: the batch decisions offer only these */
  actions: ApplicationAction[];
  /** working days it has waited at its stage (submitted, recommended, approved); null past them */
  waitingDays: number | null;
  hardship: HardshipMark | null;
}

export interface ApplicationDetail extends ApplicationSummary {
  answers: AnswerView[];
  timeline: ApplicationTimelineEntry[];
  payment: { reference: string; paidOn: string } | null;
  delivery: { headcount: number; deliveredOn: string; photos: { fileId: string; url: string }[] } | null;
  attendance: { attendedOn: string } | null;
  /** the refunds recorded against the payment, oldest first */
  refunds: RefundView[];
  /** the largest headcount a delivery may record */
  maxHeadcount: number;
  /** what the caller may do now: the buttons to offer */
  actions: ApplicationAction[];
  /** for an approval: the campaign's tiers (empty for 夏送清凉) and cap (the smaller of the campaign's and a
   *  figure of the form, e.g. the medical bills); null for a places campaign */
  tiers: AmountTier[];
  maxAmountFen: number | null;
  /** the applicant's own answers in full, only for the applicant of a returned application, to prefill the
   *  supplement form */
  prefill: Record<string, string | number | string[]> | null;
  /** why an approved application of a campaign requiring 公示 may not be settled yet (公示期未满…, an
   *  objection open); absent when it may */
  settlementHold?: string;
}

/** The inputs of `act`: the transition, the version it was decided on, an optional comment, and the
 *  transition's own inputs (ApplicationActionInputs). */
export type ActInput = {
  applicationId: string;
  version: number;
  /** `submit` is its own action */
  transition: Exclude<ApplicationAction, 'submit'>;
  comment?: string;
} & Partial<{ amountFen: number; paymentReference: string; paidOn: string; headcount: number; photos: string[]; deliveredOn: string; attendedOn: string; answers: Record<string, unknown>; refundFen: number; refundedOn: string; refundReference: string; refundReason: string }>;

export interface BatchApproveOutcome {
  applicationId: string;
  ok: boolean;
  error?: ApiError;
}

/** A draw by lot of a places campaign, as recorded: anyone can redo it from the seed and the candidates
 *  (domain/serviceKinds.ts drawLots) and get the same winners. */
export interface DrawView {
  drawId: string;
  campaignId: string;
  /** ISO instant */
  at: string;
  /** the places drawn */
  places: number;
  /** hex; sha256 of the draw's id and its candidates */
  seed: string;
  /** the recommended applications drawn among, in the order the seed ranks from */
  candidates: string[];
  winners: string[];
}

export interface ApplicationsApi extends PublicityApi {
  /** Applies to a campaign. `requestKey` is made once per form on the phone: a retry with the same key
   *  returns the application already made instead of a second one. */
  submit: {
    input: { campaignId: string; requestKey: string; answers: Record<string, unknown> };
    output: { application: ApplicationDetail };
  };
  /** 办事进度: the caller's applications, newest first. */
  mine: { input: { cursor?: string | null; limit?: number }; output: Page<ApplicationSummary> };
  detail: { input: { applicationId: string }; output: { application: ApplicationDetail } };
  /** The officer queue of one campaign and status, optionally one org's subtree, oldest first; paged by
   *  range on (createdAt, _id). Grassroots officers see their members' applications; federation officers
   *  the campaign's. */
  queue: {
    input: { campaignId: string; status: ApplicationStatus; orgId?: string; cursor?: string | null; limit?: number };
    output: Page<QueueItem>;
  };
  /** How many of the campaign's applications the caller sees are in each status (their queue's tabs),
   *  optionally in one org's subtree: read from the counters of waiting work, whatever their number. */
  counts: { input: { campaignId: string; orgId?: string }; output: { counts: Partial<Record<ApplicationStatus, number>> } };
  /** Takes one transition (decisions, payment, delivery, withdraw, resubmit). */
  act: { input: ActInput; output: { application: ApplicationDetail } };
  /** Approves up to 50 recommended applications of one campaign in one transaction, in the order given,
   *  while the budget (and a places campaign's quota) lasts; each gets its own outcome. A places campaign's
   *  items carry no amount. */
  batchApprove: {
    input: { campaignId: string; items: { applicationId: string; version: number; amountFen?: number }[]; comment?: string };
    output: { results: BatchApproveOutcome[]; ledger: BudgetLedger };
  };
  /** Recommends up to 50 submitted applications of one campaign in one transaction (the grassroots stage's
   *  officers, or the campaign's federation officers where a union has none); each gets its own outcome. */
  batchRecommend: {
    input: { campaignId: string; items: { applicationId: string; version: number }[]; comment?: string };
    output: { results: BatchApproveOutcome[] };
  };
  /** A places campaign's federation officers: draws `places` places (at most 50, within the quota left) by
   *  lot among its recommended applications; the winners are approved in the same transaction and the draw
   *  recorded. `requestKey` makes a retry answer the draw already made. */
  draw: { input: { campaignId: string; places: number; requestKey: string }; output: { draw: DrawView; ledger: BudgetLedger } };
  /** The draws of a campaign, newest first, for its federation officers. */
  draws: { input: { campaignId: string }; output: { items: DrawView[] } };
}
