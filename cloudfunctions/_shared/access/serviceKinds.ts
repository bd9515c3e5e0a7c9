// Who may see and manage service kinds:
// - listing the kinds an org may run (the campaign editor, the dashboard's filters): officers, grassroots
//   or federation, over that org;
// - creating a kind for an org, and editing it: a federation officer over that org. Built-ins ship with the
//   product and nobody edits them.
import type { Actor } from './actor';
import { holdsRoleOver, scopeRoots } from './actor';

const READERS = ['orgOfficer', 'federationOfficer'] as const;
const MANAGERS = ['federationOfficer'] as const;

export function mayListKinds(actor: Actor, orgPath: readonly string[]): boolean {
  return holdsRoleOver(actor, READERS, orgPath);
}

/** The orgs whose kinds the actor may list without naming one: the roots of their officer scopes. */
export function kindReadScopes(actor: Actor): string[] {
  return scopeRoots(actor, READERS);
}

export function mayManageKind(actor: Actor, kind: { builtin: boolean; orgPath: readonly string[] }): boolean {
  return !kind.builtin && holdsRoleOver(actor, MANAGERS, kind.orgPath);
}
