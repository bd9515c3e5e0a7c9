// The workflow of a legal-aid case, on the one transition mechanism (machine.ts):
//
//   submitted ──accept──▶ accepted ──assign──▶ assigned ──logStep──▶ inProgress ──close──▶ closed ──rate (once)
//       │  ▲                 │  ▲                 │  ▲ assign (another lawyer)   │ ▲ logStep
//       │  └──refer (转办)────┘  └─────────────────┴──┴──────────────────────────┘ │
//       └──decline (reason)──▶ declined          close also from accepted and assigned
//
// message, addEvidence and supervise (督办) keep the state. Deadlines run in working days (Asia/Shanghai):
// a submitted case must be accepted within 2, an open one must see progress (accept, refer, assign,
// logStep) within 10; every transition sets the next deadline, and closing or declining clears it.
import {
  CASE_OUTCOME_LABELS,
  CASE_STEP_LABELS,
  OPEN_CASE_STATUSES,
  type CaseOutcome,
  type CasePart,
  type CaseStatus,
  type CaseStepKind,
  type DisputeType,
  type PriorProceedings,
} from '../../../typings/api/cases';
import {
  casePartOf,
  isCaseFederation,
  isCaseMember,
  isCaseOfficer,
  mayReferTo,
  mayViewCase,
  mayWorkCase,
  type CaseScope,
} from '../access/cases';
import { formatYuan } from '../domain/campaignRules';
import { workingDeadline } from '../domain/workingDays';
import type { HistoryEntry, InputCheck, Machine, Patch, Transition, WorkflowMessage, WorkflowRecord } from './machine';

export const ACCEPT_WITHIN_WORKING_DAYS = 2;
export const PROGRESS_WITHIN_WORKING_DAYS = 10;
/** 1亿元: no legal-aid case recovers more; anything above is a typing mistake */
export const MAX_CASE_FEN = 10_000_000_000;
export const MAX_EVIDENCE_FILES = 30;

export const CASE_STATES: readonly CaseStatus[] = ['submitted', 'accepted', 'assigned', 'inProgress', 'closed', 'declined'];

export interface CaseRecord extends WorkflowRecord<CaseStatus>, CaseScope {
  orgId: string;
  /** the member's openid, to tell them; null for a case opened on someone's behalf */
  memberOpenid: string | null;
  personName: string;
  disputeType: DisputeType;
  employerName: string;
  amountInDisputeFen: number;
  workersAffected: number;
  priorProceedings: PriorProceedings;
  evidence: string[];
  lawyer: { grantId: string; name: string } | null;
  history: (HistoryEntry<CaseStatus> & { part: CasePart })[];
  createdAt: Date;
  /** when the case becomes overdue unless something happens; null once finished */
  deadlineAt: Date | null;
  /** when it last progressed (opened, accepted, referred, assigned, a step logged): since when it waits */
  progressAt: Date;
  overdue: boolean;
  overdueSince: Date | null;
  supervised: boolean;
  outcome: CaseOutcome | null;
  recoveredFen: number | null;
  /** when it was closed or declined */
  finishedAt: Date | null;
  rating: { stars: number; ratedAt: Date } | null;
}

/** A lawyer resolved from `lawyerId` before the step: their role grant. */
export interface LawyerGrant {
  grantId: string;
  openid: string;
  name: string;
  /** the org their lawyer role covers */
  orgId: string;
}

/** An org resolved from `toOrgId` before a referral. */
export interface ReferralOrg {
  _id: string;
  name: string;
  path: string[];
}

/** The pages a message about a case opens: the member's case page, or the officers' and lawyers' one. */
export function casePage(caseId: string, forOfficer = false): string {
  return `${forOfficer ? 'admin/case' : 'pages/case'}/index?caseId=${encodeURIComponent(caseId)}`;
}

/** Progress restarts the deadline, and an overdue case is no longer overdue. */
function progress(now: Date, workingDays: number): Patch<CaseRecord> {
  return { deadlineAt: workingDeadline(now, workingDays), progressAt: now, overdue: false, overdueSince: null };
}

function finished(now: Date): Patch<CaseRecord> {
  return { deadlineAt: null, overdue: false, overdueSince: null, finishedAt: now };
}

const refuse = (field: string, message: string): InputCheck<CaseRecord> => ({ ok: false, message, fields: { [field]: message } });

/** What a case's messages are about, for a subscribe message's 办理事项. */
export const caseSubject = (c: Pick<CaseRecord, 'employerName'>): string => `法律援助（${c.employerName}）`;

type Said = (n: CaseRecord, e: HistoryEntry<CaseStatus>) => string;

/** A message to the member (none for a case opened on someone's behalf): the inbox's title and body, and
 *  the news first for the subscribe message. */
function toMember(title: string, phrase: string, brief: Said, body: Said) {
  return (n: CaseRecord, e: HistoryEntry<CaseStatus>): Omit<WorkflowMessage, 'causeId'>[] =>
    n.memberOpenid ? [{ toOpenid: n.memberOpenid, title, body: body(n, e), subject: caseSubject(n), phrase, brief: brief(n, e), page: casePage(n._id) }] : [];
}

/** A message to the case's lawyer, if it has one. */
function toLawyer(n: CaseRecord, title: string, phrase: string, brief: string, body: string): Omit<WorkflowMessage, 'causeId'>[] {
  return n.lawyerOpenid ? [{ toOpenid: n.lawyerOpenid, title, body, subject: caseSubject(n), phrase, brief, page: casePage(n._id, true) }] : [];
}

const caseName = (n: CaseRecord) => `您的法律援助申请（${n.employerName}）`;
const withComment = (text: string, e: HistoryEntry<CaseStatus>) => (e.comment ? `${text}说明：${e.comment}` : text);

function isOneOf<T extends string>(values: Record<T, string>, v: unknown): v is T {
  return typeof v === 'string' && Object.prototype.hasOwnProperty.call(values, v);
}

function checkFen(v: unknown): number | null {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_CASE_FEN ? v : null;
}

type T = Transition<CaseStatus, CaseRecord>;
const OPEN = OPEN_CASE_STATUSES;

const transitions: T[] = [
  {
    name: 'accept',
    from: ['submitted'],
    to: 'accepted',
    who: isCaseOfficer,
    needs: (_i, _r, now) => ({ ok: true, patch: progress(now, PROGRESS_WITHIN_WORKING_DAYS) }),
    messages: toMember('法律援助已受理', '已受理', (_n, e) => (e.comment ? `已受理：${e.comment}` : '已受理，将尽快为您指派律师'), (n, e) => withComment(`${caseName(n)}已受理，我们将尽快为您指派律师。`, e)),
  },
  {
    name: 'decline',
    from: ['submitted'],
    to: 'declined',
    who: isCaseOfficer,
    requiresComment: true,
    needs: (_i, _r, now) => ({ ok: true, patch: finished(now) }),
    messages: toMember('法律援助不予受理', '不予受理', (_n, e) => `原因：${e.comment}`, (n, e) => `${caseName(n)}不予受理。原因：${e.comment}`),
  },
  {
    name: 'refer',
    from: ['submitted', 'accepted'],
    to: 'submitted',
    who: isCaseOfficer,
    requiresComment: true,
    needs: (input, record, now, actor) => {
      const org = input.toOrg as ReferralOrg | null | undefined;
      if (!org) return refuse('toOrgId', '请选择转办的工会组织');
      if (org._id === record.orgId) return refuse('toOrgId', '案件已在该工会组织，请选择其他组织');
      if (!mayReferTo(actor, org.path)) return refuse('toOrgId', '只能转办到本县（市）总工会所属的组织');
      return {
        ok: true,
        patch: { orgId: org._id, orgPath: org.path, lawyer: null, lawyerOpenid: null, ...progress(now, ACCEPT_WITHIN_WORKING_DAYS) },
        details: { toOrgId: org._id, toOrgName: org.name },
      };
    },
    messages: toMember('法律援助已转办', '已转办', (_n, e) => `转由${String(e.details?.toOrgName ?? '')}办理`, (n, e) => `${caseName(n)}已转由${String(e.details?.toOrgName ?? '')}办理。说明：${e.comment}`),
  },
  {
    name: 'assign',
    from: ['accepted', 'assigned', 'inProgress'],
    to: 'assigned',
    who: isCaseOfficer,
    needs: (input, record, now) => {
      const lawyer = input.lawyer as LawyerGrant | null | undefined;
      if (!lawyer || !record.orgPath.includes(lawyer.orgId)) return refuse('lawyerId', '请从律师名单中选择律师');
      if (lawyer.openid === record.memberOpenid) return refuse('lawyerId', '不能指派本人办理自己的案件');
      if (lawyer.openid === record.lawyerOpenid) return refuse('lawyerId', '该律师已在办理这个案件');
      return {
        ok: true,
        patch: { lawyer: { grantId: lawyer.grantId, name: lawyer.name }, lawyerOpenid: lawyer.openid, ...progress(now, PROGRESS_WITHIN_WORKING_DAYS) },
        details: { lawyerName: lawyer.name },
      };
    },
    messages: (n, e) => [
      ...toMember('已为您指派律师', '已指派', (m) => `${m.lawyer?.name ?? ''}律师为您办理`, (m) => `${caseName(m)}已指派${m.lawyer?.name ?? ''}律师办理，律师会与您联系。`)(n, e),
      ...toLawyer(n, '新的法律援助案件', '待办理', `新案件：${n.personName}，请联系当事人`, `您被指派办理${n.personName}的${n.employerName}案件，请及时联系当事人。`),
    ],
  },
  {
    name: 'logStep',
    from: ['assigned', 'inProgress'],
    to: 'inProgress',
    who: mayWorkCase,
    requiresComment: true,
    needs: (input, _r, now) =>
      isOneOf(CASE_STEP_LABELS, input.step)
        ? { ok: true, patch: progress(now, PROGRESS_WITHIN_WORKING_DAYS), details: { step: input.step } }
        : refuse('step', '请选择办理环节'),
    messages: toMember('法律援助有新进展', '办理中', (_n, e) => `${CASE_STEP_LABELS[e.details?.step as CaseStepKind]}：${e.comment}`, (n, e) => `${caseName(n)}有新进展（${CASE_STEP_LABELS[e.details?.step as CaseStepKind]}）：${e.comment}`),
  },
  {
    name: 'close',
    from: ['accepted', 'assigned', 'inProgress'],
    to: 'closed',
    who: mayWorkCase,
    needs: (input, _r, now) => {
      if (!isOneOf(CASE_OUTCOME_LABELS, input.outcome)) return refuse('outcome', '请选择结案结果');
      if (input.recoveredFen === undefined) return refuse('recoveredFen', '请填写挽回金额，没有挽回请填0');
      const fen = checkFen(input.recoveredFen);
      if (fen === null) return refuse('recoveredFen', '挽回金额应在0到1亿元之间，精确到分');
      return { ok: true, patch: { outcome: input.outcome, recoveredFen: fen, ...finished(now) }, details: { outcome: input.outcome, recoveredFen: fen } };
    },
    messages: toMember('法律援助已结案', '已结案', (n) => `结果：${CASE_OUTCOME_LABELS[n.outcome as CaseOutcome]}${n.recoveredFen ? `，挽回${formatYuan(n.recoveredFen)}` : ''}`, (n) =>
      `${caseName(n)}已结案，结果：${CASE_OUTCOME_LABELS[n.outcome as CaseOutcome]}${n.recoveredFen ? `，挽回${formatYuan(n.recoveredFen)}` : ''}。欢迎您对本次服务进行评价。`,
    ),
  },
  {
    name: 'supervise',
    from: OPEN,
    who: isCaseFederation,
    requiresComment: true,
    needs: () => ({ ok: true, patch: { supervised: true } }),
    messages: (n, e) => toLawyer(n, '案件已被督办', '被督办', `督办意见：${e.comment}`, `${n.personName}的${n.employerName}案件已被总工会督办：${e.comment}`),
  },
  {
    name: 'message',
    from: OPEN,
    who: mayViewCase,
    requiresComment: true,
    messages: (n, e) => {
      if (e.part !== 'member') return toMember('法律援助有新留言', '有留言', (_m, x) => `留言：${x.comment}`, (m, x) => `${caseName(m)}有新留言：${x.comment}`)(n, e);
      return toLawyer(n, '当事人留言', '有留言', `${n.personName}：${e.comment}`, `${n.personName}：${e.comment}`);
    },
  },
  {
    name: 'addEvidence',
    from: OPEN,
    who: mayViewCase,
    needs: (input, record) => {
      const files = input.files;
      if (!Array.isArray(files) || files.length === 0 || files.some((f) => typeof f !== 'string')) return refuse('files', '请上传证据材料');
      if (files.length > 9) return refuse('files', '一次最多上传9个文件');
      const fresh = (files as string[]).filter((f, i) => !record.evidence.includes(f) && files.indexOf(f) === i);
      if (record.evidence.length + fresh.length > MAX_EVIDENCE_FILES) return refuse('files', `每个案件最多${MAX_EVIDENCE_FILES}个证据文件`);
      return { ok: true, patch: { evidence: [...record.evidence, ...fresh] }, details: { files: fresh } };
    },
  },
  {
    name: 'rate',
    from: ['closed'],
    who: isCaseMember,
    closedBecause: (record) => (record.rating ? '您已经评价过了' : null),
    needs: (input, _record, now) => {
      const stars = input.stars;
      if (typeof stars !== 'number' || !Number.isInteger(stars) || stars < 1 || stars > 5) return refuse('stars', '请选择1到5星');
      return { ok: true, patch: { rating: { stars, ratedAt: now } }, details: { stars } };
    },
  },
];

export const caseMachine: Machine<CaseStatus, CaseRecord> = {
  states: CASE_STATES,
  transitions,
  partOf: casePartOf,
  visibleTo: mayViewCase,
  stale: { noun: '该案件', changes: { supervise: '已被督办', message: '有新留言', addEvidence: '有新的证据材料' } },
};
