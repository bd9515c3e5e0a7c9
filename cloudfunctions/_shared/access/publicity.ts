// Who takes part in a campaign's 公示:
// - publishing its approved list and resolving objections: a federation officer over the campaign's org
//   (who approves and pays its applications), never on their own application;
// - seeing the list and objecting: a verified member whose union is the campaign's org or below it (its
//   scope), never to their own application; the campaign's federation officers see it too.
import type { Actor } from './actor';
import { holdsRoleOver } from './actor';

const FEDERATION = ['federationOfficer'] as const;

/** Publish a campaign's list, see its objections and resolve them. */
export function mayRunPublicity(actor: Actor, campaignOrgPath: readonly string[]): boolean {
  return holdsRoleOver(actor, FEDERATION, campaignOrgPath);
}

/** A verified member in the scope of the campaign run by the org at the end of `campaignOrgPath`. */
export function isMemberInScope(actor: Actor, memberOrgPath: readonly string[] | null, campaignOrgPath: readonly string[]): boolean {
  const campaignOrg = campaignOrgPath[campaignOrgPath.length - 1];
  return actor.verified && memberOrgPath !== null && campaignOrg !== undefined && memberOrgPath.includes(campaignOrg);
}

/** Raise an objection on a listed application: a member in scope, on someone else's application. */
export function mayObject(actor: Actor, memberOrgPath: readonly string[] | null, campaignOrgPath: readonly string[], applicantMemberId: string): boolean {
  return isMemberInScope(actor, memberOrgPath, campaignOrgPath) && actor.memberId !== applicantMemberId;
}
