// Who is calling: their member record (if registered) and the roles they hold, each over an org subtree.
// Every permission rule takes an Actor; nothing reads identity from the event.
import type { Role } from '../../../typings/api';

export interface Grant {
  grantId: string;
  role: Role;
  orgId: string;
  /** the scope org's path (root … orgId): the grant covers every org whose path contains orgId */
  orgPath: string[];
}

export interface Actor {
  openid: string;
  memberId: string | null;
  /** true once the membership is approved */
  verified: boolean;
  grants: Grant[];
}

/** Whether the actor holds one of `roles` over the org at `targetOrgPath` (the org itself or an ancestor). */
export function holdsRoleOver(actor: Actor, roles: readonly Role[], targetOrgPath: readonly string[]): boolean {
  return actor.grants.some((g) => roles.includes(g.role) && targetOrgPath.includes(g.orgId));
}

/** The org ids under which the actor holds one of `roles`: the roots of what they may see. */
export function scopeRoots(actor: Actor, roles: readonly Role[]): string[] {
  return [...new Set(actor.grants.filter((g) => roles.includes(g.role)).map((g) => g.orgId))];
}

export function isAdmin(actor: Actor): boolean {
  return actor.grants.some((g) => g.role === 'admin');
}
