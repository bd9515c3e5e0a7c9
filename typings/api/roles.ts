// The `roles` function: an admin grants and revokes officer, lawyer, staff and admin roles.
import type { Role, RoleGrantView } from './common';

export interface RoleHolderView extends RoleGrantView {
  memberId: string;
  memberName: string;
  grantedAt: string;
}

export interface RolesApi {
  list: { input: { orgId?: string }; output: { grants: RoleHolderView[] } };
  /** The member by `idCard` (the 18-digit number an admin is given) or by `memberId`: exactly one of them. */
  grant: { input: { idCard?: string; memberId?: string; role: Role; orgId: string }; output: { grant: RoleHolderView } };
  revoke: { input: { grantId: string }; output: { revoked: true } };
}
