// Who may read the report figures of an org's subtree, and who may reconcile its counters.
import { holdsRoleOver, isAdmin, type Actor } from './actor';

const OFFICERS = ['orgOfficer', 'federationOfficer'] as const;
const FEDERATION = ['federationOfficer'] as const;

/** Figures: officers (grassroots or federation) over the org. */
export function mayReadFigures(actor: Actor, orgPath: readonly string[]): boolean {
  return holdsRoleOver(actor, OFFICERS, orgPath);
}

/** Reconciliation (an audit that may repair the counters): federation officers over the org, and admins. */
export function mayReconcile(actor: Actor, orgPath: readonly string[]): boolean {
  return isAdmin(actor) || holdsRoleOver(actor, FEDERATION, orgPath);
}
