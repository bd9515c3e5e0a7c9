// The workflow of a hardship record (困难职工档案):
//
//   (member asks) requested ──file──▶ filed ──confirm──▶ confirmed ──review──▶ confirmed (a year on)
//                    ▲                  │  ▲                 │
//                    │               return └──file── returned└──exit──▶ exited ──request──▶ requested
//   (an officer files a record nobody asked for: it starts at filed)
//
// The grassroots officer files what they verified (grade, causes, household, income); the federation
// confirms it or returns it to them. A confirmed record lends its grade until its review day (domain/
// hardship.ts); a review is a new verification by the grassroots officer, its review day a year on. The
// household's ID cards reach the machine already sealed (data/hardship.ts): nothing here sees them in clear.
import type { HardshipCause, HardshipGrade, HardshipStatus } from '../../../typings/api';
import { HARDSHIP_GRADE_LABELS } from '../../../typings/api';
import type { Actor } from '../access/actor';
import { isRecordOwner, mayConfirmHardship, mayKeepHardship, mayViewHardship, type HardshipScope } from '../access/hardship';
import { lapsesAt, reviewDueOn } from '../domain/hardship';
import type { Sealed } from '../data/members';
import type { InputCheck, Machine, Transition, WorkflowRecord } from './machine';

export interface SealedHouseholdMember {
  name: string;
  relation: string;
  idCard: Sealed;
}

/** A filing's facts as the machine takes them: validated, the household sealed. */
export interface FilingFacts {
  grade: HardshipGrade;
  causes: HardshipCause[];
  /** absent: the stored household stays */
  household?: SealedHouseholdMember[];
  monthlyIncomePerHeadFen: number;
  note?: string;
  /** the filing officer's name, for who verified it */
  officerName: string;
}

export interface HardshipRecord extends WorkflowRecord<HardshipStatus>, HardshipScope {
  memberOpenid: string;
  memberName: string;
  memberIdCardMasked: string;
  orgId: string;
  grade: HardshipGrade | null;
  causes: HardshipCause[];
  household: SealedHouseholdMember[];
  monthlyIncomePerHeadFen: number | null;
  note: string | null;
  requestNote: string | null;
  materials: string[];
  verifiedBy: string | null;
  verifiedByName: string | null;
  verifiedAt: Date | null;
  confirmedBy: string | null;
  confirmedAt: Date | null;
  /** the review day of a confirmed record, 'YYYY-MM-DD' Shanghai */
  reviewDueOn: string | null;
  /** when it lapses without a review (the start of the day after reviewDueOn): what the due list ranges on */
  lapsesAt: Date | null;
  /** whether the officers were told this review cycle (the dueReminder timer), so it tells once a cycle */
  reviewReminded: boolean;
  /** why and when it last ended (脱困): kept when the member asks again; the reason is shown while exited */
  exitReason: string | null;
  exitedAt: Date | null;
  createdAt: Date;
}

export const HARDSHIP_STATES: readonly HardshipStatus[] = ['requested', 'filed', 'returned', 'confirmed', 'exited'];

export const HARDSHIP_PAGE = 'pages/hardship/index';
const SUBJECT = '困难职工档案';

/** The patch of a filing or a review: the verified facts, who verified them and when. */
function verified(facts: FilingFacts, actor: Actor, now: Date): InputCheck<HardshipRecord> {
  return {
    ok: true,
    patch: {
      grade: facts.grade,
      causes: facts.causes,
      ...(facts.household && { household: facts.household }),
      monthlyIncomePerHeadFen: facts.monthlyIncomePerHeadFen,
      note: facts.note ?? null,
      verifiedBy: actor.openid,
      verifiedByName: facts.officerName,
      verifiedAt: now,
    },
    details: { grade: facts.grade, householdSize: facts.household?.length ?? null },
  };
}

/** The facts a filing step carries, checked: a household must be on the record once filed. */
function filing(record: HardshipRecord, input: Record<string, unknown>, actor: Actor, now: Date): InputCheck<HardshipRecord> {
  const facts = input.facts as FilingFacts | undefined;
  if (!facts) return { ok: false, message: '请填写档案内容' };
  if (!facts.household && !record.household.length) return { ok: false, message: '请填写家庭成员', fields: { household: '请填写家庭成员' } };
  return verified(facts, actor, now);
}

function confirmed(verifiedAt: Date): Partial<HardshipRecord> {
  const due = reviewDueOn(verifiedAt);
  return { reviewDueOn: due, lapsesAt: lapsesAt(due), reviewReminded: false };
}

const toMember = (title: string, phrase: string, brief: (r: HardshipRecord) => string) => (next: HardshipRecord) => [
  { toOpenid: next.memberOpenid, title, body: `${SUBJECT}：${brief(next)}`, subject: SUBJECT, phrase, brief: brief(next), page: HARDSHIP_PAGE },
];

const gradeOf = (r: HardshipRecord) => (r.grade ? HARDSHIP_GRADE_LABELS[r.grade] : '');

export const hardshipMachine: Machine<HardshipStatus, HardshipRecord> = {
  states: HARDSHIP_STATES,
  transitions: [
    {
      name: 'request',
      from: ['exited'],
      to: 'requested',
      who: isRecordOwner,
      // exitedAt stays: when the last 脱困 was (the period's figures count it)
      needs: (input) => ({ ok: true, patch: { requestNote: String(input.note ?? ''), materials: (input.materials as string[]) ?? [] } }),
    },
    {
      name: 'file',
      from: ['requested', 'returned', 'exited'],
      to: 'filed',
      who: mayKeepHardship,
      needs: (input, record, now, actor) => filing(record, input, actor, now),
      // the filing is news to the member only once confirmed; the federation officers are told (deskMessages)
    },
    {
      name: 'confirm',
      from: ['filed'],
      to: 'confirmed',
      who: mayConfirmHardship,
      needs: (_input, record, now, actor) => ({ ok: true, patch: { confirmedBy: actor.openid, confirmedAt: now, ...confirmed(record.verifiedAt ?? now) } }),
      messages: toMember('困难职工档案已建立', '已建档', (r) => `已确认为${gradeOf(r)}，下次复核日期${r.reviewDueOn}`),
    },
    { name: 'return', from: ['filed'], to: 'returned', who: mayConfirmHardship, requiresComment: true },
    {
      name: 'review',
      from: ['confirmed'],
      to: 'confirmed',
      who: mayKeepHardship,
      needs: (input, record, now, actor) => {
        const checked = filing(record, input, actor, now);
        return checked.ok ? { ...checked, patch: { ...checked.patch, ...confirmed(now) } } : checked;
      },
      messages: toMember('困难职工档案已复核', '已复核', (r) => `${gradeOf(r)}，下次复核日期${r.reviewDueOn}`),
    },
    {
      name: 'exit',
      from: ['confirmed'],
      to: 'exited',
      who: mayKeepHardship,
      requiresComment: true,
      needs: (input, _record, now) => ({ ok: true, patch: { exitReason: String(input.reason ?? ''), exitedAt: now, reviewDueOn: null, lapsesAt: null } }),
      messages: toMember('困难职工档案已脱困', '已脱困', (r) => `原因：${r.exitReason}`),
    },
  ] satisfies Transition<HardshipStatus, HardshipRecord>[],
  partOf: (actor, r) => (isRecordOwner(actor, r) ? 'member' : 'officer'),
  // the officers who see the record are told a stale decision is stale; the member, who takes no officer's
  // step, is refused it first
  visibleTo: mayViewHardship,
  stale: { noun: '该档案' },
};

export const HARDSHIP_ACTION_LABELS: Record<string, string> = {
  request: '申请建档',
  file: '基层工会建档',
  confirm: '总工会确认',
  return: '退回基层工会',
  review: '年度复核',
  exit: '脱困',
};
