// The rules of taking applications to a campaign: the window, who is eligible, the amount a grant may take,
// the budget and the places that must never be exceeded. What counts as a duplicate is the kind's subject
// (domain/serviceKinds.ts).
import type { BudgetLedger, CampaignView } from '../../../typings/api/campaigns';
import type { ErrorCode } from '../../../typings/envelope';
import type { HardshipGrade } from '../../../typings/api/hardship';
import type { Answers } from './campaignForm';
import { hardshipRefusal } from './hardship';
import { dayjs, shanghaiDate, UNION_TZ } from './shanghaiTime';

export type RuleResult<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; message: string };

/**
 * A window is stored as two instants: `opensAt`, the start (00:00 Asia/Shanghai) of the open day, and
 * `closesAt`, the start of the day after the close day, so the close day is taken whole and the window is
 * the half-open interval [opensAt, closesAt). The editor works in calendar days; these convert both ways.
 */
export interface CampaignWindow {
  opensAt: Date;
  closesAt: Date;
}

/** The stored window of the Shanghai calendar days openDay…closeDay ('YYYY-MM-DD', both inclusive). */
export function windowOfDays(openDay: string, closeDay: string): CampaignWindow {
  return {
    opensAt: dayjs.tz(openDay, UNION_TZ).toDate(),
    closesAt: dayjs.tz(closeDay, UNION_TZ).add(1, 'day').toDate(),
  };
}

/** The Shanghai calendar days a stored window covers, for showing and editing it. */
export function daysOfWindow(window: CampaignWindow): { openDay: string; closeDay: string } {
  return { openDay: shanghaiDate(window.opensAt), closeDay: shanghaiDate(new Date(window.closesAt.getTime() - 1)) };
}

/** Whether the campaign takes applications at `now`: it is open and `now` is inside its window. */
export function checkWindow(campaign: Pick<CampaignView, 'status'> & CampaignWindow, now: Date): RuleResult<true> {
  if (campaign.status !== 'open' || now < campaign.opensAt) {
    return { ok: false, code: 'WINDOW_CLOSED', message: '该活动尚未开始接受申请' };
  }
  if (now >= campaign.closesAt) {
    return { ok: false, code: 'WINDOW_CLOSED', message: '该活动的申请时间已截止' };
  }
  return { ok: true, value: true };
}

/** Whether a member may apply: approved membership, and a 建档困难职工 (of the grades the campaign names) or a
 *  新就业形态劳动者 where the campaign is for them only. `hardshipGrade` is the grade of the member's hardship
 *  record valid at submit time (domain/hardship.ts validGrade), null without one: never a profile flag. */
export function checkEligibility(
  campaign: Pick<CampaignView, 'eligibility'>,
  applicant: { verified: boolean; hardshipGrade: HardshipGrade | null; newEmployment: boolean },
): RuleResult<true> {
  if (!applicant.verified) return { ok: false, code: 'INELIGIBLE', message: '会员认证通过后才能申请' };
  const hardship = hardshipRefusal(campaign.eligibility, applicant.hardshipGrade);
  if (hardship) return { ok: false, code: 'INELIGIBLE', message: hardship };
  if (campaign.eligibility.newEmploymentOnly && !applicant.newEmployment) {
    return { ok: false, code: 'INELIGIBLE', message: '该活动仅面向新就业形态劳动者' };
  }
  return { ok: true, value: true };
}

/** The most an application may be granted without tiers, in 分: the campaign's per-application cap (its
 *  budget when it sets none), and the cap the application's own form sets (the medical bills), if any. */
export function grantCap(campaign: Pick<CampaignView, 'maxAmountFen' | 'budgetFen'>, formCapFen: number | null): number {
  const cap = campaign.maxAmountFen ?? campaign.budgetFen;
  return formCapFen === null ? cap : Math.min(cap, formCapFen);
}

/**
 * The amount an approval may grant, in 分: one of the campaign's tier amounts when it has tiers (本科/专科/
 * 研究生), any positive amount up to the cap otherwise (grantCap); never more than the form's own cap.
 */
export function checkGrantAmount(
  campaign: Pick<CampaignView, 'tiers' | 'maxAmountFen' | 'budgetFen'>,
  amountFen: unknown,
  formCapFen: number | null = null,
): RuleResult<number> {
  if (typeof amountFen !== 'number' || !Number.isSafeInteger(amountFen) || amountFen <= 0) {
    return { ok: false, code: 'VALIDATION_FAILED', message: '金额应为大于0的整数（分）' };
  }
  if (formCapFen !== null && amountFen > formCapFen) {
    return { ok: false, code: 'VALIDATION_FAILED', message: `金额不能超过申请表中申报的${formatYuan(formCapFen)}` };
  }
  if (campaign.tiers.length > 0) {
    return campaign.tiers.some((t) => t.amountFen === amountFen)
      ? { ok: true, value: amountFen }
      : { ok: false, code: 'VALIDATION_FAILED', message: '金额不在本活动的资助档次之内' };
  }
  return amountFen <= grantCap(campaign, null)
    ? { ok: true, value: amountFen }
    : { ok: false, code: 'VALIDATION_FAILED', message: '金额超过了本活动的单笔上限' };
}

/** The tier an application's answers name, to preselect on approval: the tier whose key a select answer
 *  holds (金秋助学's 学历层次 uses the tier keys as its option values), or null. */
export function suggestedTierKey(campaign: Pick<CampaignView, 'tiers' | 'fields'>, answers: Answers): string | null {
  const chosen = new Set(campaign.fields.filter((f) => f.type === 'select').map((f) => answers[f.key]));
  return campaign.tiers.find((t) => chosen.has(t.key))?.key ?? null;
}

/** What is left to approve, in 分. */
export function remainingFen(ledger: BudgetLedger): number {
  return ledger.budgetFen - ledger.reservedFen - ledger.paidFen;
}

/** Selecting (or drawing) `n` applications of a places campaign takes as many places; refused past the quota. */
export function takePlaces(ledger: BudgetLedger, n: number): RuleResult<BudgetLedger> {
  if (!ledger.places) return { ok: true, value: ledger };
  const left = ledger.places.quota - ledger.places.taken;
  if (n > left) return { ok: false, code: 'BUDGET_EXHAUSTED', message: left > 0 ? `本活动只剩${left}个名额` : '本活动的名额已满' };
  return { ok: true, value: { ...ledger, places: { ...ledger.places, taken: ledger.places.taken + n } } };
}

/** Approval reserves the granted amount; refused when it would take reserved + paid past the budget. */
export function reserveBudget(ledger: BudgetLedger, amountFen: number): RuleResult<BudgetLedger> {
  if (amountFen > remainingFen(ledger)) {
    return { ok: false, code: 'BUDGET_EXHAUSTED', message: `本活动剩余预算不足（剩余${formatYuan(remainingFen(ledger))}）` };
  }
  return { ok: true, value: { ...ledger, reservedFen: ledger.reservedFen + amountFen } };
}

/** Payment or delivery moves an approved amount from reserved to paid. */
export function settleBudget(ledger: BudgetLedger, amountFen: number): BudgetLedger {
  if (amountFen > ledger.reservedFen) throw new Error('settling more than is reserved: the ledger is inconsistent');
  return { ...ledger, reservedFen: ledger.reservedFen - amountFen, paidFen: ledger.paidFen + amountFen };
}

/**
 * Cancelling an approval (撤销批准) gives back what the approval took: its reserved amount and, in a places
 * campaign, its place. Only an approved, unsettled application is cancelled, so its amount is still reserved.
 */
export function releaseBudget(ledger: BudgetLedger, amountFen: number): BudgetLedger {
  if (amountFen > ledger.reservedFen) throw new Error('releasing more than is reserved: the ledger is inconsistent');
  if (ledger.places && ledger.places.taken < 1) throw new Error('releasing a place none took: the ledger is inconsistent');
  return {
    ...ledger,
    reservedFen: ledger.reservedFen - amountFen,
    ...(ledger.places && { places: { ...ledger.places, taken: ledger.places.taken - 1 } }),
  };
}

/** What the refunds recorded returned, in 分. */
export function refundedFen(refunds: readonly { amountFen: number }[]): number {
  return refunds.reduce((sum, r) => sum + r.amountFen, 0);
}

/** What of a paid amount may still be refunded, in 分: the amount less the refunds already recorded. */
export function refundableFen(amountFen: number, refunds: readonly { amountFen: number }[]): number {
  return amountFen - refundedFen(refunds);
}

/** A refund (退款) of `refundFen` against a paid amount: positive and at most what is still refundable. */
export function checkRefund(amountFen: number, refunds: readonly { amountFen: number }[], refundFen: number): RuleResult<number> {
  const left = refundableFen(amountFen, refunds);
  if (!Number.isSafeInteger(refundFen) || refundFen <= 0) return { ok: false, code: 'VALIDATION_FAILED', message: '退款金额应大于0' };
  if (refundFen > left) return { ok: false, code: 'VALIDATION_FAILED', message: `退款金额不能超过尚未退回的${formatYuan(left)}` };
  return { ok: true, value: refundFen };
}

/** A refund returns its amount to the budget: what was paid is that much less. */
export function refundBudget(ledger: BudgetLedger, refundFen: number): BudgetLedger {
  if (refundFen > ledger.paidFen) throw new Error('refunding more than is paid: the ledger is inconsistent');
  return { ...ledger, paidFen: ledger.paidFen - refundFen };
}

/** 分 as 元 for messages: '3000元', '12.5元'. */
export function formatYuan(fen: number): string {
  return `${(fen / 100).toFixed(2).replace(/\.?0+$/, '')}元`;
}

const STATUS_FROM: Record<'open' | 'closed', readonly CampaignView['status'][]> = { open: ['draft', 'closed'], closed: ['open'] };

/** Opening (a draft, or reopening a closed campaign) and closing (an open one); nothing else. */
export function checkStatusChange(from: CampaignView['status'], to: 'open' | 'closed'): RuleResult<'open' | 'closed'> {
  if (STATUS_FROM[to].includes(from)) return { ok: true, value: to };
  return { ok: false, code: 'INVALID_STATE', message: to === 'open' ? '该活动已经在进行中' : '只有进行中的活动可以结束' };
}

/** An edited budget may not fall below what is already approved (reserved) and paid. */
export function checkBudgetEdit(ledger: BudgetLedger, budgetFen: number): RuleResult<BudgetLedger> {
  const committed = ledger.reservedFen + ledger.paidFen;
  if (budgetFen < committed) {
    return { ok: false, code: 'VALIDATION_FAILED', message: `预算不能少于已批准和已发放的金额（${formatYuan(committed)}）` };
  }
  return { ok: true, value: { ...ledger, budgetFen } };
}
