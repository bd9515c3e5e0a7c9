// Decisions on applications (recommend, return, reject, approve, cancel), payment, delivery, attendance and
// refunds, and the applicant's withdraw and resubmit: each one transaction that reads the application and its campaign,
// refuses before any write (the machine's CONFLICT on a stale version, FORBIDDEN, state and input checks,
// the budget and the places), and writes the application (with the duplicate keys it holds: a year group's
// claim another holds fails the write), the campaign's ledger, the audit entry and the message to the
// applicant together.
import type { ApplicationAction, ApplicationDetail, ApplicationStatus, BatchApproveOutcome } from '../../typings/api/applications';
import type { BudgetLedger } from '../../typings/api/campaigns';
import type { Result } from '../../typings/envelope';
import type { Actor } from '../_shared/access/actor';
import { campaignApprovalScopes, queueScopes } from '../_shared/access/applications';
import type { Staffing } from '../_shared/access/coverage';
import { _, db, rows, transaction, txGet, type Tx } from '../_shared/cloud';
import { loadActor } from '../_shared/data/actor';
import { applicationInContext, fieldOfFile, headlineOf, recordOf, releasedKeys, sealAnswers, yearClaimHolder, type ApplicationDoc, type ApplicationInContext } from '../_shared/data/applications';
import { getCampaign, ledgerOf, type CampaignDoc } from '../_shared/data/campaigns';
import { isDuplicateKey } from '../_shared/data/dbErrors';
import { checkOwnFiles, NO_FILES, type FileCheck } from '../_shared/data/files';
import { signalDesk } from '../_shared/data/reminders';
import { staffingOf } from '../_shared/data/staffing';
import { writeWorkflowSteps } from '../_shared/data/workflowStep';
import { refundBudget, releaseBudget, reserveBudget, settleBudget, suggestedTierKey, takePlaces } from '../_shared/domain/campaignRules';
import { cardHolderProblems } from '../_shared/domain/cardHolder';
import { settlementHold } from '../_shared/domain/publicity';
import { applicationArrival } from '../_shared/domain/reminders';
import { applicationTerms, campaignDuplicateKey, duplicateRefusal, standingKeys, subjectKey, yearClaimId, yearDuplicateRefusal } from '../_shared/domain/serviceKinds';
import { action, fail, ok, type CallContext } from '../_shared/function';
import { personalDataKeys } from '../_shared/keys';
import { applicationMachine } from '../_shared/workflow/applications';
import { transition, type HistoryEntry, type TransitionRefusal, type WorkflowMessage } from '../_shared/workflow/machine';
import { z } from '../_shared/validation';
import { detailFor } from './view';

const TRANSITIONS = ['recommend', 'return', 'reject', 'approve', 'pay', 'deliver', 'attend', 'withdraw', 'resubmit', 'cancel', 'refund'] as const satisfies readonly ApplicationAction[];
const NOT_FOUND = '没有找到该申请';

const id = z.string().min(1).max(64);
const version = z.number().int().positive();
// The transition's own inputs are checked by the machine (their Chinese messages live with the workflow);
// here only their shapes, so nothing else can ride in the event.
const actInput = z.strictObject({
  applicationId: id,
  version,
  transition: z.enum(TRANSITIONS),
  comment: z.string().max(1000).optional(),
  amountFen: z.number().optional(),
  paymentReference: z.string().max(200).optional(),
  paidOn: z.string().max(20).optional(),
  headcount: z.number().optional(),
  photos: z.array(z.string().max(500)).max(20).optional(),
  deliveredOn: z.string().max(20).optional(),
  attendedOn: z.string().max(20).optional(),
  refundFen: z.number().optional(),
  refundedOn: z.string().max(20).optional(),
  refundReference: z.string().max(200).optional(),
  refundReason: z.string().max(1000).optional(),
  answers: z.record(z.string().max(40), z.unknown()).optional(),
});
type ActInput = z.output<typeof actInput>;

export type Taken = { ok: true; before: ApplicationDoc; next: ApplicationDoc; ledger: BudgetLedger; entry: HistoryEntry<ApplicationStatus>; messages: WorkflowMessage[] };
type Step = Taken | { ok: false; code: TransitionRefusal['code'] | 'BUDGET_EXHAUSTED' | 'NOT_FOUND' | 'ON_HOLD'; message: string; fields?: Record<string, string> };

/**
 * Takes `name` on `doc` in memory: refusals in the boundary's order, then the budget and places (approval
 * reserves its amount and takes a place, payment, delivery and attendance settle, cancelling gives back the
 * reservation and place, a refund what it returns), the answers a resubmit brings (sealed, with their terms,
 * duplicate key and year claim), the 公示 hold on settling, and the keys a withdrawn, rejected or cancelled
 * application releases.
 */
export function step(
  ctx: CallContext,
  actor: Actor,
  doc: ApplicationDoc,
  campaign: CampaignDoc,
  ledger: BudgetLedger,
  name: ApplicationAction,
  expectedVersion: number,
  stepInput: Record<string, unknown>,
  files: FileCheck,
  staff: Staffing,
): Step {
  const r = transition(applicationMachine(campaign, staff), recordOf(doc), name, actor, stepInput, ctx.now, expectedVersion);
  if (!r.ok) return r;
  // a campaign requiring 公示 settles nothing listed until its period ends with no objection open
  const held = name === 'pay' || name === 'deliver' || name === 'attend' ? settlementHold(campaign, doc, ctx.now) : null;
  if (held) return { ok: false, code: 'ON_HOLD', message: held.message };
  const holders = name === 'resubmit' ? cardHolderProblems(campaign.fields, r.next.answers, doc.applicantName) : {};
  if (Object.keys(holders).length) return { ok: false, code: 'VALIDATION_FAILED', message: Object.values(holders)[0], fields: holders };
  if (!files.ok) {
    const field = name === 'deliver' ? 'photos' : fieldOfFile(campaign.fields, r.next.answers, files.fileId);
    return { ok: false, code: 'VALIDATION_FAILED', message: files.message, fields: { [field]: files.message } };
  }
  let nextLedger = ledger;
  if (name === 'approve') {
    const place = takePlaces(ledger, 1);
    if (!place.ok) return { ok: false, code: 'BUDGET_EXHAUSTED', message: place.message };
    const reserved = reserveBudget(place.value, r.next.amountFen ?? 0);
    if (!reserved.ok) return { ok: false, code: 'BUDGET_EXHAUSTED', message: reserved.message };
    nextLedger = reserved.value;
  } else if (name === 'pay' || name === 'deliver' || name === 'attend') {
    nextLedger = settleBudget(ledger, doc.amountFen ?? 0);
  } else if (name === 'cancel') {
    nextLedger = releaseBudget(ledger, doc.amountFen ?? 0);
  } else if (name === 'refund') {
    nextLedger = refundBudget(ledger, r.next.refunds?.at(-1)?.amountFen ?? 0);
  }
  const next: ApplicationDoc = { ...doc, ...r.next, answers: doc.answers };
  if (name === 'resubmit') {
    const subject = subjectKey(campaign.kind.subject, r.next.answers, doc.applicantMemberId, personalDataKeys().hashKey);
    const group = campaign.kind.duplicate.yearGroup;
    next.answers = sealAnswers(campaign.fields, r.next.answers);
    next.terms = applicationTerms(campaign.kind, r.next.answers);
    next.headline = headlineOf(campaign, r.next.answers, doc.applicantName);
    next.suggestedTierKey = suggestedTierKey(campaign, r.next.answers);
    next.yearClaim = group === null ? null : yearClaimId(group, campaign.year, subject);
    next.duplicateKey = standingKeys(campaignDuplicateKey(campaign._id, subject), next.yearClaim);
  } else if (name === 'withdraw' || name === 'reject' || name === 'cancel') {
    next.duplicateKey = releasedKeys(doc);
    next.yearClaim = null;
  }
  return { ok: true, before: doc, next, ledger: nextLedger, entry: r.entry, messages: r.messages };
}

/** The decisions taken, written in one go: their counter changes summed per counter document. */
export function writeDecisions(tx: Tx, ctx: CallContext, taken: readonly Taken[]): Promise<void> {
  return writeWorkflowSteps(
    tx,
    ctx,
    taken.map(({ before, next, entry, messages }) => {
      const details = { version: next.version, from: entry.from, to: entry.to, amountFen: next.amountFen };
      return { collection: 'applications', before, record: next, audit: { action: `application.${entry.action}`, details }, topic: 'applicationStatus', messages };
    }),
  );
}

export async function writeLedger(tx: Tx, campaignId: string, ledger: BudgetLedger): Promise<void> {
  await tx.collection('campaigns').doc(campaignId).update({ data: { reservedFen: ledger.reservedFen, paidFen: ledger.paidFen, ...(ledger.places && { placesTaken: ledger.places.taken }) } });
}

export const sameLedger = (a: BudgetLedger, b: BudgetLedger) => a.reservedFen === b.reservedFen && a.paidFen === b.paidFen && a.places?.taken === b.places?.taken;

/** The files a delivery or a supplement brings: checked as the caller's own before the transaction. */
function filesOf(input: ActInput): string[] {
  if (input.transition === 'deliver') return input.photos ?? [];
  if (input.transition !== 'resubmit') return [];
  // Only images answers are lists; anything else in a list fails the form's own validation anyway.
  return Object.values(input.answers ?? {}).flatMap((v) => (Array.isArray(v) ? v.filter((f): f is string => typeof f === 'string') : []));
}

function refusal(s: Extract<Step, { ok: false }>) {
  return fail(s.code, s.message, s.fields);
}

/** The refusal of a step that failed on a duplicate key: the year claim it took held by another application,
 *  else the campaign's duplicate key. */
async function duplicate(campaign: CampaignDoc, claimTaken: { claimId: string; applicationId: string } | null) {
  const held = claimTaken && (await yearClaimHolder(claimTaken.claimId, claimTaken.applicationId));
  const refused = held ? yearDuplicateRefusal(campaign.kind, campaign._id, held) : duplicateRefusal(campaign.kind);
  return fail('DUPLICATE', refused.message, { [refused.field]: refused.message });
}

export const act = action(actInput, async (ctx, input): Promise<Result<{ application: ApplicationDetail }>> => {
  const { applicationId, version: expected, transition: name, ...stepInput } = input;
  const files = await checkOwnFiles(ctx.openid, filesOf(input));
  let campaignSeen: CampaignDoc | null = null;
  let claimTaken: { claimId: string; applicationId: string } | null = null;
  let outcome: Result<{ doc: ApplicationDoc; campaign: CampaignDoc; context: ApplicationInContext }>;
  try {
    outcome = await transaction(async (tx): Promise<Result<{ doc: ApplicationDoc; campaign: CampaignDoc; context: ApplicationInContext }>> => {
      // The application read here fixes the transaction's snapshot. What one aggregation reads after it
      // (the caller, the officers along the application's paths, its campaign, its org's name) is as the
      // snapshot has it or newer, and a document changed since that the step then writes (the application,
      // the campaign's ledger) is a write conflict (cloud.ts transaction): so the campaign a decision
      // reserves from needs no read of its own inside.
      const doc = await txGet<ApplicationDoc>(tx, 'applications', applicationId);
      if (!doc) return fail('NOT_FOUND', NOT_FOUND);
      const context = await applicationInContext(applicationId, ctx.openid);
      if (!context?.campaign) return fail('NOT_FOUND', NOT_FOUND);
      const { campaign, actor, staff } = context;
      campaignSeen = campaign;
      const ledger = ledgerOf(campaign);
      const s = step(ctx, actor, doc, campaign, ledger, name, expected, stepInput, files, staff);
      if (!s.ok) return refusal(s);
      // the keys it takes are in the application it writes: one another application holds fails the commit
      claimTaken = s.next.yearClaim && s.next.yearClaim !== s.before.yearClaim ? { claimId: s.next.yearClaim, applicationId: s.next._id } : null;
      await writeDecisions(tx, ctx, [s]);
      if (!sameLedger(ledger, s.ledger)) await writeLedger(tx, campaign._id, s.ledger);
      return ok({ doc: s.next, campaign: { ...campaign, ...s.ledger }, context });
    });
  } catch (e) {
    const campaign = campaignSeen as CampaignDoc | null;
    if (isDuplicateKey(e) && campaign) return duplicate(campaign, claimTaken);
    throw e;
  }
  if (!outcome.ok) return outcome;
  const { doc, campaign, context } = outcome.data;
  const { actor, staff, orgName } = context;
  const arrived = applicationArrival(doc.status);
  if (arrived) await signalDesk(arrived.stage, { orgPath: doc.applicantOrgPath, campaignOrgPath: doc.campaignOrgPath }, staff, arrived.reason, ctx);
  return ok({ application: await detailFor(doc, campaign, actor, staff, { urls: files.ok ? files.urls : undefined, orgName }) });
});

const batchInput = z.strictObject({
  campaignId: id,
  items: z.array(z.strictObject({ applicationId: id, version, amountFen: z.number().optional() })).min(1).max(50),
  comment: z.string().max(1000).optional(),
});

export const batchApprove = action(batchInput, async (ctx, input): Promise<Result<{ results: BatchApproveOutcome[]; ledger: BudgetLedger }>> => {
  const actor = await loadActor(ctx.openid);
  const FORBIDDEN = '只有本活动的总工会干部可以批准';
  return transaction(async (tx): Promise<Result<{ results: BatchApproveOutcome[]; ledger: BudgetLedger }>> => {
    const campaign = await txGet<CampaignDoc>(tx, 'campaigns', input.campaignId);
    if (!campaign) return fail('NOT_FOUND', '没有找到该活动');
    if (!campaignApprovalScopes(actor, campaign.orgPath).length) return fail('FORBIDDEN', FORBIDDEN);
    const ids = [...new Set(input.items.map((i) => i.applicationId))];
    const found = await Promise.all(ids.map((appId) => txGet<ApplicationDoc>(tx, 'applications', appId)));
    // The state of each application as the batch goes: an id given twice sees its first approval.
    const current = new Map(found.flatMap((d) => (d ? [[d._id, d] as const] : [])));
    const approved: Taken[] = [];
    const initial = ledgerOf(campaign);
    let ledger = initial;
    const results: BatchApproveOutcome[] = input.items.map((item) => {
      const doc = current.get(item.applicationId);
      if (!doc || doc.campaignId !== campaign._id) return { applicationId: item.applicationId, ok: false, error: { code: 'NOT_FOUND', message: NOT_FOUND } };
      // approval is the federation's alone: no coverage to consult
      const s = step(ctx, actor, doc, campaign, ledger, 'approve', item.version, { comment: input.comment, ...(item.amountFen !== undefined && { amountFen: item.amountFen }) }, NO_FILES, []);
      if (!s.ok) return { applicationId: item.applicationId, ok: false, error: refusal(s).error };
      current.set(doc._id, s.next);
      approved.push(s);
      ledger = s.ledger;
      return { applicationId: item.applicationId, ok: true };
    });
    await writeDecisions(tx, ctx, approved);
    if (!sameLedger(initial, ledger)) await writeLedger(tx, campaign._id, ledger);
    return ok({ results, ledger });
  });
});

const batchRecommendInput = z.strictObject({
  campaignId: id,
  items: z.array(z.strictObject({ applicationId: id, version })).min(1).max(50),
  comment: z.string().max(1000).optional(),
});

/**
 * Recommends a batch at the grassroots stage, in one transaction: each item by the machine's own rule (its
 * stage's officers, the federation where a union has none; a stale version is that item's CONFLICT). The
 * paths of the items are read first, for the officers along them; the federation officers the recommended
 * ones now wait for are signalled after.
 */
export const batchRecommend = action(batchRecommendInput, async (ctx, input): Promise<Result<{ results: BatchApproveOutcome[] }>> => {
  const ids = [...new Set(input.items.map((i) => i.applicationId))];
  const [actor, campaign, seen] = await Promise.all([
    loadActor(ctx.openid),
    getCampaign(input.campaignId),
    rows<Pick<ApplicationDoc, '_id' | 'applicantOrgPath' | 'campaignOrgPath'>>(db.collection('applications').where({ _id: _.in(ids) }).field({ applicantOrgPath: true, campaignOrgPath: true }).limit(ids.length)),
  ]);
  if (!campaign) return fail('NOT_FOUND', '没有找到该活动');
  if (!queueScopes(actor, campaign.orgPath).length) return fail('FORBIDDEN', '只有负责审核的工会干部可以推荐');
  const staff = await staffingOf(seen.flatMap((d) => [d.applicantOrgPath, d.campaignOrgPath]));
  const { results, recommended } = await transaction(async (tx) => {
    const found = await Promise.all(ids.map((appId) => txGet<ApplicationDoc>(tx, 'applications', appId)));
    const current = new Map(found.flatMap((d) => (d ? [[d._id, d] as const] : [])));
    const taken: Taken[] = [];
    const ledger = ledgerOf(campaign);
    const results: BatchApproveOutcome[] = input.items.map((item) => {
      const doc = current.get(item.applicationId);
      if (!doc || doc.campaignId !== campaign._id) return { applicationId: item.applicationId, ok: false, error: { code: 'NOT_FOUND', message: NOT_FOUND } };
      const s = step(ctx, actor, doc, campaign, ledger, 'recommend', item.version, { comment: input.comment }, NO_FILES, staff);
      if (!s.ok) return { applicationId: item.applicationId, ok: false, error: refusal(s).error };
      current.set(doc._id, s.next);
      taken.push(s);
      return { applicationId: item.applicationId, ok: true };
    });
    await writeDecisions(tx, ctx, taken);
    return { results, recommended: taken.map((t) => t.next) };
  });
  // the officers responsible for the federation stage, once for each org path they were told of
  const told = new Set<string>();
  for (const doc of recommended) {
    const key = doc.campaignOrgPath.join('/');
    if (told.has(key)) continue;
    told.add(key);
    await signalDesk('federationReview', { orgPath: doc.applicantOrgPath, campaignOrgPath: doc.campaignOrgPath }, staff, 'federationReview', ctx);
  }
  return ok({ results });
});
