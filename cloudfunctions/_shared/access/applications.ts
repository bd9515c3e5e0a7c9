// Who may see and decide campaign applications (金秋助学, 夏送清凉, and any later campaign):
// - grassroots review (recommend / return / reject a submitted application): an org officer over the
//   applicant's org; where no org between the applicant's and the campaign's has one, the federation officer
//   over the campaign's org (access/coverage.ts: a stage always has someone);
// - federation approval (approve / return / reject a recommended application) and recording payment or
//   delivery: a federation officer over the campaign's org;
// - withdraw and resubmit: the applicant.
// Nobody decides their own application, whatever roles they hold.
import type { ApplicationStatus } from '../../../typings/api/applications';
import type { Actor } from './actor';
import { holdsRoleOver, scopeRoots } from './actor';
import { hasGrassrootsOfficer, type Staffing } from './coverage';

/** The facts about an application that decide who may act on it. */
export interface ApplicationScope {
  status: ApplicationStatus;
  applicantMemberId: string;
  /** path of the applicant's org when they applied */
  applicantOrgPath: string[];
  /** path of the org running the campaign */
  campaignOrgPath: string[];
}

const GRASSROOTS = ['orgOfficer'] as const;
const FEDERATION = ['federationOfficer'] as const;

export function isApplicant(actor: Actor, app: ApplicationScope): boolean {
  return actor.memberId !== null && actor.memberId === app.applicantMemberId;
}

/** Recommend, and return or reject at the grassroots stage; `staff`: the officers along the application's
 *  paths (data/staffing.ts), which decide whether the federation covers a stage without its own officer. */
export function mayReviewAsGrassroots(actor: Actor, app: ApplicationScope, staff: Staffing): boolean {
  if (isApplicant(actor, app)) return false;
  return holdsRoleOver(actor, GRASSROOTS, app.applicantOrgPath) || (!hasGrassrootsOfficer(app, staff) && holdsRoleOver(actor, FEDERATION, app.campaignOrgPath));
}

/** Approve, return or reject at the federation stage, and record payment or delivery. */
export function mayDecideAsFederation(actor: Actor, app: ApplicationScope): boolean {
  return !isApplicant(actor, app) && holdsRoleOver(actor, FEDERATION, app.campaignOrgPath);
}

/** Return and reject belong to whoever reviews the application's current stage. Past the review stages
 *  either reviewer passes, so their late decision is refused for the state (INVALID_STATE), not the role. */
export function mayReviewCurrentStage(actor: Actor, app: ApplicationScope, staff: Staffing): boolean {
  if (app.status === 'submitted') return mayReviewAsGrassroots(actor, app, staff);
  if (app.status === 'recommended') return mayDecideAsFederation(actor, app);
  return mayReviewAsGrassroots(actor, app, staff) || mayDecideAsFederation(actor, app);
}

/** Reading an application and its materials: the applicant and every officer who may decide it. */
export function mayViewApplication(actor: Actor, app: ApplicationScope): boolean {
  return (
    isApplicant(actor, app) ||
    holdsRoleOver(actor, GRASSROOTS, app.applicantOrgPath) ||
    holdsRoleOver(actor, FEDERATION, app.campaignOrgPath)
  );
}

/** The org subtrees whose members' applications the actor reviews at the grassroots stage. */
export function grassrootsReviewScopes(actor: Actor): string[] {
  return scopeRoots(actor, GRASSROOTS);
}

/** The org subtrees whose campaigns' applications the actor approves. */
export function federationApprovalScopes(actor: Actor): string[] {
  return scopeRoots(actor, FEDERATION);
}

/** The actor's federation scopes that cover a campaign run by the org at `campaignOrgPath`: empty when they
 *  may not approve its applications. */
export function campaignApprovalScopes(actor: Actor, campaignOrgPath: readonly string[]): string[] {
  return federationApprovalScopes(actor).filter((id) => campaignOrgPath.includes(id));
}

/** The org subtrees of a campaign's applications the actor sees in its queue — their grassroots scopes and,
 *  over the campaign's org, their federation scopes — none under another, so counts add up once. */
export function queueScopes(actor: Actor, campaignOrgPath: readonly string[]): string[] {
  const ids = new Set([...grassrootsReviewScopes(actor), ...campaignApprovalScopes(actor, campaignOrgPath)]);
  const pathOf = new Map(actor.grants.map((g) => [g.orgId, g.orgPath]));
  return [...ids].filter((id) => !(pathOf.get(id) ?? []).some((above) => above !== id && ids.has(above)));
}
