// 公示: a campaign may require that its approved list be published for a number of working days before
// anything is paid, delivered or attended, and members in its scope may object (异议) meanwhile. The rules
// here are pure: the period a publication runs, whether an objection is still taken, whether an approved
// application may be settled, and what the public list shows of an application (a masked name, the org and
// the grant: never an ID number).
import type { AmountTier, CampaignPublicity } from '../../../typings/api/campaigns';
import type { ErrorCode } from '../../../typings/envelope';
import { maskName } from '../personalData';
import { formatYuan } from './campaignRules';
import { lastDayOf, UNION_CALENDAR, workingDeadline, type HolidayCalendar } from './workingDays';



/** What an approved application carries once it is listed, and while objections to it are open. */
export interface PublicityMark {
  publicity?: { publicityId: string; endsAt: Date } | null;
  /** objections raised on it not yet resolved */
  openObjections?: number;
}

export type Refusal = { code: ErrorCode; message: string };

/** When a publication made at `startsAt` ends: the start of the Shanghai day after its n-th working day
 *  (the day it is published does not count). */
export function publicityEnd(startsAt: Date, workingDays: number, cal: HolidayCalendar = UNION_CALENDAR): Date {
  return workingDeadline(startsAt, workingDays, cal);
}

/** '2026-12-10' → '12月10日'. */
export function monthDay(day: string): string {
  const [, m, d] = day.split('-');
  return `${Number(m)}月${Number(d)}日`;
}

/** The last day a publication runs, as pages print it ('12月10日'). */
export const publicityLastDay = (endsAt: Date): string => monthDay(lastDayOf(endsAt));

/**
 * Whether an approved application of a campaign requiring 公示 may be settled (paid, delivered, attended)
 * now: null when it may, else why not. An open objection holds it whatever the campaign's setting now says
 * (the setting turned off does not answer it); otherwise campaigns without the setting are never held.
 */
export function settlementHold(campaign: { publicity?: CampaignPublicity | null }, app: PublicityMark, now: Date): Refusal | null {
  if ((app.openObjections ?? 0) > 0) return { code: 'ON_HOLD', message: '该申请有未处理的异议，处理后方可发放' };
  if (!campaign.publicity) return null;
  if (!app.publicity) return { code: 'ON_HOLD', message: '本活动须先公示，公示期满后方可发放' };
  if (now.getTime() < new Date(app.publicity.endsAt).getTime()) {
    return { code: 'ON_HOLD', message: `公示期未满，${publicityLastDay(new Date(app.publicity.endsAt))}后方可发放` };
  }
  return null;
}

/** An objection is taken from the publication's start until its end. */
export function objectionWindow(publicity: { startsAt: Date; endsAt: Date }, now: Date): Refusal | null {
  const t = now.getTime();
  if (t >= new Date(publicity.endsAt).getTime()) return { code: 'WINDOW_CLOSED', message: '公示期已结束，不能再提出异议' };
  if (t < new Date(publicity.startsAt).getTime()) return { code: 'WINDOW_CLOSED', message: '公示尚未开始' };
  return null;
}

/** What the public list says of a grant: its tier's name when the amount is a tier's, else the amount. */
export function grantLabel(tiers: readonly AmountTier[], amountFen: number | null, placeLabel: string | null): string {
  if (placeLabel) return placeLabel;
  const tier = tiers.find((t) => t.amountFen === amountFen);
  return tier ? `${tier.label}（${formatYuan(tier.amountFen)}）` : formatYuan(amountFen ?? 0);
}

/** One line of the public list. */
export interface PublicityLine {
  applicationId: string;
  maskedName: string;
  orgName: string;
  grant: string;
}

export function publicityLine(
  app: { _id: string; applicantName: string; amountFen: number | null },
  orgName: string,
  campaign: { tiers: readonly AmountTier[]; quota?: number },
): PublicityLine {
  return {
    applicationId: app._id,
    maskedName: maskName(app.applicantName),
    orgName,
    grant: grantLabel(campaign.tiers, app.amountFen, campaign.quota === undefined ? null : '入选'),
  };
}
