// Who may grant and revoke roles, and see who holds them: admins, over their own subtree — the roles scoped
// to an org in it, for members of an org in it. The last admin of a scope stays: an admin grant is revoked
// only while another admin covers its org (the same org or one above), whoever revokes it, themselves
// included; otherwise nobody could manage the roles there any more.
import type { Actor } from './actor';
import { isAdmin, scopeRoots } from './actor';

export function mayManageRoles(actor: Actor): boolean {
  return isAdmin(actor);
}

/** The subtrees whose roles and members the actor manages. */
export function roleScopes(actor: Actor): string[] {
  return scopeRoots(actor, ['admin']);
}

/** Whether the org at `orgPath` (a role's, or a member's) is in the actor's admin scope. */
export function mayManageAt(actor: Actor, orgPath: readonly string[]): boolean {
  return roleScopes(actor).some((id) => orgPath.includes(id));
}

/** An admin grant: its id and the org it is over. */
export interface AdminGrant {
  grantId: string;
  orgId: string;
}

/** Whether revoking the admin grant `grant` over the org at `orgPath` leaves that org covered by another of
 *  `admins` (the admin grants as they stand): one over the same org or an org above it. */
export function leavesAnAdmin(grant: AdminGrant, orgPath: readonly string[], admins: readonly AdminGrant[]): boolean {
  return admins.some((a) => a.grantId !== grant.grantId && orgPath.includes(a.orgId));
}
