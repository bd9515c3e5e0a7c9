// Loads the calling Actor: two indexed reads (member by openid, roles by openid), issued together.
import type { Role } from '../../../typings/api';
import type { Actor } from '../access/actor';
import { db, rows } from '../cloud';

interface RoleDoc {
  _id: string;
  role: Role;
  orgId: string;
  orgPath: string[];
}

export async function loadActor(openid: string): Promise<Actor> {
  if (!openid) return { openid: '', memberId: null, verified: false, grants: [] };
  const [members, roles] = await Promise.all([
    rows<{ _id: string; status: string }>(db.collection('members').where({ openid }).field({ _id: true, status: true }).limit(1)),
    rows<RoleDoc>(db.collection('roles').where({ openid }).limit(100)),
  ]);
  const member = members[0];
  return {
    openid,
    memberId: member?._id ?? null,
    verified: member?.status === 'approved',
    grants: roles.map((g) => ({ grantId: g._id, role: g.role, orgId: g.orgId, orgPath: g.orgPath })),
  };
}
