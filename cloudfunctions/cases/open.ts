// Opening a case: a member for themself, or an officer at the service desk for someone (name and phone
// typed in, sealed, linked to no member account). The evidence must be the caller's own uploads. The case,
// its audit entry and the message to the member are written in one transaction; the id derives from the
// form's requestKey, so a retried open answers the case already opened. The caller, the officers along the
// path of the case's org and the org's name are one aggregation (data/actor.ts): on the caller's member
// record, or, opening for someone, on the org named.
import { DISPUTE_TYPE_LABELS, PRIOR_PROCEEDINGS_LABELS, type CaseDetail, type DisputeType, type PriorProceedings } from '../../typings/api/cases';
import type { Result } from '../../typings/envelope';
import { casePartOf, mayOpenOnBehalf } from '../_shared/access/cases';
import { transaction, txGet } from '../_shared/cloud';
import { loadActor, loadMemberCaller, loadWithCaller } from '../_shared/data/actor';
import { withRank, type CaseDoc } from '../_shared/data/cases';
import { checkOwnFiles } from '../_shared/data/files';
import { idForRequest, requestKeyInput } from '../_shared/data/requestKey';
import { sealPhone } from '../_shared/data/members';
import { signalDesk } from '../_shared/data/reminders';
import { staffAlong } from '../_shared/data/staffing';
import type { Org } from '../_shared/domain/orgTree';
import { writeWorkflowStep } from '../_shared/data/workflowStep';
import { parsePhone } from '../_shared/domain/phone';
import { caseArrival } from '../_shared/domain/reminders';
import { workingDeadline } from '../_shared/domain/workingDays';
import { action, fail, ok } from '../_shared/function';
import { ACCEPT_WITHIN_WORKING_DAYS, casePage, caseSubject, MAX_CASE_FEN } from '../_shared/workflow/cases';
import { z } from '../_shared/validation';
import { detailFor } from './view';

const keysOf = <T extends string>(labels: Record<T, string>) => Object.keys(labels) as [T, ...T[]];

const openInput = z.strictObject({
  requestKey: requestKeyInput,
  disputeType: z.enum(keysOf<DisputeType>(DISPUTE_TYPE_LABELS), { error: '请选择纠纷类型' }),
  employerName: z.string({ error: '请填写用人单位名称' }).trim().min(1, { error: '请填写用人单位名称' }).max(100),
  amountInDisputeFen: z.number({ error: '请填写涉及金额' }).int({ error: '金额精确到分' }).min(0, { error: '金额不能为负数' }).max(MAX_CASE_FEN, { error: '涉及金额不能超过1亿元' }),
  workersAffected: z.number({ error: '请填写涉及人数' }).int({ error: '人数应为整数' }).min(1, { error: '涉及人数至少为1人' }).max(10_000, { error: '涉及人数不能超过10000人' }),
  description: z.string({ error: '请填写事情经过' }).trim().min(10, { error: '请把事情经过写清楚，至少10个字' }).max(2000),
  evidence: z.array(z.string().max(500)).max(9, { error: '最多上传9个证据文件' }),
  contactTime: z.string().trim().max(50),
  priorProceedings: z.enum(keysOf<PriorProceedings>(PRIOR_PROCEEDINGS_LABELS), { error: '请选择是否已经仲裁或诉讼' }),
  contactPhone: z.string().max(20).optional(),
  onBehalf: z
    .strictObject({
      name: z.string({ error: '请填写当事人姓名' }).trim().min(1, { error: '请填写当事人姓名' }).max(20),
      phone: z.string({ error: '请填写当事人手机号' }).max(20),
      orgId: z.string({ error: '请选择受理的工会组织' }).min(1, { error: '请选择受理的工会组织' }).max(64),
    })
    .optional(),
});

export const open = action(openInput, async (ctx, input): Promise<Result<{ case: CaseDetail }>> => {
  const [atOrg, caller] = await Promise.all([
    input.onBehalf ? loadWithCaller<Org>('orgs', { _id: input.onBehalf.orgId }, ctx.openid, ['path']) : null,
    input.onBehalf ? null : loadMemberCaller(ctx.openid, ctx.now),
  ]);
  const member = caller?.member ?? null;
  // no org found (or no member record): the caller alone, to tell an officer's mistake from a member's attempt
  const actor = atOrg?.actor ?? caller?.actor ?? (await loadActor(ctx.openid));
  let person: { name: string; memberId: string | null; memberOpenid: string | null; orgId: string; orgPath: string[] };
  let phoneText: string;
  if (input.onBehalf) {
    const org = atOrg?.doc;
    if (!mayOpenOnBehalf(actor, org?.path ?? [])) {
      return org || !actor.grants.length ? fail('FORBIDDEN', '只有工会干部可以代他人申请法律援助') : fail('VALIDATION_FAILED', '没有找到该工会组织', { 'onBehalf.orgId': '没有找到该工会组织' });
    }
    person = { name: input.onBehalf.name, memberId: null, memberOpenid: null, orgId: org!._id, orgPath: org!.path };
    phoneText = input.onBehalf.phone;
  } else {
    if (!member) return fail('NOT_REGISTERED', '请先完成会员认证');
    if (member.status !== 'approved') return fail('FORBIDDEN', '会员认证通过后才能申请法律援助');
    person = { name: member.name, memberId: member._id, memberOpenid: ctx.openid, orgId: member.orgId, orgPath: member.orgPath };
    phoneText = input.contactPhone ?? '';
  }
  const phone = phoneText ? parsePhone(phoneText) : null;
  const phoneField = input.onBehalf ? 'onBehalf.phone' : 'contactPhone';
  if (phone && !phone.ok) return fail('VALIDATION_FAILED', phone.message, { [phoneField]: phone.message });
  const files = await checkOwnFiles(ctx.openid, input.evidence, input.evidence);
  if (!files.ok) return fail('VALIDATION_FAILED', files.message, { evidence: files.message });

  const id = idForRequest('case', ctx.openid, input.requestKey);
  const doc: CaseDoc = {
    _id: id,
    requestKey: input.requestKey,
    openedBy: ctx.openid,
    onBehalf: Boolean(input.onBehalf),
    memberId: person.memberId,
    memberOpenid: person.memberOpenid,
    personName: person.name,
    contactPhone: phone?.ok ? sealPhone(phone.value) : member!.phone,
    contactTime: input.contactTime,
    orgId: person.orgId,
    orgPath: person.orgPath,
    disputeType: input.disputeType,
    employerName: input.employerName,
    amountInDisputeFen: input.amountInDisputeFen,
    workersAffected: input.workersAffected,
    description: input.description,
    priorProceedings: input.priorProceedings,
    evidence: [...new Set(input.evidence)],
    lawyer: null,
    lawyerOpenid: null,
    status: 'submitted',
    version: 1,
    history: [],
    createdAt: ctx.now,
    updatedAt: ctx.now,
    deadlineAt: workingDeadline(ctx.now, ACCEPT_WITHIN_WORKING_DAYS),
    progressAt: ctx.now,
    overdue: false,
    overdueSince: null,
    supervised: false,
    outcome: null,
    recoveredFen: null,
    finishedAt: null,
    rating: null,
    queueRank: 0,
  };
  doc.history = [{ at: ctx.now, by: ctx.openid, action: 'open', from: 'submitted', to: 'submitted', comment: null, part: casePartOf(actor, doc), details: { files: doc.evidence } }];
  const messages = doc.memberOpenid
    ? [
        {
          toOpenid: doc.memberOpenid,
          title: '法律援助申请已提交',
          body: `您的法律援助申请（${doc.employerName}）已提交，工会将在2个工作日内受理。`,
          subject: caseSubject(doc),
          phrase: '已提交',
          brief: '工会将在2个工作日内受理',
          page: casePage(id),
          causeId: `${id}:v1`,
        },
      ]
    : [];
  const stored = await transaction(async (tx) => {
    const existing = await txGet<CaseDoc>(tx, 'cases', id);
    if (existing) return existing;
    await writeWorkflowStep(tx, ctx, {
      collection: 'cases',
      before: null,
      record: withRank(doc),
      audit: { action: 'case.open', details: { onBehalf: doc.onBehalf, orgId: doc.orgId, version: 1 } },
      topic: 'caseStatus',
      messages,
    });
    return doc;
  });
  const read = { orgIds: person.orgPath, staff: atOrg?.staff ?? caller?.staff ?? [] };
  await signalDesk('legalAid', { orgPath: stored.orgPath }, await staffAlong(stored.orgPath, read), caseArrival('open', undefined, false)!, ctx);
  const orgName = stored.orgId === person.orgId ? (atOrg?.doc.name ?? caller?.orgName) : undefined;
  return ok({ case: await detailFor(stored, actor, ctx, { urls: files.ok ? files.urls : undefined, orgName }) });
});
