// The `roles` function: admins grant and revoke roles in their subtree, each scoped to an org and its
// subtree, to a member they find by name or phone; every change is audited in the same transaction, and the
// last admin of a scope is never revoked.
import { defineFunction } from '../_shared/function';
import { grant, list, revoke } from './grants';
import { findMembers } from './members';

export const actions = { list, findMembers, grant, revoke };
export const main = defineFunction('roles', actions);
