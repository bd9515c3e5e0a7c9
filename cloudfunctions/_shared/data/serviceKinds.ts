// The serviceKinds collection: the stored shape of a kind (domain/serviceKinds.ts says what it is), the
// kinds an org sees, and the view built from a kind. Built-ins are seeded from cloudbase/service-kinds.json.
import type { ServiceKindDraft, ServiceKindView, SubjectType } from '../../../typings/api/serviceKinds';
import { _, db, rows } from '../cloud';

export const SERVICE_KINDS = 'serviceKinds';

export interface ServiceKindDoc extends Omit<ServiceKindDraft, 'orgId'> {
  _id: string;
  builtin: boolean;
  /** the federation whose subtree sees it; null for a built-in */
  orgId: string | null;
  /** that org's path; [] for a built-in */
  orgPath: string[];
  /** built-ins: the order they are listed in, and the version of the seed that wrote them */
  order?: number;
  seedVersion?: number;
  version: number;
  createdAt?: Date;
  updatedAt?: Date;
}

/** More kinds than any org path sees: the built-ins and a few per federation. */
const KINDS_LIMIT = 100;

export async function getKind(kindId: string): Promise<ServiceKindDoc | null> {
  const res = (await db.collection(SERVICE_KINDS).doc(kindId).get()) as unknown as { data: ServiceKindDoc | null };
  return res.data ?? null;
}

/** The kinds an org path (or several) sees: the built-ins (in their order), then those made for an org on
 *  it, oldest first. Two indexed reads, issued together. */
export async function kindsSeenFrom(orgIds: readonly string[]): Promise<ServiceKindDoc[]> {
  const [builtins, own] = await Promise.all([
    rows<ServiceKindDoc>(db.collection(SERVICE_KINDS).where({ builtin: true }).limit(KINDS_LIMIT)),
    orgIds.length ? rows<ServiceKindDoc>(db.collection(SERVICE_KINDS).where({ orgId: _.in([...new Set(orgIds)]) }).limit(KINDS_LIMIT)) : [],
  ]);
  builtins.sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  own.sort((a, b) => new Date(a.createdAt ?? 0).getTime() - new Date(b.createdAt ?? 0).getTime() || a._id.localeCompare(b._id));
  return [...builtins, ...own];
}

/** The subject type the kinds of a year group have (all the same), or null when the group is new. Kinds
 *  other than `exceptKindId` are read. */
export async function yearGroupSubject(yearGroup: string | null, exceptKindId?: string): Promise<SubjectType | null> {
  if (yearGroup === null) return null;
  const found = await rows<Pick<ServiceKindDoc, '_id' | 'subject'>>(
    db.collection(SERVICE_KINDS).where({ 'duplicate.yearGroup': yearGroup }).field({ _id: true, subject: true }).limit(KINDS_LIMIT),
  );
  return found.find((k) => k._id !== exceptKindId)?.subject.type ?? null;
}

export function kindView(k: ServiceKindDoc, orgName: string, editable: boolean): ServiceKindView {
  return {
    kindId: k._id,
    builtin: k.builtin,
    orgId: k.orgId,
    orgName,
    editable,
    version: k.version,
    label: k.label,
    description: k.description,
    icon: k.icon,
    subject: k.subject,
    settle: k.settle,
    counting: k.counting,
    duplicate: k.duplicate,
    sentence: k.sentence,
    headline: k.headline,
    eligibility: k.eligibility,
    template: k.template,
  };
}
