// Applying to a campaign: the member, the window, eligibility, the form (a bank card's holder the member or
// whom its rule allows) and its materials are checked, then the application (with what its kind's rules need
// of it), its year group's claim, its audit entry and the message to the applicant are written in one
// transaction. The id derives from the form's requestKey, so a
// retried submit answers the application already made.
import type { ApplicationDetail } from '../../typings/api/applications';
import type { Result } from '../../typings/envelope';
import { transaction, txGet } from '../_shared/cloud';
import { loadActor } from '../_shared/data/actor';
import { fieldOfFile, headlineOf, imageFileIds, sealAnswers, type ApplicationDoc } from '../_shared/data/applications';
import { getCampaign } from '../_shared/data/campaigns';
import { validGradeOf } from '../_shared/data/hardship';
import { takeClaim } from '../_shared/data/claims';
import { isDuplicateKey } from '../_shared/data/dbErrors';
import { checkOwnFiles } from '../_shared/data/files';
import { memberByOpenid } from '../_shared/data/memberLookup';
import { idForRequest, requestKeyInput } from '../_shared/data/requestKey';
import { signalDesk } from '../_shared/data/reminders';
import { staffingOf } from '../_shared/data/staffing';
import { writeWorkflowStep } from '../_shared/data/workflowStep';
import { personalDataKeys } from '../_shared/keys';
import { validateAnswers } from '../_shared/domain/campaignForm';
import { cardHolderProblems } from '../_shared/domain/cardHolder';
import { checkEligibility, checkWindow, suggestedTierKey } from '../_shared/domain/campaignRules';
import { applicationTerms, campaignDuplicateKey, duplicateRefusal, subjectKey, yearClaimId, yearDuplicateRefusal } from '../_shared/domain/serviceKinds';
import { action, fail, ok } from '../_shared/function';
import { applicationPage, applicationSubject } from '../_shared/workflow/applications';
import { z } from '../_shared/validation';
import { detailFor } from './view';

const submitInput = z.strictObject({
  campaignId: z.string().min(1).max(64),
  requestKey: requestKeyInput,
  answers: z.record(z.string().max(40), z.unknown()),
});

export const submit = action(submitInput, async (ctx, input): Promise<Result<{ application: ApplicationDetail }>> => {
  // the hardship record valid now (read beside the member, by the caller's openid) is what eligibility reads
  const [member, actor, campaign, hardshipGrade] = await Promise.all([memberByOpenid(ctx.openid), loadActor(ctx.openid), getCampaign(input.campaignId), validGradeOf(ctx.openid, ctx.now)]);
  if (!member) return fail('NOT_REGISTERED', '请先完成会员认证');
  if (!campaign) return fail('NOT_FOUND', '没有找到该活动');
  const open = checkWindow({ status: campaign.status, opensAt: new Date(campaign.opensAt), closesAt: new Date(campaign.closesAt) }, ctx.now);
  if (!open.ok) return fail(open.code, open.message);
  if (!member.orgPath.includes(campaign.orgId)) return fail('INELIGIBLE', '该活动不面向您所在的工会');
  const eligible = checkEligibility(campaign, { verified: member.status === 'approved', hardshipGrade, newEmployment: member.newEmployment !== null });
  if (!eligible.ok) return fail(eligible.code, eligible.message);
  const answers = validateAnswers(campaign.fields, input.answers, ctx.now);
  if (!answers.ok) return fail('VALIDATION_FAILED', '请按提示修改表单', answers.fields);
  const holders = cardHolderProblems(campaign.fields, answers.value, member.name);
  if (Object.keys(holders).length) return fail('VALIDATION_FAILED', Object.values(holders)[0], holders);
  const [files, staff] = await Promise.all([checkOwnFiles(ctx.openid, imageFileIds(campaign.fields, answers.value)), staffingOf([member.orgPath, campaign.orgPath])]);
  if (!files.ok) return fail('VALIDATION_FAILED', files.message, { [fieldOfFile(campaign.fields, answers.value, files.fileId)]: files.message });

  const id = idForRequest('app', ctx.openid, input.requestKey);
  const subject = subjectKey(campaign.kind.subject, answers.value, member._id, personalDataKeys().hashKey);
  const group = campaign.kind.duplicate.yearGroup;
  const doc: ApplicationDoc = {
    _id: id,
    campaignId: campaign._id,
    campaignKind: campaign.kind.kindId,
    settle: campaign.kind.settle.mode,
    terms: applicationTerms(campaign.kind, answers.value),
    campaignTitle: campaign.title,
    campaignOrgPath: campaign.orgPath,
    applicantOpenid: ctx.openid,
    applicantMemberId: member._id,
    applicantName: member.name,
    applicantOrgId: member.orgId,
    applicantOrgPath: member.orgPath,
    requestKey: input.requestKey,
    duplicateKey: campaignDuplicateKey(campaign._id, subject),
    yearClaim: group === null ? null : yearClaimId(group, campaign.year, subject),
    headline: headlineOf(campaign, answers.value, member.name),
    suggestedTierKey: suggestedTierKey(campaign, answers.value),
    applicantHardshipGrade: hardshipGrade,
    answers: sealAnswers(campaign.fields, answers.value),
    amountFen: null,
    payment: null,
    delivery: null,
    attendance: null,
    status: 'submitted',
    version: 1,
    history: [{ at: ctx.now, by: ctx.openid, action: 'submit', from: 'submitted', to: 'submitted', comment: null }],
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  let stored: Result<ApplicationDoc>;
  try {
    stored = await transaction(async (tx): Promise<Result<ApplicationDoc>> => {
      const existing = await txGet<ApplicationDoc>(tx, 'applications', id);
      if (existing) return ok(existing);
      if (doc.yearClaim) {
        const held = await takeClaim(tx, doc.yearClaim, { applicationId: id, campaignId: campaign._id, campaignTitle: campaign.title, at: ctx.now });
        if (held) {
          const refused = yearDuplicateRefusal(campaign.kind, campaign._id, held);
          return fail('DUPLICATE', refused.message, { [refused.field]: refused.message });
        }
      }
      await writeWorkflowStep(tx, ctx, {
        collection: 'applications',
        before: null,
        record: doc,
        audit: { action: 'application.submit', details: { campaignId: campaign._id, version: 1 } },
        topic: 'applicationStatus',
        messages: [
          {
            toOpenid: ctx.openid,
            title: '申请已提交',
            body: `您的${campaign.title}申请已提交，等待基层工会审核。`,
            subject: applicationSubject(campaign.title),
            phrase: '已提交',
            brief: '等待基层工会审核',
            page: applicationPage(id),
            causeId: `${id}:v1`,
          },
        ],
      });
      return ok(doc);
    });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    const refused = duplicateRefusal(campaign.kind);
    return fail('DUPLICATE', refused.message, { [refused.field]: refused.message });
  }
  if (!stored.ok) return stored;
  await signalDesk('grassrootsReview', { orgPath: stored.data.applicantOrgPath, campaignOrgPath: stored.data.campaignOrgPath }, staff, 'grassrootsReview', ctx);
  return ok({ application: await detailFor(stored.data, campaign, actor, staff) });
});
