// The cases collection (法律援助): the stored shape — the workflow record, who opened it, the contact phone
// sealed, the queue rank and the deadline the indexes serve — and the views built from it.
import type {
  CaseAction,
  CaseDetail,
  CaseOutcome,
  CaseStepKind,
  CaseSummary,
  CaseTimelineEntry,
} from '../../../typings/api/cases';
import { CASE_PART_LABELS } from '../../../typings/api/cases';
import type { Actor } from '../access/actor';
import { maySeePhoneInClear } from '../access/cases';
import { db } from '../cloud';
import { lastDayOf } from '../domain/workingDays';
import { personalDataKeys } from '../keys';
import { decrypt } from '../personalData';
import { caseMachine, type CaseRecord } from '../workflow/cases';
import { availableTransitions } from '../workflow/machine';
import type { Sealed } from './members';

export interface CaseDoc extends CaseRecord {
  /** made once per form on the phone; the _id derives from it and the opener */
  requestKey: string;
  openedBy: string;
  onBehalf: boolean;
  contactPhone: Sealed;
  contactTime: string;
  description: string;
  /**
   * The order of the officers' and lawyers' queue, kept by every write: 0 not yet accepted, 1 open and
   * overdue, 2 open, 3 closed or declined. The queue reads (scope, queueRank, createdAt, _id) by range.
   */
  queueRank: number;
}

export function queueRankOf(c: Pick<CaseRecord, 'status' | 'overdue'>): number {
  if (c.status === 'submitted') return 0;
  if (c.status === 'closed' || c.status === 'declined') return 3;
  return c.overdue ? 1 : 2;
}

/** The document as stored after a change: its queue rank follows its status and overdue flag. */
export function withRank<D extends CaseDoc>(doc: D): D {
  return { ...doc, queueRank: queueRankOf(doc) };
}

const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null) => (d ? iso(d) : null);

export function caseSummary(doc: CaseDoc, orgName: string): CaseSummary {
  return {
    caseId: doc._id,
    status: doc.status,
    disputeType: doc.disputeType,
    employerName: doc.employerName,
    amountInDisputeFen: doc.amountInDisputeFen,
    workersAffected: doc.workersAffected,
    personName: doc.personName,
    onBehalf: doc.onBehalf,
    orgId: doc.orgId,
    orgName,
    lawyerName: doc.lawyer?.name ?? null,
    createdAt: iso(doc.createdAt),
    updatedAt: iso(doc.updatedAt),
    deadlineAt: isoOrNull(doc.deadlineAt),
    deadlineDay: doc.deadlineAt ? lastDayOf(new Date(doc.deadlineAt)) : null,
    overdue: doc.overdue,
    overdueSince: isoOrNull(doc.overdueSince),
    supervised: doc.supervised,
    outcome: doc.outcome,
    recoveredFen: doc.recoveredFen,
    version: doc.version,
  };
}

export function caseDetail(doc: CaseDoc, actor: Actor, orgName: string, urls: Map<string, string>): CaseDetail {
  const file = (fileId: string) => ({ fileId, url: urls.get(fileId) ?? '' });
  const timeline: CaseTimelineEntry[] = doc.history.map((e) => {
    const d = e.details ?? {};
    const part = e.part;
    return {
      at: iso(e.at),
      action: e.action as CaseAction,
      from: e.action === 'open' ? null : e.from,
      to: e.to,
      part,
      partLabel: CASE_PART_LABELS[part],
      comment: e.comment,
      ...(typeof d.step === 'string' && { step: d.step as CaseStepKind }),
      ...(typeof d.toOrgName === 'string' && { toOrgName: d.toOrgName }),
      ...(typeof d.lawyerName === 'string' && { lawyerName: d.lawyerName }),
      ...(Array.isArray(d.files) && { files: (d.files as string[]).map(file) }),
      ...(typeof d.outcome === 'string' && { outcome: d.outcome as CaseOutcome }),
      ...(typeof d.recoveredFen === 'number' && { recoveredFen: d.recoveredFen }),
      ...(typeof d.stars === 'number' && { stars: d.stars }),
    };
  });
  const last = (action: CaseAction) => [...doc.history].reverse().find((e) => e.action === action);
  return {
    ...caseSummary(doc, orgName),
    description: doc.description,
    contactTime: doc.contactTime,
    contactPhone: maySeePhoneInClear(actor, doc) ? decrypt(doc.contactPhone.enc, personalDataKeys().encryptionKey) : doc.contactPhone.masked,
    phoneInClear: maySeePhoneInClear(actor, doc),
    priorProceedings: doc.priorProceedings,
    evidence: doc.evidence.map(file),
    timeline,
    closing:
      doc.status === 'closed' && doc.finishedAt && doc.outcome
        ? { closedAt: iso(doc.finishedAt), outcome: doc.outcome, recoveredFen: doc.recoveredFen ?? 0 }
        : null,
    declineReason: doc.status === 'declined' ? (last('decline')?.comment ?? null) : null,
    rating: doc.rating ? { stars: doc.rating.stars, comment: last('rate')?.comment ?? null, ratedAt: iso(doc.rating.ratedAt) } : null,
    actions: availableTransitions(caseMachine, doc, actor) as CaseAction[],
  };
}

export async function getCase(caseId: string): Promise<CaseDoc | null> {
  const res = (await db.collection('cases').doc(caseId).get()) as unknown as { data: CaseDoc | null };
  return res.data ?? null;
}
