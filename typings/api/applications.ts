// Applications to a campaign (金秋助学, 夏送清凉): their statuses, the decisions officers and applicants take,
// and the timeline a member sees.
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

/** The transitions of an application; `return` and `reject` are taken by whoever reviews the current stage. */
export type ApplicationAction = 'recommend' | 'return' | 'reject' | 'approve' | 'pay' | 'deliver' | 'withdraw' | 'resubmit';

export const APPLICATION_ACTION_LABELS: Record<ApplicationAction, string> = {
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
