// Reading one member: by the caller's openid (unique index), by member id, or by ID card (its keyed hash,
// unique index): officers know members by their ID card, never by an internal id.
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
