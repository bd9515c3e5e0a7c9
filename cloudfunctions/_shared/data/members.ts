// The members collection: the stored shape, how identity is sealed into it, and how it is shown.
import type { MembershipStatus, NewEmploymentKind, ProfileView } from '../../../typings/api';
import type { IdCard } from '../domain/idCard';
import type { Phone } from '../domain/phone';
import { personalDataKeys } from '../keys';
import { encrypt, lookupHash, maskIdCard, maskPhone } from '../personalData';

/** A sensitive value at rest: encrypted, a keyed hash for look-ups, and the masked form for display. */
export interface Sealed {
  enc: string;
  hash: string;
  masked: string;
}

export interface MemberDoc {
  _id: string;
  openid: string;
  name: string;
  idCard: Sealed;
  phone: Sealed;
  gender: 'male' | 'female';
  birthDate: string;
  workUnit: string;
  orgId: string;
  orgPath: string[];
  newEmployment: NewEmploymentKind | null;
  status: MembershipStatus;
  reviewNote: string | null;
  submittedAt: Date;
  reviewedAt: Date | null;
  reviewedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** The keyed hash an ID card is found by (the members' unique index). */
export function idCardHash(id: IdCard): string {
  return lookupHash('idCard', id.normalized, personalDataKeys().hashKey);
}

export function sealIdCard(id: IdCard): Sealed {
  const k = personalDataKeys();
  return { enc: encrypt(id.normalized, k.encryptionKey), hash: idCardHash(id), masked: maskIdCard(id.normalized) };
}

export function sealPhone(p: Phone): Sealed {
  const k = personalDataKeys();
  return { enc: encrypt(p.normalized, k.encryptionKey), hash: lookupHash('phone', p.normalized, k.hashKey), masked: maskPhone(p.normalized) };
}

/** The member's fields that a registration or an edit sets, from validated input. */
export function identityFields(input: Pick<ProfileView, 'name' | 'workUnit' | 'newEmployment'>, id: IdCard, phone: Phone, orgPath: string[]) {
  return {
    name: input.name,
    idCard: sealIdCard(id),
    phone: sealPhone(phone),
    gender: id.gender,
    birthDate: id.birthDate,
    workUnit: input.workUnit,
    orgId: orgPath[orgPath.length - 1],
    orgPath,
    newEmployment: input.newEmployment,
  };
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** The profile as anyone sees it: ID card and phone masked. */
export function profileView(m: MemberDoc, orgName: string): ProfileView {
  return {
    memberId: m._id,
    name: m.name,
    idCard: m.idCard.masked,
    phone: m.phone.masked,
    gender: m.gender,
    birthDate: m.birthDate,
    workUnit: m.workUnit,
    orgId: m.orgId,
    orgName,
    newEmployment: m.newEmployment,
    status: m.status,
    reviewNote: m.reviewNote,
    submittedAt: iso(m.submittedAt) as string,
    reviewedAt: iso(m.reviewedAt),
    version: m.version,
  };
}
