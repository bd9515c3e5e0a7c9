// The collections of 公示: `publicities` (one publication: a campaign's approved list as it was published,
// with its period) and `objections` (one member's objection to one listed application, and its answer),
// and the views built from them. The list holds masked names only, so nothing in it needs sealing.
import type { ObjectionOutcome, ObjectionStatus, ObjectionView, PublicityLineView, PublicityView } from '../../../typings/api/publicity';
import { lastDayOf } from '../domain/workingDays';
import type { PublicityLine } from '../domain/publicity';

export const PUBLICITIES = 'publicities';
export const OBJECTIONS = 'objections';

export interface PublicityDoc {
  _id: string;
  campaignId: string;
  campaignTitle: string;
  campaignOrgPath: string[];
  /** the campaign's org: members at it or below see the list */
  campaignOrgId: string;
  workingDays: number;
  startsAt: Date;
  endsAt: Date;
  lines: PublicityLine[];
  publishedBy: string;
  requestKey: string;
}

export interface ObjectionDoc {
  _id: string;
  publicityId: string;
  applicationId: string;
  campaignId: string;
  campaignOrgPath: string[];
  line: PublicityLine;
  objectorOpenid: string;
  objectorMemberId: string;
  objectorName: string;
  objectorOrgId: string;
  reason: string;
  status: ObjectionStatus;
  resolution: { outcome: ObjectionOutcome; comment: string; at: Date; by: string } | null;
  createdAt: Date;
  updatedAt: Date;
}

const iso = (d: Date) => new Date(d).toISOString();

export function publicityView(p: PublicityDoc, now: Date): PublicityView {
  const t = now.getTime();
  return {
    publicityId: p._id,
    campaignId: p.campaignId,
    campaignTitle: p.campaignTitle,
    startsAt: iso(p.startsAt),
    endsAt: iso(p.endsAt),
    lastDay: lastDayOf(new Date(p.endsAt)),
    workingDays: p.workingDays,
    open: t >= new Date(p.startsAt).getTime() && t < new Date(p.endsAt).getTime(),
    lines: p.lines.map((l): PublicityLineView => ({ applicationId: l.applicationId, maskedName: l.maskedName, orgName: l.orgName, grant: l.grant })),
  };
}

/** `objector`: the objector's name and union, for the officers; null for the member's own view. */
export function objectionView(o: ObjectionDoc, objector: { name: string; orgName: string } | null): ObjectionView {
  return {
    objectionId: o._id,
    publicityId: o.publicityId,
    applicationId: o.applicationId,
    line: { applicationId: o.line.applicationId, maskedName: o.line.maskedName, orgName: o.line.orgName, grant: o.line.grant },
    reason: o.reason,
    status: o.status,
    objectorName: objector?.name ?? null,
    objectorOrgName: objector?.orgName ?? null,
    createdAt: iso(o.createdAt),
    resolution: o.resolution && { outcome: o.resolution.outcome, comment: o.resolution.comment, at: iso(o.resolution.at) },
  };
}
