// The officers along some org paths (access/coverage.ts): one indexed read of the stage roles' grants at
// every org on them, issued before a decision's transaction (CloudBase allows no query inside one).
import { STAGE_ROLES, type StaffGrant, type Staffing } from '../access/coverage';
import { _, db, rows } from '../cloud';

/** Grants at the orgs of a county's deepest paths number in the tens; 1000 is the server SDK's largest page. */
const MAX_GRANTS = 1000;

export async function staffingOf(paths: readonly (readonly string[])[]): Promise<Staffing> {
  const orgIds = [...new Set(paths.flat())];
  if (!orgIds.length) return [];
  return rows<StaffGrant>(
    db
      .collection('roles')
      .where({ role: _.in([...STAGE_ROLES]), orgId: _.in(orgIds) })
      .field({ openid: true, role: true, orgId: true, memberName: true })
      .limit(MAX_GRANTS),
  );
}
