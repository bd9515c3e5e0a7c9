// Applying to a campaign: the member, the window, eligibility, the form (a bank card's holder the member or
// whom its rule allows) and its materials are checked, then the application (with what its kind's rules need
// of it and the keys it holds: its campaign's duplicate key and its year group's claim), its audit entry and
// the message to the applicant are written in one transaction. The id derives from the form's requestKey, so a
// retried submit answers the application already made. The member, their grants, hardship grade, the officers
// along their path, their org's name and the campaign are one aggregation (data/actor.ts); the files' check
// obtains the URLs the answer shows.
import type { ApplicationDetail } from '../../typings/api/applications';
import type { Result } from '../../typings/envelope';
import { transaction } from '../_shared/cloud';
import { loadMemberCaller } from '../_shared/data/actor';
import { fieldOfFile, getApplication, headlineOf, imageFileIds, sealAnswers, yearClaimHolder, type ApplicationDoc } from '../_shared/data/applications';
import type { CampaignDoc } from '../_shared/data/campaigns';
import { isDuplicateKey } from '../_shared/data/dbErrors';
import { checkOwnFiles } from '../_shared/data/files';
import { idForRequest, requestKeyInput } from '../_shared/data/requestKey';
import { signalDesk } from '../_shared/data/reminders';
import { writeWorkflowStep } from '../_shared/data/workflowStep';
import { personalDataKeys } from '../_shared/keys';
import { validateAnswers } from '../_shared/domain/campaignForm';
import { cardHolderProblems } from '../_shared/domain/cardHolder';
import { checkEligibility, checkWindow, suggestedTierKey } from '../_shared/domain/campaignRules';
import { applicationTerms, campaignDuplicateKey, duplicateRefusal, standingKeys, subjectKey, yearClaimId, yearDuplicateRefusal } from '../_shared/domain/serviceKinds';
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
  const caller = await loadMemberCaller(ctx.openid, ctx.now, { campaign: { from: 'campaigns', id: input.campaignId } });
  if (!caller) return fail('NOT_REGISTERED', '请先完成会员认证');
  const { member, actor, hardshipGrade, staff, docs } = caller;
  const campaign = docs.campaign as CampaignDoc | null;
  if (!campaign) return fail('NOT_FOUND', '没有找到该活动');
  const open = checkWindow({ status: campaign.status, opensAt: new Date(campaign.opensAt), closesAt: new Date(campaign.closesAt) }, ctx.now);
  if (!open.ok) return fail(open.code, open.message);
  // so the campaign's org is on the member's path, and its officers among those along it (caller.staff)
  if (!member.orgPath.includes(campaign.orgId)) return fail('INELIGIBLE', '该活动不面向您所在的工会');
  const eligible = checkEligibility(campaign, { verified: member.status === 'approved', hardshipGrade, newEmployment: member.newEmployment !== null });
  if (!eligible.ok) return fail(eligible.code, eligible.message);
  const answers = validateAnswers(campaign.fields, input.answers, ctx.now);
  if (!answers.ok) return fail('VALIDATION_FAILED', '请按提示修改表单', answers.fields);
  const holders = cardHolderProblems(campaign.fields, answers.value, member.name);
  if (Object.keys(holders).length) return fail('VALIDATION_FAILED', Object.values(holders)[0], holders);
  const images = imageFileIds(campaign.fields, answers.value);
  const files = await checkOwnFiles(ctx.openid, images, images);
  if (!files.ok) return fail('VALIDATION_FAILED', files.message, { [fieldOfFile(campaign.fields, answers.value, files.fileId)]: files.message });

  const id = idForRequest('app', ctx.openid, input.requestKey);
  const subject = subjectKey(campaign.kind.subject, answers.value, member._id, personalDataKeys().hashKey);
  const group = campaign.kind.duplicate.yearGroup;
  const yearClaim = group === null ? null : yearClaimId(group, campaign.year, subject);
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
    duplicateKey: standingKeys(campaignDuplicateKey(campaign._id, subject), yearClaim),
    yearClaim,
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
  let stored: ApplicationDoc;
  try {
    // Nothing is read first: a retried submit fails on a unique key, its _id or its message's causeId
    // (unique in the outbox, which keeps every message), and a subject another application holds on its
    // duplicate keys (the campaign's, the year claim), so the transaction writes nothing; the application
    // already made is answered below.
    stored = await transaction(async (tx): Promise<ApplicationDoc> => {
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
      return doc;
    });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    // the application this request made already, else the application holding the year group's claim,
    // else the campaign's duplicate key
    const existing = await getApplication(id);
    const held = !existing && yearClaim ? await yearClaimHolder(yearClaim, id) : null;
    if (!existing) {
      const refused = held ? yearDuplicateRefusal(campaign.kind, campaign._id, held) : duplicateRefusal(campaign.kind);
      return fail('DUPLICATE', refused.message, { [refused.field]: refused.message });
    }
    stored = existing;
  }
  await signalDesk('grassrootsReview', { orgPath: stored.applicantOrgPath, campaignOrgPath: stored.campaignOrgPath }, staff, 'grassrootsReview', ctx);
  return ok({ application: await detailFor(stored, campaign, actor, staff, { urls: files.ok ? files.urls : undefined, orgName: caller.orgName }) });
});
