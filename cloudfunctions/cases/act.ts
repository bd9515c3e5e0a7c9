// Every step on a case after it is opened, in one transaction each: the actor, the lawyer or org the step
// names, the officers along the case's path and its org's name (one aggregation, data/actor.ts) and the
// caller's files are resolved first; the transaction reads the case, refuses before any write
// (the machine's CONFLICT on a stale version, FORBIDDEN, INVALID_STATE and input checks), and writes the case, the audit entry and the messages together.
import { CASE_OUTCOME_LABELS, CASE_STEP_LABELS, type CaseAction, type CaseDetail, type CaseOutcome, type CaseStepKind } from '../../typings/api/cases';
import type { Result } from '../../typings/envelope';
import { transaction, txGet } from '../_shared/cloud';
import { byIdLookup, joinedName, loadWithCaller, orgLookup } from '../_shared/data/actor';
import { withRank, type CaseDoc } from '../_shared/data/cases';
import { checkOwnFiles } from '../_shared/data/files';
import { signalDesk } from '../_shared/data/reminders';
import { staffAlong, staffAtLookup, staffOf, type StaffDoc } from '../_shared/data/staffing';
import type { Org } from '../_shared/domain/orgTree';
import { writeWorkflowStep } from '../_shared/data/workflowStep';
import { caseArrival } from '../_shared/domain/reminders';
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

/** The lawyer a lawyer role grant (joined by the id a step names) is, or null. */
function lawyerOf(g: RoleDoc | undefined): LawyerGrant | null {
  return g && g.role === 'lawyer' ? { grantId: g._id, openid: g.openid, name: g.memberName, orgId: g.orgId } : null;
}

export const act = action(actInput, async (ctx, input): Promise<Result<{ case: CaseDetail }>> => {
  const { caseId, version: expected, transition: name, toOrgId, lawyerId, ...rest } = input;
  // The case as it was (its path, for the officers along it), the caller, and what the step names
  const seen = await loadWithCaller<CaseDoc>('cases', { _id: caseId }, ctx.openid, ['orgPath'], [
    orgLookup('orgId', 'org'),
    ...(name === 'assign' && lawyerId ? [byIdLookup('roles', lawyerId, 'lawyer')] : []),
    // a referral: the org it goes to, and the grants there (with those along the case's path, the officers
    // along its new path when the org's parents are on the case's, as a referral to another town's is)
    ...(name === 'refer' && toOrgId ? [byIdLookup('orgs', toOrgId, 'toOrg'), staffAtLookup(toOrgId, 'toOrgStaff')] : []),
  ]);
  if (!seen) return fail('NOT_FOUND', NOT_FOUND);
  const { actor, joined } = seen;
  const lawyer = lawyerOf(joined.lawyer?.[0] as RoleDoc | undefined);
  const toOrg = (joined.toOrg?.[0] as Org | undefined) ?? null;
  const files = await checkOwnFiles(ctx.openid, name === 'addEvidence' ? (input.files ?? []) : [], seen.doc.evidence);
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
  const done = outcome.data;
  const reason = caseArrival(name, done.history.at(-1)?.part, done.lawyerOpenid !== null);
  const read = toOrg ? { orgIds: [...seen.doc.orgPath, toOrg._id], staff: [...seen.staff, ...staffOf(joined.toOrgStaff as StaffDoc[])] } : { orgIds: seen.doc.orgPath, staff: seen.staff };
  if (reason) await signalDesk('legalAid', { orgPath: done.orgPath }, await staffAlong(done.orgPath, read), reason, ctx);
  // the org's name as joined: the case's own, or the one it was referred to
  const orgName = done.orgId === seen.doc.orgId ? joinedName(joined.org) : done.orgId === toOrg?._id ? toOrg.name : undefined;
  return ok({ case: await detailFor(done, actor, ctx, { urls: files.ok ? files.urls : undefined, orgName }) });
});
