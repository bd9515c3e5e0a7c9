// 我的: the caller's own profile and roles.
import type { MeView, Role } from '../../typings/api';
import { db, rows } from '../_shared/cloud';
import { memberByOpenid } from '../_shared/data/memberLookup';
import { uploadPrefix } from '../_shared/data/files';
import { profileView } from '../_shared/data/members';
import { orgNames } from '../_shared/data/orgs';
import { action, ok } from '../_shared/function';
import { z } from '../_shared/validation';

export const me = action(z.strictObject({}), async (ctx) => {
  if (!ctx.openid) return ok<MeView>({ registered: false, profile: null, roles: [], uploadPrefix: '' });
  const [member, grants] = await Promise.all([
    memberByOpenid(ctx.openid),
    rows<{ _id: string; role: Role; orgId: string }>(db.collection('roles').where({ openid: ctx.openid }).limit(100)),
  ]);
  const names = await orgNames([...(member ? [member.orgId] : []), ...grants.map((g) => g.orgId)]);
  return ok<MeView>({
    registered: Boolean(member),
    profile: member ? profileView(member, names.get(member.orgId) ?? '') : null,
    roles: grants.map((g) => ({ grantId: g._id, role: g.role, orgId: g.orgId, orgName: names.get(g.orgId) ?? '' })),
    uploadPrefix: uploadPrefix(ctx.openid),
  });
});
