// The hardship records collection (困难职工档案): one record per member (its id derives from the member's),
// how a household is sealed into it, how it is shown (household ID cards masked, to everyone), and the grade
// it lends: the queue's hardship mark and eligibility at submit time read a confirmed record valid at that
// instant, never a flag the member set. A step writes through writeRecordStep (data/workflowStep.ts).
import type { HardshipDetail, HardshipMark, HardshipMine, HardshipSummary, HardshipTimelineEntry, HouseholdMemberInput } from '../../../typings/api';
import { HARDSHIP_GRADE_LABELS, HARDSHIP_STATUS_LABELS } from '../../../typings/api';
import type { Actor } from '../access/actor';
import { _, db, rows } from '../cloud';
import { isDueForReview, isLapsed, lapsesAt, reviewDueOn, validGrade } from '../domain/hardship';
import { parseIdCard } from '../domain/idCard';
import { availableTransitions } from '../workflow/machine';
import { HARDSHIP_ACTION_LABELS, hardshipMachine, type HardshipRecord, type SealedHouseholdMember } from '../workflow/hardship';
import { sealIdCard, type MemberDoc } from './members';

export const HARDSHIP_RECORDS = 'hardshipRecords';

export const hardshipRecordId = (memberId: string): string => `hardship-${memberId}`;

export async function recordById(recordId: string): Promise<HardshipRecord | null> {
  const [r] = await rows<HardshipRecord>(db.collection(HARDSHIP_RECORDS).where({ _id: recordId }).limit(1));
  return r ?? null;
}

/** The record of each member an aggregation on `members` reads, as a $lookup stage answering `as`: by the
 *  member's openid on the record's unique index, one at most (one record per member, its id derived from
 *  the member's, which a filing by ID card learns only from the member it finds). */
export function memberRecordLookup(as: string) {
  return { from: HARDSHIP_RECORDS, localField: 'openid', foreignField: 'memberOpenid', as };
}

/** A member's record before any step: the step that makes it sets its status, facts and history. */
export function blankRecord(member: MemberDoc, now: Date): Omit<HardshipRecord, 'status' | 'history'> {
  return {
    _id: hardshipRecordId(member._id),
    memberId: member._id,
    memberOpenid: member.openid,
    memberName: member.name,
    memberIdCardMasked: member.idCard.masked,
    orgId: member.orgId,
    orgPath: member.orgPath,
    grade: null,
    causes: [],
    household: [],
    monthlyIncomePerHeadFen: null,
    note: null,
    requestNote: null,
    materials: [],
    verifiedBy: null,
    verifiedByName: null,
    verifiedAt: null,
    confirmedBy: null,
    confirmedAt: null,
    reviewDueOn: null,
    lapsesAt: null,
    reviewReminded: false,
    exitReason: null,
    exitedAt: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

/** A record filed and confirmed at `at` by `officerOpenid` (both steps at once): what the demo and the
 *  benchmark's world load for their hardship members. */
export function confirmedRecord(member: MemberDoc, facts: Pick<HardshipRecord, 'grade' | 'causes' | 'household' | 'monthlyIncomePerHeadFen'>, officer: { openid: string; name: string }, at: Date): HardshipRecord {
  const due = reviewDueOn(at);
  const step = (action: string, from: HardshipRecord['status'], to: HardshipRecord['status']) => ({ at, by: officer.openid, action, from, to, comment: null, part: 'officer' });
  return {
    ...blankRecord(member, at),
    ...facts,
    status: 'confirmed',
    verifiedBy: officer.openid,
    verifiedByName: officer.name,
    verifiedAt: at,
    confirmedBy: officer.openid,
    confirmedAt: at,
    reviewDueOn: due,
    lapsesAt: lapsesAt(due),
    version: 2,
    history: [step('file', 'filed', 'filed'), step('confirm', 'filed', 'confirmed')],
  };
}

/** The household with each ID card checked and sealed; the fields in error otherwise (household.N.idCard). */
export function sealHousehold(
  household: readonly HouseholdMemberInput[],
  now: Date,
): { ok: true; value: SealedHouseholdMember[] } | { ok: false; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  const sealed: SealedHouseholdMember[] = [];
  household.forEach((h, i) => {
    const id = parseIdCard(h.idCard, now);
    if (!id.ok) fields[`household.${i}.idCard`] = id.message;
    else sealed.push({ name: h.name, relation: h.relation, idCard: sealIdCard(id.value) });
  });
  const hashes = sealed.map((h) => h.idCard.hash);
  hashes.forEach((h, i) => {
    if (hashes.indexOf(h) !== i) fields[`household.${i}.idCard`] = '家庭成员的身份证号重复了';
  });
  return Object.keys(fields).length ? { ok: false, fields } : { ok: true, value: sealed };
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function timeline(r: HardshipRecord): HardshipTimelineEntry[] {
  return r.history.map((e) => ({ at: new Date(e.at).toISOString(), action: e.action as HardshipTimelineEntry['action'], label: HARDSHIP_ACTION_LABELS[e.action] ?? e.action, comment: e.comment }));
}

/** What the member sees of their own record: its status and grade, never the household. */
export function mineView(r: HardshipRecord, now: Date): HardshipMine {
  return {
    recordId: r._id,
    status: r.status,
    statusLabel: isLapsed(r, now) ? '已过复核期' : HARDSHIP_STATUS_LABELS[r.status],
    lapsed: isLapsed(r, now),
    grade: r.grade,
    gradeLabel: r.grade ? HARDSHIP_GRADE_LABELS[r.grade] : null,
    reviewDueOn: r.status === 'confirmed' ? r.reviewDueOn : null,
    exitReason: r.status === 'exited' ? r.exitReason : null,
    timeline: timeline(r),
    version: r.version,
  };
}

export function summaryView(r: HardshipRecord, orgName: string, now: Date): HardshipSummary {
  return {
    recordId: r._id,
    memberId: r.memberId,
    memberName: r.memberName,
    orgId: r.orgId,
    orgName,
    status: r.status,
    statusLabel: isLapsed(r, now) ? '已过复核期' : HARDSHIP_STATUS_LABELS[r.status],
    lapsed: isLapsed(r, now),
    dueForReview: isDueForReview(r, now),
    grade: r.grade,
    gradeLabel: r.grade ? HARDSHIP_GRADE_LABELS[r.grade] : null,
    reviewDueOn: r.status === 'confirmed' ? r.reviewDueOn : null,
    updatedAt: new Date(r.updatedAt).toISOString(),
    version: r.version,
  };
}

export function detailView(r: HardshipRecord, orgName: string, actor: Actor, urls: readonly string[], now: Date): HardshipDetail {
  return {
    ...summaryView(r, orgName, now),
    memberIdCard: r.memberIdCardMasked,
    causes: r.causes,
    household: r.household.map((h) => ({ name: h.name, relation: h.relation, idCard: h.idCard.masked })),
    monthlyIncomePerHeadFen: r.monthlyIncomePerHeadFen,
    requestNote: r.requestNote,
    materials: r.materials.map((fileId, i) => ({ fileId, url: urls[i] ?? '' })),
    verifiedByName: r.verifiedByName,
    verifiedAt: iso(r.verifiedAt),
    confirmedAt: iso(r.confirmedAt),
    exitReason: r.status === 'exited' ? r.exitReason : null,
    timeline: timeline(r),
    actions: availableTransitions(hardshipMachine, r, actor).filter((a) => a !== 'request') as HardshipDetail['actions'],
  };
}

export type GradeFacts = Pick<HardshipRecord, '_id' | 'memberId' | 'status' | 'grade' | 'reviewDueOn'>;
const GRADE_FIELDS = { memberId: true, status: true, grade: true, reviewDueOn: true };

async function gradeFacts(memberIds: readonly string[]): Promise<GradeFacts[]> {
  const ids = [...new Set(memberIds)].map(hardshipRecordId);
  if (!ids.length) return [];
  return rows<GradeFacts>(db.collection(HARDSHIP_RECORDS).where({ _id: _.in(ids) }).field(GRADE_FIELDS).limit(ids.length));
}

/** The record of the member with `openid` (one at most: one per member), as a $lookup stage answering
 *  `as`: what validGrade reads, on its index, needing no member id first. */
export function gradeLookup(openid: string, as: string) {
  const fields = Object.fromEntries(Object.keys(GRADE_FIELDS).map((k) => [k, 1]));
  return { from: HARDSHIP_RECORDS, pipeline: [{ $match: { memberOpenid: openid } }, { $limit: 1 }, { $project: fields }], as };
}

/** The hardship of the members `memberIds` (a queue page's applicants) at `now`, in one read. */
export async function hardshipOf(memberIds: readonly string[], now: Date): Promise<Map<string, HardshipMark | null>> {
  const found = await gradeFacts(memberIds);
  return new Map(
    found.map((r) => {
      const grade = validGrade(r, now);
      return [r.memberId, grade ? { label: '困难职工', grade: HARDSHIP_GRADE_LABELS[grade] } : null];
    }),
  );
}
