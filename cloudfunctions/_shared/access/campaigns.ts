// Who may manage a campaign (create, edit, open, close, see its drafts and ledger): a federation officer
// over the campaign's org. Admins manage roles, not campaigns, unless they also hold federationOfficer.
import type { Actor } from './actor';
import { holdsRoleOver, scopeRoots } from './actor';

const MANAGERS = ['federationOfficer'] as const;

export function mayManageCampaign(actor: Actor, campaignOrgPath: readonly string[]): boolean {
  return holdsRoleOver(actor, MANAGERS, campaignOrgPath);
}

/** The org subtrees whose campaigns the actor manages; empty means none. */
export function campaignManageScopes(actor: Actor): string[] {
  return scopeRoots(actor, MANAGERS);
}
