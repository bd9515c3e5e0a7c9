// Applications and cases cloned from the real ones (templates.ts): another id (derived from the applicant and
// a requestKey, as the functions derive it), its unique duplicate keys (the campaign's and, for a year group's
// kind, the year claim; released when rejected or withdrawn), the applicant and their org, the campaign, and the template's history replayed at other times with the
// applicant's own steps taken by the applicant. Everything else is the function's own output.
import type { ApplicationStatus, CaseStatus } from '../../typings/api';
import { releasedKeys, type ApplicationDoc } from '../../cloudfunctions/_shared/data/applications';
import { campaignDuplicateKey, standingKeys, yearClaimId } from '../../cloudfunctions/_shared/domain/serviceKinds';
import type { CampaignDoc } from '../../cloudfunctions/_shared/data/campaigns';
import { withRank, type CaseDoc } from '../../cloudfunctions/_shared/data/cases';
import { sealPhone } from '../../cloudfunctions/_shared/data/members';
import { idForRequest } from '../../cloudfunctions/_shared/data/requestKey';
import { parsePhone } from '../../cloudfunctions/_shared/domain/phone';
import { shanghaiDate } from '../../cloudfunctions/_shared/domain/shanghaiTime';
import { PEOPLE } from '../../test/functions/api';
import { memberName, phoneOf } from './members';
import type { ApplicationTemplates, CaseTemplates } from './templates';

/** A loaded member, as little as the records need of them. */
export interface Applicant {
  serial: number;
  openid: string;
  orgId: string;
  orgPath: string[];
}

const DAY = 86_400_000;

/** A deterministic random stream (mulberry32), so a world grows the same way each run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** One of `weights`' keys, by weight. */
export function pick<K extends string>(r: number, weights: Partial<Record<K, number>>): K {
  const entries = Object.entries(weights) as [K, number][];
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let x = r * total;
  for (const [k, w] of entries) if ((x -= w) < 0) return k;
  return entries[entries.length - 1][0];
}

/** The times of `steps` events: the first at `start`, the last by `end`, in order. */
function timeline(start: number, end: number, steps: number, rnd: () => number): Date[] {
  const last = start + rnd() * (end - start);
  return Array.from({ length: steps }, (_, i) => new Date(steps === 1 ? start : start + ((last - start) * i) / (steps - 1) + (i ? 60_000 : 0)));
}

export function cloneApplication(
  templates: ApplicationTemplates,
  campaign: CampaignDoc,
  status: ApplicationStatus,
  who: Applicant,
  serial: number,
  window: { from: number; to: number; decidedBy: number },
  rnd: () => number,
): ApplicationDoc {
  const kindId = campaign.kind.kindId;
  const t = templates[kindId]?.[status];
  if (!t) throw new Error(`no ${kindId} template in status ${status}`);
  const requestKey = `bench-${serial}`;
  const _id = idForRequest('app', who.openid, requestKey);
  const createdAt = window.from + rnd() * (window.to - window.from);
  const times = timeline(createdAt, Math.max(createdAt, window.decidedBy), t.history.length, rnd);
  const history = t.history.map((e, i) => ({ ...e, at: times[i], by: e.by === PEOPLE.member ? who.openid : e.by }));
  const at = (action: string) => history.filter((e) => e.action === action).pop()?.at;
  const child = memberName(serial * 7 + 3);
  const unit = `${campaign.title.slice(0, 4)}作业点${serial}`;
  const forChild = campaign.kind.subject.type === 'familyMember';
  const answers = forChild ? { ...t.answers, childName: child } : { ...t.answers, unit };
  const subject = `bench${serial}`;
  const released = status === 'rejected' || status === 'withdrawn';
  const group = campaign.kind.duplicate.yearGroup;
  const yearClaim = group && !released ? yearClaimId(group, campaign.year, subject) : null;
  const keys = standingKeys(campaignDuplicateKey(campaign._id, subject), group ? yearClaimId(group, campaign.year, subject) : null);
  const paidAt = at('pay');
  const deliveredAt = at('deliver');
  const doc: ApplicationDoc = {
    ...t,
    _id,
    campaignId: campaign._id,
    campaignTitle: campaign.title,
    campaignOrgPath: campaign.orgPath,
    applicantOpenid: who.openid,
    applicantMemberId: `member-${who.openid}`,
    applicantName: memberName(who.serial),
    applicantOrgId: who.orgId,
    applicantOrgPath: who.orgPath,
    requestKey,
    duplicateKey: released ? releasedKeys({ _id, duplicateKey: keys }) : keys,
    yearClaim,
    headline: forChild ? t.headline.replace(/^[^（]*/, child) : unit,
    answers,
    payment: t.payment && paidAt ? { reference: `PAY-${serial}`, paidOn: shanghaiDate(paidAt) } : t.payment,
    delivery: t.delivery && deliveredAt ? { ...t.delivery, headcount: 10 + (serial % 40), deliveredOn: shanghaiDate(deliveredAt) } : t.delivery,
    history,
    createdAt: history[0].at,
    updatedAt: history[history.length - 1].at,
  };
  return doc;
}

/** A case of `who`, opened at a time in `window`, its steps after; assigned ones to `lawyer`. */
export function cloneCase(
  templates: CaseTemplates,
  status: CaseStatus,
  who: Applicant,
  serial: number,
  lawyer: { grantId: string; openid: string; name: string },
  window: { from: number; to: number },
  now: Date,
  rnd: () => number,
): CaseDoc {
  const t = templates[status];
  const requestKey = `bench-case-${serial}`;
  const createdAt = window.from + rnd() * (window.to - window.from);
  const times = timeline(createdAt, Math.min(now.getTime(), createdAt + 60 * DAY), t.history.length, rnd);
  const history = t.history.map((e, i) => ({ ...e, at: times[i], by: e.by === PEOPLE.member ? who.openid : e.by === PEOPLE.lawyer ? lawyer.openid : e.by }));
  const last = history[history.length - 1].at;
  // the deadline as far after the last step as the template's was after its own
  const deadlineAt = t.deadlineAt ? new Date(last.getTime() + (new Date(t.deadlineAt).getTime() - new Date(t.updatedAt).getTime())) : null;
  const overdue = deadlineAt !== null && deadlineAt < now;
  const phone = parsePhone(phoneOf(who.serial));
  if (!phone.ok) throw new Error(`bench phone ${who.serial} is invalid`);
  return withRank({
    ...t,
    _id: idForRequest('case', who.openid, requestKey),
    requestKey,
    openedBy: who.openid,
    memberId: `member-${who.openid}`,
    memberOpenid: who.openid,
    personName: memberName(who.serial),
    contactPhone: sealPhone(phone.value),
    orgId: who.orgId,
    orgPath: who.orgPath,
    employerName: `${who.orgId.slice(-4)}号用人单位`,
    amountInDisputeFen: 100_000 * (1 + (serial % 50)),
    lawyer: t.lawyer ? { grantId: lawyer.grantId, name: lawyer.name } : null,
    lawyerOpenid: t.lawyer ? lawyer.openid : null,
    history,
    createdAt: history[0].at,
    updatedAt: last,
    deadlineAt,
    overdue,
    overdueSince: overdue ? deadlineAt : null,
    finishedAt: t.finishedAt ? last : null,
  });
}
