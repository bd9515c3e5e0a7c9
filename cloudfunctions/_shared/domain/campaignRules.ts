// The rules of taking applications to a campaign: the window, who is eligible, the amount a grant may take,
// what counts as a duplicate, and the budget that must never be exceeded.
import { createHash } from 'node:crypto';
import type { BudgetLedger, CampaignKind, CampaignView } from '../../../typings/api/campaigns';
import type { ErrorCode } from '../../../typings/envelope';
import { lookupHash } from '../personalData';
import type { Answers } from './campaignForm';
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

/** Whether a member may apply: approved membership, and a 建档困难职工 where the campaign is for them only. */
export function checkEligibility(
  campaign: Pick<CampaignView, 'eligibility'>,
  applicant: { verified: boolean; hardship: boolean },
): RuleResult<true> {
  if (!applicant.verified) return { ok: false, code: 'INELIGIBLE', message: '会员认证通过后才能申请' };
  if (campaign.eligibility.hardshipOnly && !applicant.hardship) {
    return { ok: false, code: 'INELIGIBLE', message: '该活动仅面向建档困难职工' };
  }
  return { ok: true, value: true };
}

/**
 * The amount an approval may grant, in 分: one of the campaign's tier amounts when it has tiers (本科/专科/
 * 研究生); otherwise any positive amount up to its per-application cap, or its budget when it sets none.
 */
export function checkGrantAmount(
  campaign: Pick<CampaignView, 'tiers' | 'maxAmountFen' | 'budgetFen'>,
  amountFen: unknown,
): RuleResult<number> {
  if (typeof amountFen !== 'number' || !Number.isSafeInteger(amountFen) || amountFen <= 0) {
    return { ok: false, code: 'VALIDATION_FAILED', message: '金额应为大于0的整数（分）' };
  }
  if (campaign.tiers.length > 0) {
    return campaign.tiers.some((t) => t.amountFen === amountFen)
      ? { ok: true, value: amountFen }
      : { ok: false, code: 'VALIDATION_FAILED', message: '金额不在本活动的资助档次之内' };
  }
  const cap = campaign.maxAmountFen ?? campaign.budgetFen;
  return amountFen <= cap
    ? { ok: true, value: amountFen }
    : { ok: false, code: 'VALIDATION_FAILED', message: '金额超过了本活动的单笔上限' };
}

/** Text as typed by different people for the same thing: full-width forms folded, spaces dropped, lower case. */
function canonicalText(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/**
 * The key a unique index holds so one campaign takes one application per thing it funds, whoever applies:
 * 金秋助学, per child (the keyed look-up hash of the child's ID card, never the number); 夏送清凉, per work
 * site (unit and address, as typed but canonicalized). The fields read are KIND_REQUIRED_FIELDS. A withdrawn
 * or rejected application should drop its key so the child or site can apply again.
 */
export function duplicateKey(
  campaign: { campaignId: string; kind: CampaignKind },
  answers: Answers,
  hashKey: Buffer,
): string {
  switch (campaign.kind) {
    case 'studentAid':
      return `${campaign.campaignId}:child:${lookupHash('idCard', String(answers.childIdCard), hashKey)}`;
    case 'summerRelief': {
      const site = `${canonicalText(String(answers.unit))}\u0000${canonicalText(String(answers.address))}`;
      return `${campaign.campaignId}:site:${createHash('sha256').update(site, 'utf8').digest('hex')}`;
    }
  }
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

/** Approval reserves the granted amount; refused when it would take reserved + paid past the budget. */
export function reserveBudget(ledger: BudgetLedger, amountFen: number): RuleResult<BudgetLedger> {
  if (amountFen > remainingFen(ledger)) {
    return { ok: false, code: 'BUDGET_EXHAUSTED', message: `本活动剩余预算不足（剩余${formatYuan(remainingFen(ledger))}）` };
  }
  return { ok: true, value: { ...ledger, reservedFen: ledger.reservedFen + amountFen } };
}

/**
 * Payment or delivery moves an approved amount from reserved to paid. Approval is final in this workflow
 * (no withdraw or reject after it), so nothing reserved is ever released.
 */
export function settleBudget(ledger: BudgetLedger, amountFen: number): BudgetLedger {
  if (amountFen > ledger.reservedFen) throw new Error('settling more than is reserved: the ledger is inconsistent');
  return { ...ledger, reservedFen: ledger.reservedFen - amountFen, paidFen: ledger.paidFen + amountFen };
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
