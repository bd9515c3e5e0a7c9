// Who may publish notices to whom: staff (宣传干事) over the audience's org — for an org audience the org
// itself, for a campaign's applicants the campaign's org. The notice is published in the name of the staff
// grant that covers it.
import type { Actor } from './actor';
import { holdsRoleOver, scopeRoots } from './actor';

const PUBLISHERS = ['staff'] as const;

export function mayAddress(actor: Actor, audienceOrgPath: readonly string[]): boolean {
  return holdsRoleOver(actor, PUBLISHERS, audienceOrgPath);
}

/** The roots of the subtrees the actor may address; empty for anyone but staff. */
export function noticeScopes(actor: Actor): string[] {
  return scopeRoots(actor, PUBLISHERS);
}

/** The org a notice to `audienceOrgPath` is published by: the highest of the actor's staff grants over it. */
export function publishingOrgId(actor: Actor, audienceOrgPath: readonly string[]): string | null {
  const scopes = new Set(noticeScopes(actor));
  return audienceOrgPath.find((id) => scopes.has(id)) ?? null;
}
