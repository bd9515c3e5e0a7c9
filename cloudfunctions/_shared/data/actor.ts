// Loads the calling Actor: two indexed reads (member by openid, roles by openid), issued together; or, for
// the writes, as $lookup stages of the one aggregation that also reads what the write needs first
// (callerLookups), so that a write loads its caller, and what it acts on, in one round trip.
import type { Role } from '../../../typings/api';
import type { HardshipGrade } from '../../../typings/api/hardship';
import type { Actor } from '../access/actor';
import type { Staffing } from '../access/coverage';
import { db, rows } from '../cloud';
import { validGrade } from '../domain/hardship';
import { gradeLookup, type GradeFacts } from './hardship';
import type { MemberDoc } from './members';
import { staffLookup, staffOf, type StaffDoc } from './staffing';

interface RoleDoc {
  _id: string;
  role: Role;
  orgId: string;
  orgPath: string[];
}

/** A person holds a handful of grants; 100 is what a get answers by default, and what loadActor reads. */
const MAX_GRANTS_OF_ONE = 100;

export async function loadActor(openid: string): Promise<Actor> {
  if (!openid) return { openid: '', memberId: null, verified: false, grants: [] };
  const [members, roles] = await Promise.all([
    rows<{ _id: string; status: string }>(db.collection('members').where({ openid }).field({ _id: true, status: true }).limit(1)),
    rows<RoleDoc>(db.collection('roles').where({ openid }).limit(MAX_GRANTS_OF_ONE)),
  ]);
  return actorOf(openid, members[0] ?? null, roles);
}

function actorOf(openid: string, member: { _id: string; status: string } | null, roles: readonly RoleDoc[]): Actor {
  return {
    openid,
    memberId: member?._id ?? null,
    verified: member?.status === 'approved',
    grants: roles.map((g) => ({ grantId: g._id, role: g.role, orgId: g.orgId, orgPath: g.orgPath })),
  };
}

/** What callerLookups join onto the document an aggregation reads. */
export interface CallerJoined {
  callerMember: { _id: string; status: string }[];
  callerGrants: RoleDoc[];
}

/** The caller's member record (id and status, one at most: openid is unique) and grants (a handful), each
 *  by the caller's openid on its index, as $lookup stages (uncorrelated sub-pipelines). */
export function callerLookups(openid: string) {
  return [
    { from: 'members', pipeline: [{ $match: { openid } }, { $limit: 1 }, { $project: { _id: 1, status: 1 } }], as: 'callerMember' },
    { from: 'roles', pipeline: [{ $match: { openid } }, { $limit: MAX_GRANTS_OF_ONE }], as: 'callerGrants' },
  ];
}

/** The Actor of `openid` from what callerLookups joined (no one for a call without a caller). */
export function callerOf(openid: string, joined: CallerJoined): Actor {
  return openid ? actorOf(openid, joined.callerMember[0] ?? null, joined.callerGrants) : actorOf('', null, []);
}

/** A document read beside the caller by its id (a campaign to apply to): its collection and id. */
export interface ById {
  from: string;
  id: string;
}

/** The calling member as a write needs them, and the documents it asked for by id. */
export interface MemberCaller<K extends string> {
  member: MemberDoc;
  actor: Actor;
  /** the grade their hardship record lends them now (null: none valid) */
  hardshipGrade: HardshipGrade | null;
  /** the stage officers at every org on the member's path (access/coverage.ts) */
  staff: Staffing;
  /** the name of the member's org */
  orgName: string;
  docs: Record<K, unknown>;
}

/**
 * The caller as a member, in one aggregation on `members` by their openid: the member, their grants, their
 * hardship record's grade, the stage officers along their path, their org's name, and `byId` (each a
 * document by its id, or null). Null when the caller is no member. One row ($limit 1); each joined list is
 * bounded: one member and a handful of grants (callerLookups), one record, the grants at the orgs of one path
 * (tens), one org by _id, one document per id. The equality joins carry no $limit of their own (CloudBase's
 * lookup takes either localField/foreignField or a pipeline), so their bound is the key's.
 */
export async function loadMemberCaller<K extends string>(openid: string, now: Date, byId: Record<K, ById> = {} as Record<K, ById>): Promise<MemberCaller<K> | null> {
  if (!openid) return null;
  const names = Object.keys(byId) as K[];
  type Row = MemberDoc & CallerJoined & { hardship: GradeFacts[]; staff: StaffDoc[]; org: { name: string }[] } & Record<K, unknown[]>;
  let agg = db.collection('members').aggregate().match({ openid }).limit(1);
  for (const stage of [...callerLookups(openid), gradeLookup(openid, 'hardship'), staffLookup('orgPath', 'staff')]) agg = agg.lookup(stage);
  agg = agg.lookup({ from: 'orgs', localField: 'orgId', foreignField: '_id', as: 'org' });
  for (const k of names) agg = agg.lookup({ from: byId[k].from, pipeline: [{ $match: { _id: byId[k].id } }, { $limit: 1 }], as: k });
  const { list } = (await agg.end()) as { list: Row[] };
  const row = list[0];
  if (!row) return null;
  const { callerMember, callerGrants, hardship, staff, org, ...rest } = row;
  const member = Object.fromEntries(Object.entries(rest).filter(([k]) => !names.includes(k as K))) as unknown as MemberDoc;
  return {
    member,
    actor: callerOf(openid, { callerMember, callerGrants }),
    hardshipGrade: validGrade(hardship[0] ?? null, now),
    staff: staffOf(staff),
    orgName: org[0]?.name ?? '',
    docs: Object.fromEntries(names.map((k) => [k, row[k][0] ?? null])) as Record<K, unknown>,
  };
}
