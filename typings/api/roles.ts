// The `roles` function: an admin grants and revokes officer, lawyer, staff and admin roles.
import type { Role, RoleGrantView } from './common';

export interface RoleHolderView extends RoleGrantView {
  memberId: string;
  memberName: string;
  grantedAt: string;
}

/** A member an admin may grant a role to, as found by name or phone. */
export interface RoleCandidate {
  memberId: string;
  name: string;
  /** masked */
  phone: string;
  workUnit: string;
  orgName: string;
}

/** Admins act within their admin grants' subtrees: the roles there, for members there. */
export interface RolesApi {
  list: { input: { orgId?: string }; output: { grants: RoleHolderView[] } };
  /** Approved members of the admin's subtrees whose name begins with `query`, or whose phone or ID card it is. */
  findMembers: { input: { query: string }; output: { members: RoleCandidate[] } };
  /** The member by `idCard` (the 18-digit number an admin is given) or by `memberId` (from findMembers):
   *  exactly one of them, a member of the admin's subtrees. */
  grant: { input: { idCard?: string; memberId?: string; role: Role; orgId: string }; output: { grant: RoleHolderView } };
  /** LAST_ADMIN for the last admin grant covering its org, whoever revokes it. */
  revoke: { input: { grantId: string }; output: { revoked: true } };
}
