// Applications to a campaign (金秋助学, 夏送清凉): their statuses, the decisions officers and applicants take,
// and the timeline a member sees.
import type { ApiError } from '../envelope';
import type { AmountTier, BudgetLedger, CampaignKind, FormField } from './campaigns';
import type { Page } from './common';
export type ApplicationStatus =
  | 'submitted'
  | 'returned'
  | 'recommended'
  | 'approved'
  | 'paid'
  | 'delivered'
  | 'rejected'
  | 'withdrawn';

export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  submitted: '待基层工会审核',
  returned: '待补充材料',
  recommended: '待总工会审批',
  approved: '已批准',
  paid: '已发放',
  delivered: '已送达',
  rejected: '未通过',
  withdrawn: '已撤回',
};

/** The steps of an application: `submit` starts its timeline, the others are its transitions; `return` and
 *  `reject` are taken by whoever reviews the current stage. */
export type ApplicationAction = 'submit' | 'recommend' | 'return' | 'reject' | 'approve' | 'pay' | 'deliver' | 'withdraw' | 'resubmit';

export const APPLICATION_ACTION_LABELS: Record<ApplicationAction, string> = {
  submit: '提交申请',
  recommend: '推荐上报',
  return: '退回补充材料',
  reject: '不予通过',
  approve: '批准',
  pay: '登记发放',
  deliver: '登记送达',
  withdraw: '撤回申请',
  resubmit: '补充后重新提交',
};

/** What each action takes besides an optional comment (required for return and reject). */
export interface ApplicationActionInputs {
  recommend: Record<string, never>;
  return: Record<string, never>;
  reject: Record<string, never>;
  approve: { amountFen: number };
  pay: { paymentReference: string; paidOn: string };
  deliver: { headcount: number; photos: string[]; deliveredOn: string };
  withdraw: Record<string, never>;
  resubmit: { answers: Record<string, unknown> };
}

/** One step of an application's timeline. */
export interface ApplicationHistoryView {
  /** ISO instant */
  at: string;
  action: ApplicationAction;
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
  campaignKind: CampaignKind;
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

export interface ApplicationDetail extends ApplicationSummary {
  answers: AnswerView[];
  timeline: ApplicationTimelineEntry[];
  payment: { reference: string; paidOn: string } | null;
  delivery: { headcount: number; deliveredOn: string; photos: { fileId: string; url: string }[] } | null;
  /** what the caller may do now: the buttons to offer */
  actions: ApplicationAction[];
  /** for an approval: the campaign's tiers (empty for 夏送清凉) and cap */
  tiers: AmountTier[];
  maxAmountFen: number | null;
  /** the applicant's own answers in full, only for the applicant of a returned application, to prefill the
   *  supplement form */
  prefill: Record<string, string | number | string[]> | null;
}

/** The inputs of `act`: the transition, the version it was decided on, an optional comment, and the
 *  transition's own inputs (ApplicationActionInputs). */
export type ActInput = {
  applicationId: string;
  version: number;
  /** `submit` is its own action */
  transition: Exclude<ApplicationAction, 'submit'>;
  comment?: string;
} & Partial<{ amountFen: number; paymentReference: string; paidOn: string; headcount: number; photos: string[]; deliveredOn: string; answers: Record<string, unknown> }>;

export interface BatchApproveOutcome {
  applicationId: string;
  ok: boolean;
  error?: ApiError;
}

export interface ApplicationsApi {
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
    output: Page<ApplicationSummary>;
  };
  /** Takes one transition (decisions, payment, delivery, withdraw, resubmit). */
  act: { input: ActInput; output: { application: ApplicationDetail } };
  /** Approves up to 50 recommended applications of one campaign in one transaction, in the order given,
   *  while the budget lasts; each gets its own outcome. */
  batchApprove: {
    input: { campaignId: string; items: { applicationId: string; version: number; amountFen: number }[]; comment?: string };
    output: { results: BatchApproveOutcome[]; ledger: BudgetLedger };
  };
}
