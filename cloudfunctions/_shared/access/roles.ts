// Who may grant and revoke roles, and see who holds them: admins only.
import type { Actor } from './actor';
import { isAdmin } from './actor';

export function mayManageRoles(actor: Actor): boolean {
  return isAdmin(actor);
}
