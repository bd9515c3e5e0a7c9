// Who may see and decide membership (入会审核): org officers and federation officers over the member's org.
import type { Actor } from './actor';
import { holdsRoleOver, scopeRoots } from './actor';

const REVIEWERS = ['orgOfficer', 'federationOfficer'] as const;

export function mayReviewMembership(actor: Actor, memberOrgPath: readonly string[]): boolean {
  return holdsRoleOver(actor, REVIEWERS, memberOrgPath);
}

/** The subtrees whose pending members the actor may list; empty means none. */
export function membershipReviewScopes(actor: Actor): string[] {
  return scopeRoots(actor, REVIEWERS);
}

