// 公示 and 异议 (domain/publicity.ts, workflow/publicity.ts): a campaign's federation officer publishes its
// approved list, members in its scope see it and object while it runs, and the officer resolves each
// objection — dismissed, the application goes on; upheld, it is returned or rejected. Payment waits for the
// period's end and for every objection's answer (decide.ts asks settlementHold).
//
// Limits, as CloudBase sets them (transactions hold single-document operations only): a publication lists
// its applications 50 to a transaction (each listed with its history, audit entry and message to the
// applicant), at most 10 transactions in one call, so 500 applications; the rest wait for the next
// publication. A retried publish (the same requestKey) goes on listing into the same publication on the
// day it began and answers it unchanged after. The member's list shows the 20 newest publications, the
// officer's page 20 publications and 100 objections.
import type { ObjectionOutcome, ObjectionView, PublicityView } from '../../typings/api/publicity';
import type { Result } from '../../typings/envelope';
import type { Actor } from '../_shared/access/actor';
import { isApplicant } from '../_shared/access/applications';
import type { Staffing } from '../_shared/access/coverage';
import { isMemberInScope, mayObject, mayRunPublicity } from '../_shared/access/publicity';
import { _, db, rows, transaction, txGet, type Tx } from '../_shared/cloud';
import { joinedName, loadActor, loadMemberCaller, loadWithCaller, orgLookup } from '../_shared/data/actor';
import { memberByOpenid } from '../_shared/data/memberLookup';
import { recordOf, releasedKeys, type ApplicationDoc } from '../_shared/data/applications';
import { getCampaign, ledgerOf, type CampaignDoc } from '../_shared/data/campaigns';
import { orgNames } from '../_shared/data/orgs';
import { OBJECTIONS, objectionView, PUBLICITIES, publicityView, type ObjectionDoc, type PublicityDoc } from '../_shared/data/publicity';
import { signalDesk } from '../_shared/data/reminders';
import { idForRequest, requestKeyInput } from '../_shared/data/requestKey';
import { writeRecordStep, writeRecordSteps, writeWorkflowSteps, type RecordStep } from '../_shared/data/workflowStep';
import { releaseBudget } from '../_shared/domain/campaignRules';
import { objectionWindow, publicityEnd, publicityLine } from '../_shared/domain/publicity';
import { shanghaiDate } from '../_shared/domain/shanghaiTime';
import { action, fail, ok, type CallContext } from '../_shared/function';
import { transition, type WorkflowMessage } from '../_shared/workflow/machine';
import { applicationPage } from '../_shared/workflow/applications';
import { PUBLICITY_MACHINE, type ListedRecord } from '../_shared/workflow/publicity';
import { z } from '../_shared/validation';
import { sameLedger, writeLedger } from './decide';

const PAGE = 50;
const MAX_PAGES = 10;
const id = z.string().min(1).max(64);

const NO_CAMPAIGN = '没有找到该活动';
const NOT_FEDERATION = '只有本活动的总工会干部可以办理公示';
const NOT_PUBLICIZED = '本活动未设置“公示后方可发放”';
const NO_PUBLICITY = '没有找到该公示';
const NOT_REGISTERED = '请先注册会员';
const PUBLICITY_PAGE = 'pages/publicity/index';
const OWN = '不能对本人的申请提出异议';

async function getDoc<T>(collection: string, docId: string): Promise<T | null> {
  const [d] = await rows<T>(db.collection(collection).where({ _id: docId }).limit(1));
  return d ?? null;
}

/** The approved applications of a campaign not listed yet, oldest first. */
const unlistedQuery = (campaignId: string) => db.collection('applications').where({ campaignId, status: 'approved', publicity: _.eq(null) });

type Listed = { before: ApplicationDoc; next: ApplicationDoc; messages: WorkflowMessage[] };

/** Lists the page `ids` into the publication (created by its first page), each application by the
 *  machine's publicize step; those listed or moved on meanwhile are skipped. Null when nothing was listed. */
async function listPage(tx: Tx, ctx: CallContext, actor: Actor, campaign: CampaignDoc, base: Omit<PublicityDoc, 'lines'>, ids: string[], names: Map<string, string>): Promise<PublicityDoc | null> {
  const [stored, ...docs] = await Promise.all([txGet<PublicityDoc>(tx, PUBLICITIES, base._id), ...ids.map((appId) => txGet<ApplicationDoc>(tx, 'applications', appId))]) as [PublicityDoc | null, ...(ApplicationDoc | null)[]];
  const listed: Listed[] = [];
  for (const doc of docs) {
    if (!doc || doc.campaignId !== campaign._id) continue;
    const r = transition(PUBLICITY_MACHINE, recordOf(doc) as ListedRecord, 'publicize', actor, { publicityId: base._id, endsAt: base.endsAt }, ctx.now);
    if (r.ok) listed.push({ before: doc, next: { ...doc, ...r.next, answers: doc.answers }, messages: r.messages });
  }
  if (!listed.length) return null;
  const lines = listed.map((l) => publicityLine(l.next, names.get(l.next.applicantOrgId) ?? '', campaign));
  const next: PublicityDoc = { ...base, ...stored, lines: [...(stored?.lines ?? []), ...lines] };
  await writeWorkflowSteps(
    tx,
    ctx,
    listed.map(({ before, next: record, messages }) => ({
      collection: 'applications',
      before,
      record,
      audit: { action: 'application.publicize', details: { version: record.version, publicityId: base._id } },
      topic: 'applicationStatus',
      messages,
    })),
  );
  const { _id, ...data } = next;
  await tx.collection(PUBLICITIES).doc(_id).set({ data });
  if (!stored) await tx.collection('audit').add({ data: { at: ctx.now, actorOpenid: ctx.openid, action: 'publicity.publish', targetCollection: PUBLICITIES, targetId: _id, requestId: ctx.requestId, details: { campaignId: campaign._id, endsAt: base.endsAt.toISOString() } } });
  return next;
}

export const publish = action(z.strictObject({ campaignId: id, requestKey: requestKeyInput }), async (ctx, input): Promise<Result<{ publicity: PublicityView }>> => {
  const [actor, campaign] = await Promise.all([loadActor(ctx.openid), getCampaign(input.campaignId)]);
  if (!campaign) return fail('NOT_FOUND', NO_CAMPAIGN);
  if (!mayRunPublicity(actor, campaign.orgPath)) return fail('FORBIDDEN', NOT_FEDERATION);
  if (!campaign.publicity) return fail('INVALID_STATE', NOT_PUBLICIZED);
  const publicityId = idForRequest('pub', ctx.openid, `${campaign._id}:${input.requestKey}`);
  const existing = await getDoc<PublicityDoc>(PUBLICITIES, publicityId);
  // A retry on a later day answers the publication made: listing more into it would shorten their period.
  if (existing && shanghaiDate(new Date(existing.startsAt)) !== shanghaiDate(ctx.now)) return ok({ publicity: publicityView(existing, ctx.now) });
  const startsAt = existing ? new Date(existing.startsAt) : ctx.now;
  const base: Omit<PublicityDoc, 'lines'> = {
    _id: publicityId,
    campaignId: campaign._id,
    campaignTitle: campaign.title,
    campaignOrgPath: campaign.orgPath,
    campaignOrgId: campaign.orgId,
    workingDays: existing?.workingDays ?? campaign.publicity.workingDays,
    startsAt,
    endsAt: existing ? new Date(existing.endsAt) : publicityEnd(startsAt, campaign.publicity.workingDays),
    publishedBy: existing?.publishedBy ?? ctx.openid,
    requestKey: input.requestKey,
  };
  let current = existing;
  for (let page = 0; page < MAX_PAGES; page++) {
    const found = await rows<Pick<ApplicationDoc, '_id' | 'applicantOrgId'>>(unlistedQuery(campaign._id).orderBy('createdAt', 'asc').orderBy('_id', 'asc').field({ _id: true, applicantOrgId: true }).limit(PAGE));
    if (!found.length) break;
    const names = await orgNames(found.map((f) => f.applicantOrgId));
    const listed = await transaction((tx) => listPage(tx, ctx, actor, campaign, base, found.map((f) => f._id), names));
    if (!listed) break; // the rest is not the caller's to list (their own application)
    current = listed;
    if (found.length < PAGE) break;
  }
  if (!current) return fail('INVALID_STATE', '没有待公示的已批准申请');
  return ok({ publicity: publicityView(current, ctx.now) });
});

export const publicities = action(z.strictObject({}), async (ctx): Promise<Result<{ items: PublicityView[]; mine: ObjectionView[] }>> => {
  const [actor, member] = await Promise.all([loadActor(ctx.openid), memberByOpenid(ctx.openid)]);
  if (!member) return fail('NOT_REGISTERED', NOT_REGISTERED);
  if (!actor.verified) return fail('FORBIDDEN', '会员认证通过后可以查看公示');
  const [items, mine] = await Promise.all([
    rows<PublicityDoc>(db.collection(PUBLICITIES).where({ campaignOrgId: _.in(member.orgPath) }).orderBy('startsAt', 'desc').limit(20)),
    rows<ObjectionDoc>(db.collection(OBJECTIONS).where({ objectorOpenid: ctx.openid }).orderBy('createdAt', 'desc').limit(50)),
  ]);
  return ok({ items: items.map((p) => publicityView(p, ctx.now)), mine: mine.map((o) => objectionView(o, null)) });
});

async function officerViews(objections: ObjectionDoc[]): Promise<ObjectionView[]> {
  const names = await orgNames(objections.map((o) => o.objectorOrgId));
  return objections.map((o) => objectionView(o, { name: o.objectorName, orgName: names.get(o.objectorOrgId) ?? '' }));
}

export const publicityAdmin = action(z.strictObject({ campaignId: id }), async (ctx, input) => {
  const [actor, campaign] = await Promise.all([loadActor(ctx.openid), getCampaign(input.campaignId)]);
  if (!campaign) return fail('NOT_FOUND', NO_CAMPAIGN);
  if (!mayRunPublicity(actor, campaign.orgPath)) return fail('FORBIDDEN', NOT_FEDERATION);
  const [items, objections, unlisted] = await Promise.all([
    rows<PublicityDoc>(db.collection(PUBLICITIES).where({ campaignId: campaign._id }).orderBy('startsAt', 'desc').limit(20)),
    rows<ObjectionDoc>(db.collection(OBJECTIONS).where({ campaignId: campaign._id }).orderBy('createdAt', 'desc').limit(100)),
    campaign.publicity ? (unlistedQuery(campaign._id).count() as Promise<{ total: number }>).then((r) => r.total) : Promise.resolve(0),
  ]);
  const openFirst = [...objections.filter((o) => o.status === 'open'), ...objections.filter((o) => o.status !== 'open')];
  return ok({
    campaignTitle: campaign.title,
    workingDays: campaign.publicity?.workingDays ?? null,
    unlisted,
    items: items.map((p) => publicityView(p, ctx.now)),
    objections: await officerViews(openFirst),
  });
});

const objectInput = z.strictObject({ publicityId: id, applicationId: id, reason: z.string().max(1000) });

export const object = action(objectInput, async (ctx, input): Promise<Result<{ objection: ObjectionView }>> => {
  const reason = input.reason.trim();
  const objectionId = idForRequest('obj', ctx.openid, `${input.publicityId}:${input.applicationId}`);
  const outcome = await transaction(async (tx): Promise<Result<{ objection: ObjectionDoc; app: ApplicationDoc | null; staff: Staffing }>> => {
    // The objection read here fixes the transaction's snapshot. The aggregation after it (the caller as a
    // member, the officers along their path, the publication and the application) reads what is committed
    // then or later, and an application changed since is a write conflict at its counter's write below: so
    // the application needs no read of its own inside (as a decision's campaign, decide.ts).
    const made = await txGet<ObjectionDoc>(tx, OBJECTIONS, objectionId);
    const caller = await loadMemberCaller(ctx.openid, ctx.now, { publicity: { from: PUBLICITIES, id: input.publicityId }, app: { from: 'applications', id: input.applicationId } });
    if (!caller) return fail('NOT_REGISTERED', NOT_REGISTERED);
    const { member, actor, staff } = caller;
    const publicity = caller.docs.publicity as PublicityDoc | null;
    const app = caller.docs.app as ApplicationDoc | null;
    if (!publicity) return fail('NOT_FOUND', NO_PUBLICITY);
    if (!isMemberInScope(actor, member.orgPath, publicity.campaignOrgPath)) return fail('FORBIDDEN', '只有本活动范围内已认证的会员可以提出异议');
    const line = publicity.lines.find((l) => l.applicationId === input.applicationId);
    if (!line || !app) return fail('NOT_FOUND', '公示名单中没有该申请');
    // who applied never changes: refused before anything about the objection is checked
    if (!mayObject(actor, member.orgPath, publicity.campaignOrgPath, app.applicantMemberId)) return fail('FORBIDDEN', OWN);
    const closed = objectionWindow(publicity, ctx.now);
    if (closed) return fail(closed.code, closed.message);
    if ([...reason].length < 5 || [...reason].length > 200) return fail('VALIDATION_FAILED', '请写明异议的理由', { reason: '请写明异议的理由（5到200个字）' });
    if (made) return ok({ objection: made, app: null, staff }); // a retry, or raised before: the one made
    if (app.status !== 'approved' || app.publicity?.publicityId !== publicity._id) return fail('INVALID_STATE', '该申请已不在公示中');
    const doc: ObjectionDoc = {
      _id: objectionId,
      publicityId: publicity._id,
      applicationId: app._id,
      campaignId: publicity.campaignId,
      campaignOrgPath: publicity.campaignOrgPath,
      line,
      objectorOpenid: ctx.openid,
      objectorMemberId: member._id,
      objectorName: member.name,
      objectorOrgId: member.orgId,
      reason,
      status: 'open',
      resolution: null,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    };
    await writeRecordStep(tx, ctx, OBJECTIONS, doc, { action: 'objection.raise', details: { applicationId: app._id, publicityId: publicity._id } }, []);
    await tx.collection('applications').doc(app._id).update({ data: { openObjections: (app.openObjections ?? 0) + 1 } });
    return ok({ objection: doc, app, staff });
  });
  if (!outcome.ok) return outcome;
  const { objection, app, staff } = outcome.data;
  // new work for the campaign's federation officers, told as any arrival at their desk is. The objector is
  // in the campaign's scope: the campaign's path begins theirs, so the officers along theirs include its.
  if (app) await signalDesk('federationReview', { orgPath: app.applicantOrgPath, campaignOrgPath: app.campaignOrgPath }, staff, 'objection', ctx);
  return ok({ objection: objectionView(objection, null) });
});

const resolveInput = z.strictObject({ objectionId: id, outcome: z.enum(['dismissed', 'return', 'reject']), comment: z.string().max(1000) });

/** The messages resolving an objection sends its objector. */
function toObjector(o: ObjectionDoc, outcome: ObjectionOutcome, comment: string, campaignTitle: string): WorkflowMessage {
  const upheld = outcome !== 'dismissed';
  return {
    toOpenid: o.objectorOpenid,
    title: upheld ? '您提出的公示异议经核实成立' : '您提出的公示异议经核实不成立',
    body: `您对${campaignTitle}公示名单中${o.line.maskedName}的异议已处理：${upheld ? '异议成立' : '异议不成立'}。说明：${comment}`,
    subject: `${campaignTitle}公示异议`,
    phrase: upheld ? '异议成立' : '异议不成立',
    brief: `${o.line.maskedName}：${upheld ? '异议成立' : '异议不成立'}`,
    page: PUBLICITY_PAGE,
    causeId: `${o._id}:resolved`,
  };
}

function resolved(o: ObjectionDoc, outcome: ObjectionOutcome, comment: string, ctx: CallContext): ObjectionDoc {
  return { ...o, status: outcome === 'dismissed' ? 'dismissed' : 'upheld', resolution: { outcome, comment, at: ctx.now, by: ctx.openid }, updatedAt: ctx.now };
}

/** An objection answered, as a step on it alongside others (writeRecordSteps). */
function resolvedStep(o: ObjectionDoc, messages: readonly WorkflowMessage[]): RecordStep {
  const details = { applicationId: o.applicationId, outcome: o.resolution?.outcome ?? null };
  return { collection: OBJECTIONS, record: o, audit: { action: `objection.${o.status}`, details }, messages: messages.map((m) => ({ topic: 'applicationStatus', ...m })) };
}

export const resolveObjection = action(resolveInput, async (ctx, input): Promise<Result<{ objection: ObjectionView }>> => {
  const comment = input.comment.trim();
  const outcome = await transaction(async (tx): Promise<Result<{ done: ObjectionDoc; objectorOrgName: string }>> => {
    // The objection read here fixes the transaction's snapshot. The aggregation after it (the caller, the
    // application, its campaign, every objection on the application and the objector's org's name) reads
    // what is committed then or later; the application, the campaign's ledger and the objections answered
    // are written below, so one changed since is a write conflict (as in a decision, decide.ts).
    const o = await txGet<ObjectionDoc>(tx, OBJECTIONS, input.objectionId);
    if (!o) return fail('NOT_FOUND', '没有找到该异议');
    const found = await loadWithCaller<ObjectionDoc>(OBJECTIONS, { _id: o._id }, ctx.openid, [], [
      { from: 'applications', localField: 'applicationId', foreignField: '_id', as: 'app' },
      { from: 'campaigns', localField: 'campaignId', foreignField: '_id', as: 'campaign' },
      // the objections on one application: one per member who objected to it in a publication
      { from: OBJECTIONS, localField: 'applicationId', foreignField: 'applicationId', as: 'onApplication' },
      orgLookup('objectorOrgId', 'objectorOrg'),
    ]);
    if (!found) return fail('NOT_FOUND', '没有找到该异议');
    const { actor, joined } = found;
    if (!mayRunPublicity(actor, o.campaignOrgPath)) return fail('FORBIDDEN', '只有本活动的总工会干部可以处理异议');
    if (!comment || [...comment].length > 500) return fail('VALIDATION_FAILED', '请填写处理意见', { comment: '请填写处理意见（不超过500个字）' });
    if (o.status !== 'open') return fail('INVALID_STATE', '该异议已经处理过了，请刷新后查看');
    const app = (joined.app[0] as ApplicationDoc | undefined) ?? null;
    const campaign = (joined.campaign[0] as CampaignDoc | undefined) ?? null;
    if (!app || !campaign) return fail('NOT_FOUND', '没有找到该申请');
    // nobody decides on their own application, an objection to it included
    if (isApplicant(actor, app)) return fail('FORBIDDEN', '不能处理对本人申请的异议');
    const objectorOrgName = joinedName(joined.objectorOrg);
    const done = resolved(o, input.outcome, comment, ctx);
    if (input.outcome === 'dismissed') {
      const toApplicant: WorkflowMessage = {
        toOpenid: app.applicantOpenid,
        title: '公示异议经核实不成立',
        body: `您的${campaign.title}申请在公示期间收到的异议经核实不成立，申请继续办理。`,
        subject: `${campaign.title}申请`,
        phrase: '继续办理',
        brief: '公示异议不成立，继续办理',
        page: applicationPage(app._id),
        causeId: `${o._id}:resolved:applicant`,
      };
      await writeRecordSteps(tx, ctx, [resolvedStep(done, [toObjector(o, 'dismissed', comment, campaign.title), toApplicant])]);
      await tx.collection('applications').doc(app._id).update({ data: { openObjections: Math.max(0, (app.openObjections ?? 0) - 1) } });
      return ok({ done, objectorOrgName });
    }
    const r = transition(PUBLICITY_MACHINE, recordOf(app) as ListedRecord, input.outcome === 'return' ? 'objectionReturn' : 'objectionReject', actor, { comment }, ctx.now);
    if (!r.ok) return fail(r.code, r.message, r.fields);
    const next: ApplicationDoc = { ...app, ...r.next, answers: app.answers };
    if (input.outcome === 'reject') {
      next.duplicateKey = releasedKeys(app);
      next.yearClaim = null;
    }
    // Upheld, the application's other open objections are answered with it, each one written (a
    // transaction holds single-document writes only), their audit entries and messages with the step's.
    const others = (joined.onApplication as ObjectionDoc[]).filter((x) => x._id !== o._id && x.status === 'open');
    await writeWorkflowSteps(
      tx,
      ctx,
      [{ collection: 'applications', before: app, record: next, audit: { action: `application.${r.entry.action}`, details: { version: next.version, from: r.entry.from, to: r.entry.to, objectionId: o._id } }, topic: 'applicationStatus', messages: r.messages }],
      [done, ...others.map((x) => resolved(x, input.outcome, comment, ctx))].map((x) => resolvedStep(x, [toObjector(x, input.outcome, comment, campaign.title)])),
    );
    const ledger = ledgerOf(campaign);
    const released = releaseBudget(ledger, app.amountFen ?? 0);
    if (!sameLedger(ledger, released)) await writeLedger(tx, campaign._id, released);
    return ok({ done, objectorOrgName });
  });
  if (!outcome.ok) return outcome;
  const { done, objectorOrgName } = outcome.data;
  return ok({ objection: objectionView(done, { name: done.objectorName, orgName: objectorOrgName }) });
});
