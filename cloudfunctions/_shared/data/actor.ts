// Loads the calling Actor: two indexed reads (member by openid, roles by openid), issued together; or, for
// the writes, as $lookup stages of the one aggregation that also reads what the write needs first
// (loadWithCaller), so that a write loads its caller, and what it acts on, in one round trip.
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
interface CallerJoined {
  callerMember: { _id: string; status: string }[];
  callerGrants: RoleDoc[];
}

/** The caller's member record (id and status, one at most: openid is unique) and grants (a handful), each
 *  by the caller's openid on its index, as $lookup stages (uncorrelated sub-pipelines). */
function callerLookups(openid: string): Lookup[] {
  return [
    { from: 'members', pipeline: [{ $match: { openid } }, { $limit: 1 }, { $project: { _id: 1, status: 1 } }], as: 'callerMember' },
    { from: 'roles', pipeline: [{ $match: { openid } }, { $limit: MAX_GRANTS_OF_ONE }], as: 'callerGrants' },
  ];
}

/** A $lookup stage: data/*.ts build them (staffLookup, gradeLookup, byIdLookup, orgLookup). */
export type Lookup = { from: string; as: string } & Record<string, unknown>;

/** A document by its id, joined as `as` (a campaign to apply to, a lawyer's grant): one at most. */
export function byIdLookup(from: string, id: string, as: string): Lookup {
  return { from, pipeline: [{ $match: { _id: id } }, { $limit: 1 }], as };
}

/** The org a field of the document names, joined as `as` (its name for the answer): one at most, by _id. */
export function orgLookup(field: string, as: string): Lookup {
  return { from: 'orgs', localField: field, foreignField: '_id', as };
}

/** The name of what a join found (an org by orgLookup, an officer by name), '' when it found none. */
export const joinedName = (found: readonly unknown[]): string => (found[0] as { name: string } | undefined)?.name ?? '';

/** One document with the caller and what else a write needs first (loadWithCaller). */
export interface WithCaller<D> {
  doc: D;
  actor: Actor;
  /** the stage officers at the orgs of the document's paths (access/coverage.ts) */
  staff: Staffing;
  /** what each of the joins joined, by its `as` */
  joined: Record<string, unknown[]>;
}

/**
 * One document and what a write needs with it, in one aggregation: the document `match` finds in
 * `collection`, the caller (their member record and grants, by openid), the stage officers at the orgs of
 * the document's path fields `paths`, and `joins`. One row ($limit 1); each joined list is bounded by its
 * key: one member and a handful of grants, the grants at the orgs of one path (tens), one document by _id
 * or unique key. The equality joins carry no $limit of their own (CloudBase's lookup takes either
 * localField/foreignField or a pipeline), so their bound is the key's. Null when no document matches.
 */
export async function loadWithCaller<D>(collection: string, match: object, openid: string, paths: readonly string[], joins: readonly Lookup[] = []): Promise<WithCaller<D> | null> {
  const staffAs = paths.map((_p, i) => `callerStaff${i}`);
  const stages = [...callerLookups(openid), ...paths.map((p, i) => staffLookup(p, staffAs[i])), ...joins];
  let agg = db.collection(collection).aggregate().match(match).limit(1);
  for (const stage of stages) agg = agg.lookup(stage);
  const { list } = (await agg.end()) as { list: Record<string, unknown>[] };
  if (!list[0]) return null;
  const doc = { ...list[0] };
  const joined: Record<string, unknown[]> = {};
  for (const { as } of stages) {
    joined[as] = (doc[as] as unknown[] | undefined) ?? [];
    delete doc[as];
  }
  const caller = joined as unknown as CallerJoined;
  return {
    doc: doc as D,
    actor: openid ? actorOf(openid, caller.callerMember[0] ?? null, caller.callerGrants) : actorOf('', null, []),
    staff: staffOf(...staffAs.map((as) => joined[as] as StaffDoc[])),
    joined,
  };
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
 * The caller as a member, in one aggregation on `members` by their openid (loadWithCaller): the member,
 * their grants, the stage officers along their path, their hardship record's grade (one record per member),
 * their org's name, and `byId` (each a document by its id, or null). Null when the caller is no member.
 */
export async function loadMemberCaller<K extends string>(openid: string, now: Date, byId: Record<K, { from: string; id: string }> = {} as Record<K, { from: string; id: string }>): Promise<MemberCaller<K> | null> {
  if (!openid) return null;
  const names = Object.keys(byId) as K[];
  const found = await loadWithCaller<MemberDoc>('members', { openid }, openid, ['orgPath'], [
    gradeLookup(openid, 'hardship'),
    orgLookup('orgId', 'org'),
    ...names.map((k) => byIdLookup(byId[k].from, byId[k].id, k)),
  ]);
  if (!found) return null;
  const { doc, actor, staff, joined } = found;
  return {
    member: doc,
    actor,
    hardshipGrade: validGrade((joined.hardship[0] as GradeFacts | undefined) ?? null, now),
    staff,
    orgName: joinedName(joined.org),
    docs: Object.fromEntries(names.map((k) => [k, joined[k][0] ?? null])) as Record<K, unknown>,
  };
}
