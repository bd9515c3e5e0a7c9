// The work waiting for officers, counted as it changes, so that a queue's counts per status, the workbench
// and a review reminder read a handful of counter documents however many records wait (never the records).
//
// A counter counts the records of one subject — a campaign's applications, legal-aid cases, memberships —
// by status under one org: the record's org and every org above it, so the count of an officer's subtree
// is the counter of its root. A step's change — what the record counts after it minus what it counted
// before — goes, like the report counters' (figures.ts), into the step's one delta document, in the
// transaction that takes it (data/workflowStep.ts for applications and cases, the members function for
// memberships), and the fold job adds it to the counters (domain/deltas.ts).
import type { ApplicationStatus } from '../../../typings/api/applications';
import type { CaseStatus } from '../../../typings/api/cases';
import type { MembershipStatus } from '../../../typings/api/members';
import type { FoldMark } from './deltas';

export const LEGAL_AID_SUBJECT = 'legalAid';
export const MEMBERSHIP_SUBJECT = 'membership';

/** What a record is counted as, or null when it waits for nobody (a member once reviewed). */
export interface Counted {
  /** a campaign's id, legalAid or membership */
  subject: string;
  status: string;
  /** the record's org path, root first */
  orgPath: readonly string[];
  /** the path of the org the subject belongs to (a campaign's org); [] for legal aid and memberships */
  ownerPath: readonly string[];
}

/** The statuses in which a record waits for an officer: a document's `waiting` sums them, what the
 *  workbench and the reminders read by. */
export const WAITING_STATUSES = ['pending', 'submitted', 'accepted', 'recommended', 'approved'] as const;

export interface WorkloadKey {
  _id: string;
  subject: string;
  orgId: string;
  orgPath: string[];
  ownerPath: string[];
}

/** One (subject, org) counter: its records by status, so a step that moves a record from one status to
 *  another changes one document per org of its path. */
export interface WorkloadDoc extends WorkloadKey, FoldMark {
  counts: Record<string, number>;
  /** the counts of the waiting statuses, summed */
  waiting: number;
}

export interface WorkloadChange {
  key: WorkloadKey;
  add: Record<string, number>;
}

export type WorkloadRecord =
  | { kind: 'application'; record: { _id: string; campaignId: string; status: ApplicationStatus; applicantOrgPath: readonly string[]; campaignOrgPath: readonly string[] } }
  | { kind: 'case'; record: { _id: string; status: CaseStatus; orgPath: readonly string[] } }
  | { kind: 'member'; record: { _id: string; status: MembershipStatus; orgPath: readonly string[] } };

export function countedAs(r: WorkloadRecord): Counted | null {
  switch (r.kind) {
    case 'application':
      return { subject: r.record.campaignId, status: r.record.status, orgPath: r.record.applicantOrgPath, ownerPath: r.record.campaignOrgPath };
    case 'case':
      return { subject: LEGAL_AID_SUBJECT, status: r.record.status, orgPath: r.record.orgPath, ownerPath: [] };
    case 'member':
      return r.record.status === 'pending' ? { subject: MEMBERSHIP_SUBJECT, status: 'pending', orgPath: r.record.orgPath, ownerPath: [] } : null;
  }
}

export const workloadId = (subject: string, orgId: string): string => `${subject}|${orgId}`;

/** What steps change of one subject's counts by status along one org path: the packed form a delta keeps,
 *  expanded to counter documents by expandWorkload. */
export interface WorkloadFlow {
  subject: string;
  ownerPath: string[];
  orgPath: string[];
  add: Record<string, number>;
}

/** Entries with their zero additions dropped, and those left with none. */
function nonZero<T extends { add: Record<string, number> }>(entries: Iterable<T>): T[] {
  const out: T[] = [];
  for (const e of entries) {
    const add = Object.fromEntries(Object.entries(e.add).filter(([, n]) => n !== 0));
    if (Object.keys(add).length) out.push({ ...e, add });
  }
  return out;
}

/** The flows of steps on records (before null: created; after null: no longer counted), per subject and path. */
export function workloadFlows(steps: readonly { before: WorkloadRecord | null; after: WorkloadRecord | null }[]): WorkloadFlow[] {
  const byKey = new Map<string, WorkloadFlow>();
  const add = (c: Counted | null, sign: 1 | -1) => {
    if (!c) return;
    const k = JSON.stringify([c.subject, c.ownerPath, c.orgPath]);
    const flow = byKey.get(k) ?? { subject: c.subject, ownerPath: [...c.ownerPath], orgPath: [...c.orgPath], add: {} };
    flow.add[c.status] = (flow.add[c.status] ?? 0) + sign;
    byKey.set(k, flow);
  };
  for (const s of steps) {
    add(s.before && countedAs(s.before), -1);
    add(s.after && countedAs(s.after), 1);
  }
  return nonZero(byKey.values());
}

/** Flows as changes to counter documents, one per org of each path, summed per document. */
export function expandWorkload(flows: Iterable<WorkloadFlow>): WorkloadChange[] {
  const byId = new Map<string, WorkloadChange>();
  for (const f of flows) {
    f.orgPath.forEach((orgId, i) => {
      const _id = workloadId(f.subject, orgId);
      const change = byId.get(_id) ?? { key: { _id, subject: f.subject, orgId, orgPath: f.orgPath.slice(0, i + 1), ownerPath: [...f.ownerPath] }, add: {} };
      for (const [status, n] of Object.entries(f.add)) change.add[status] = (change.add[status] ?? 0) + n;
      byId.set(_id, change);
    });
  }
  return nonZero(byId.values());
}

/** The counter changes of steps on records, summed per counter document; a document whose counts do not
 *  change is left out. */
export function workloadChanges(steps: readonly { before: WorkloadRecord | null; after: WorkloadRecord | null }[]): WorkloadChange[] {
  return expandWorkload(workloadFlows(steps));
}

const waitingOf = (counts: Record<string, number>) => WAITING_STATUSES.reduce((s, st) => s + (counts[st] ?? 0), 0);

/** A counter after a change: created from its key when new; its fold mark is kept. */
export function applyWorkload(stored: WorkloadDoc | null, change: WorkloadChange): WorkloadDoc {
  const counts = { ...stored?.counts };
  for (const [status, n] of Object.entries(change.add)) counts[status] = (counts[status] ?? 0) + n;
  return { ...change.key, counts, waiting: waitingOf(counts), ...(stored?.seq !== undefined && { seq: stored.seq, lastAdd: stored.lastAdd }) };
}

/** A counter (subject, status, org), never below 0; with the subject's owner path. */
export interface CounterSum {
  subject: string;
  status: string;
  orgId: string;
  ownerPath: readonly string[];
  n: number;
}

/** Counter documents (and the unfolded changes to them, as documents) summed per (subject, status, org). */
export function sumWorkload(docs: readonly Pick<WorkloadDoc, 'subject' | 'orgId' | 'ownerPath' | 'counts'>[]): CounterSum[] {
  const sums = new Map<string, CounterSum>();
  for (const d of docs) {
    for (const [status, n] of Object.entries(d.counts ?? {})) {
      const k = `${d.subject}|${status}|${d.orgId}`;
      const sum = sums.get(k) ?? { subject: d.subject, status, orgId: d.orgId, ownerPath: d.ownerPath, n: 0 };
      sum.n += n;
      sums.set(k, sum);
    }
  }
  return [...sums.values()].map((s) => ({ ...s, n: Math.max(0, s.n) }));
}
