// Coverage: every stage of every workflow has someone who may act, and the officers responsible for it are
// the ones told when work arrives. A stage's officers are looked for along a line of path segments, the
// nearest org first; where no org of a segment holds one of its roles, the next segment's roles take it:
//
//   stage              who is responsible, looked for nearest first
//   membership         orgOfficer or federationOfficer: the member's org … the root
//   grassrootsReview   orgOfficer: the applicant's org … the campaign's org; where there is none, the
//                      federationOfficer of the campaign's org … the root, who then recommends as well
//   federationReview   federationOfficer: the campaign's org … the root (approve, pay, deliver)
//   legalAid           orgOfficer or federationOfficer: the case's org … the root
//   supervision        federationOfficer: the case's org … the root (told of overdue cases, for 督办)
//   hardshipFiling     orgOfficer: the member's org … the root; where there is none, the federationOfficer
//   hardshipConfirm    federationOfficer: the member's org … the root (confirm or return a filed record)
//
// Officers above the nearest keep what their grants already allow (access/applications.ts, cases.ts,
// membership.ts): this file decides who is responsible, and makes the one widening that keeps a stage from
// having nobody — the grassroots stage of an org without a grassroots officer belongs to the campaign's
// federation officers. Membership and legal aid need none: any officer above may already act there.
import type { Role } from '../../../typings/api';
import type { Actor } from './actor';
import { scopeRoots } from './actor';

export type Stage = 'membership' | 'grassrootsReview' | 'federationReview' | 'legalAid' | 'supervision' | 'hardshipFiling' | 'hardshipConfirm';

/** An officer grant found along the paths concerned (data/staffing.ts reads them). */
export interface StaffGrant {
  openid: string;
  role: Role;
  orgId: string;
  /** the holder's name, to say for whom something waits */
  memberName?: string;
}

/** Every officer grant (orgOfficer, federationOfficer) at an org on the paths a decision concerns. */
export type Staffing = readonly StaffGrant[];

export const STAGE_ROLES: readonly Role[] = ['orgOfficer', 'federationOfficer'];

/** Where a stage's work is: the org it belongs to (the member's, the applicant's, the case's) and, for an
 *  application, the campaign's org. Paths run from the root to the org. */
export interface StageFacts {
  orgPath: readonly string[];
  campaignOrgPath?: readonly string[];
}

interface Segment {
  roles: readonly Role[];
  /** root first; searched from its end, the nearest org */
  path: readonly string[];
}

/** The applicant's path from the campaign's org down (the whole path should it not pass the campaign's org). */
function belowCampaign(facts: StageFacts): readonly string[] {
  const campaignOrgId = facts.campaignOrgPath?.at(-1);
  const from = campaignOrgId ? facts.orgPath.indexOf(campaignOrgId) : -1;
  return from >= 0 ? facts.orgPath.slice(from) : facts.orgPath;
}

function lineOf(stage: Stage, facts: StageFacts): Segment[] {
  const campaign = facts.campaignOrgPath ?? facts.orgPath;
  switch (stage) {
    case 'membership':
    case 'legalAid':
      return [{ roles: STAGE_ROLES, path: facts.orgPath }];
    case 'grassrootsReview':
      return [
        { roles: ['orgOfficer'], path: belowCampaign(facts) },
        { roles: ['federationOfficer'], path: campaign },
      ];
    case 'federationReview':
      return [{ roles: ['federationOfficer'], path: campaign }];
    case 'supervision':
    case 'hardshipConfirm':
      return [{ roles: ['federationOfficer'], path: facts.orgPath }];
    case 'hardshipFiling':
      return [
        { roles: ['orgOfficer'], path: facts.orgPath },
        { roles: ['federationOfficer'], path: facts.orgPath },
      ];
  }
}

/** The officers responsible for a stage: those of the nearest org along its line holding one of its roles. */
export interface Desk {
  orgId: string;
  roles: readonly Role[];
  /** their grants at that org */
  officers: StaffGrant[];
}

export function deskOf(stage: Stage, facts: StageFacts, staff: Staffing): Desk | null {
  for (const segment of lineOf(stage, facts)) {
    for (let i = segment.path.length - 1; i >= 0; i--) {
      const orgId = segment.path[i];
      const officers = staff.filter((g) => g.orgId === orgId && segment.roles.includes(g.role));
      if (officers.length) return { orgId, roles: segment.roles, officers };
    }
  }
  return null;
}

/** Whether an application's grassroots stage has an officer of its own: an orgOfficer at an org between the
 *  applicant's and the campaign's. Without one, the campaign's federation officers review it. */
export function hasGrassrootsOfficer(app: { applicantOrgPath: readonly string[]; campaignOrgPath: readonly string[] }, staff: Staffing): boolean {
  const segment = belowCampaign({ orgPath: app.applicantOrgPath, campaignOrgPath: app.campaignOrgPath });
  return staff.some((g) => g.role === 'orgOfficer' && segment.includes(g.orgId));
}

/** Whether the actor has a desk at all: officers of a stage, and lawyers (their assigned cases). */
export function mayHaveDesk(actor: Actor): boolean {
  return actor.grants.some((g) => STAGE_ROLES.includes(g.role) || g.role === 'lawyer');
}

/** The subtrees in which the actor sees what has waited too long and for whom: their officer grants'. */
export function waitingScopes(actor: Actor): string[] {
  return scopeRoots(actor, STAGE_ROLES);
}
