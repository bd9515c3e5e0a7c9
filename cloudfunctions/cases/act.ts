// Every step on a case after it is opened, in one transaction each: the actor, the lawyer or org the step
// names and the caller's files are resolved first; the transaction reads the case, refuses before any write
// (the machine's CONFLICT on a stale version, FORBIDDEN, INVALID_STATE and input checks), and writes the case, the audit entry and the messages together.
import { CASE_OUTCOME_LABELS, CASE_STEP_LABELS, type CaseAction, type CaseDetail, type CaseOutcome, type CaseStepKind } from '../../typings/api/cases';
import type { Result } from '../../typings/envelope';
import { db, rows, transaction, txGet } from '../_shared/cloud';
import { loadActor } from '../_shared/data/actor';
import { withRank, type CaseDoc } from '../_shared/data/cases';
import { checkOwnFiles } from '../_shared/data/files';
import { getOrg } from '../_shared/data/orgs';
import { writeWorkflowStep } from '../_shared/data/workflowStep';
import { action, fail, ok } from '../_shared/function';
import { caseMachine, type LawyerGrant } from '../_shared/workflow/cases';
import { transition } from '../_shared/workflow/machine';
import { z } from '../_shared/validation';
import { detailFor } from './view';

const TRANSITIONS = ['accept', 'decline', 'refer', 'assign', 'logStep', 'close', 'supervise', 'message', 'addEvidence', 'rate'] as const satisfies readonly CaseAction[];
const NOT_FOUND = '没有找到该案件';

// The step's own inputs are checked by the machine (their Chinese messages live with the workflow); here
// their shapes (and the choices among labelled values, with the machine's words), so nothing else can ride in
// the event.
const keysOf = <T extends string>(labels: Record<T, string>) => Object.keys(labels) as [T, ...T[]];
const actInput = z.strictObject({
  caseId: z.string().min(1).max(64),
  version: z.number().int().positive(),
  transition: z.enum(TRANSITIONS),
  comment: z.string().max(1000).optional(),
  toOrgId: z.string().max(64).optional(),
  lawyerId: z.string().max(64).optional(),
  step: z.enum(keysOf<CaseStepKind>(CASE_STEP_LABELS), { error: '请选择办理环节' }).optional(),
  outcome: z.enum(keysOf<CaseOutcome>(CASE_OUTCOME_LABELS), { error: '请选择结案结果' }).optional(),
  recoveredFen: z.number().optional(),
  files: z.array(z.string().max(500)).max(20).optional(),
  stars: z.number().optional(),
});

interface RoleDoc {
  _id: string;
  openid: string;
  memberName: string;
  role: string;
  orgId: string;
}

/** The lawyer `lawyerId` (a lawyer role grant) names, or null. */
export async function lawyerGrant(lawyerId: string | undefined): Promise<LawyerGrant | null> {
  if (!lawyerId) return null;
  const [g] = await rows<RoleDoc>(db.collection('roles').where({ _id: lawyerId }).limit(1));
  return g && g.role === 'lawyer' ? { grantId: g._id, openid: g.openid, name: g.memberName, orgId: g.orgId } : null;
}

export const act = action(actInput, async (ctx, input): Promise<Result<{ case: CaseDetail }>> => {
  const { caseId, version: expected, transition: name, toOrgId, lawyerId, ...rest } = input;
  const [actor, files, lawyer, toOrg] = await Promise.all([
    loadActor(ctx.openid),
    checkOwnFiles(ctx.openid, name === 'addEvidence' ? (input.files ?? []) : []),
    name === 'assign' ? lawyerGrant(lawyerId) : null,
    name === 'refer' && toOrgId ? getOrg(toOrgId) : null,
  ]);
  const outcome = await transaction(async (tx): Promise<Result<CaseDoc>> => {
    const doc = await txGet<CaseDoc>(tx, 'cases', caseId);
    if (!doc) return fail('NOT_FOUND', NOT_FOUND);
    const r = transition(caseMachine, doc, name, actor, { ...rest, lawyer, toOrg }, ctx.now, expected);
    if (!r.ok) return fail(r.code, r.message, r.fields);
    if (!files.ok) return fail('VALIDATION_FAILED', files.message, { files: files.message });
    const next: CaseDoc = { ...doc, ...r.next };
    const details = { version: next.version, from: r.entry.from, to: r.entry.to };
    await writeWorkflowStep(tx, ctx, { collection: 'cases', before: doc, record: withRank(next), audit: { action: `case.${name}`, details }, topic: 'caseStatus', messages: r.messages });
    return ok(next);
  });
  if (!outcome.ok) return outcome;
  return ok({ case: await detailFor(outcome.data, actor) });
});
