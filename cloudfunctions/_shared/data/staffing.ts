// The officers along some org paths (access/coverage.ts): one indexed read of the stage roles' grants at
// every org on them, issued before a decision's transaction (CloudBase allows no query inside one); or the
// grants at the orgs of a path a document holds, joined onto it in the aggregation that reads it.
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

/** A grant as staffLookup joins it. */
export type StaffDoc = StaffGrant & { _id: string };

/**
 * Every grant at an org of the path in `pathField` of the documents an aggregation reads, as a $lookup
 * stage answering `as`: an array localField matches each of its elements, on roles' orgId index. The grants
 * at the orgs of one path number in the tens; staffOf keeps the stage roles'.
 */
export function staffLookup(pathField: string, as: string) {
  return { from: 'roles', localField: pathField, foreignField: 'orgId', as };
}

/** The stage officers among grants staffLookup joined (of one or more paths, each grant once). */
export function staffOf(...found: readonly (readonly StaffDoc[])[]): Staffing {
  const byId = new Map(found.flat().filter((g) => STAGE_ROLES.includes(g.role)).map((g) => [g._id, g]));
  return [...byId.values()].map(({ openid, role, orgId, memberName }) => ({ openid, role, orgId, memberName }));
}

/** Every grant at the org `orgId` (one a step names, as a referral its new org), as a $lookup stage
 *  answering `as`, on roles' orgId index: tens at most; staffOf keeps the stage roles'. */
export function staffAtLookup(orgId: string, as: string) {
  return { from: 'roles', pipeline: [{ $match: { orgId } }, { $limit: MAX_GRANTS }], as };
}

/** The stage officers along `path`: those `read` at every org of it already (joined before a step), else
 *  one read (a referral to an org whose parents the read did not reach, or a retry answering a record
 *  stored elsewhere). */
export async function staffAlong(path: readonly string[], read: { orgIds: readonly string[]; staff: Staffing }): Promise<Staffing> {
  return path.every((id) => read.orgIds.includes(id)) ? read.staff : staffingOf([path]);
}
