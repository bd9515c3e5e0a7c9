// Reading one member: by the caller's openid (unique index), by member id, or by ID card (its keyed hash,
// unique index): officers know members by their ID card, never by an internal id. Or a member's name, as a
// $lookup stage of an aggregation that reads something else.
import { db, rows } from '../cloud';
import type { IdCard } from '../domain/idCard';
import { idCardHash, type MemberDoc } from './members';

export async function memberByOpenid(openid: string): Promise<MemberDoc | null> {
  const [m] = await rows<MemberDoc>(db.collection('members').where({ openid }).limit(1));
  return m ?? null;
}

export async function memberById(memberId: string): Promise<MemberDoc | null> {
  const [m] = await rows<MemberDoc>(db.collection('members').where({ _id: memberId }).limit(1));
  return m ?? null;
}

export async function memberByIdCard(id: IdCard): Promise<MemberDoc | null> {
  const [m] = await rows<MemberDoc>(db.collection('members').where({ 'idCard.hash': idCardHash(id) }).limit(1));
  return m ?? null;
}

/** The name of the member with `openid` (an officer's, for the record they sign), as a $lookup stage
 *  answering `as`: one at most, on the unique openid index. */
export function nameLookup(openid: string, as: string) {
  return { from: 'members', pipeline: [{ $match: { openid } }, { $limit: 1 }, { $project: { name: 1 } }], as };
}
