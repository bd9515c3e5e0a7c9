// Reading one member: by the caller's openid (unique index) or by member id.
import { db, rows } from '../cloud';
import type { MemberDoc } from './members';

export async function memberByOpenid(openid: string): Promise<MemberDoc | null> {
  const [m] = await rows<MemberDoc>(db.collection('members').where({ openid }).limit(1));
  return m ?? null;
}

export async function memberById(memberId: string): Promise<MemberDoc | null> {
  const [m] = await rows<MemberDoc>(db.collection('members').where({ _id: memberId }).limit(1));
  return m ?? null;
}
