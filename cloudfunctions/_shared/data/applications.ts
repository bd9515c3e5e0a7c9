// The applications collection: the stored shape (the workflow record, who applied, the keys that make a
// submit idempotent and its subject — child, household, work site — unique per campaign and, for a year
// group's kinds, per year; the answers with personal numbers sealed) and the views built from it.
import type {
  AnswerView,
  ApplicationAction,
  ApplicationDetail,
  ApplicationStatus,
  ApplicationSummary,
  ApplicationTimelineEntry,
} from '../../../typings/api/applications';
import type { CampaignView, FormField } from '../../../typings/api/campaigns';
import type { HardshipGrade } from '../../../typings/api/hardship';
import type { SettleMode } from '../../../typings/api/serviceKinds';
import type { Actor } from '../access/actor';
import { isApplicant, mayDecideAsFederation } from '../access/applications';
import type { Staffing } from '../access/coverage';
import { _, db, rows } from '../cloud';
import type { Answers } from '../domain/campaignForm';
import { formatYuan, grantCap } from '../domain/campaignRules';
import type { PublicityMark } from '../domain/publicity';
import { heldKeys, maxHeadcount, renderHeadline } from '../domain/serviceKinds';
import { personalDataKeys } from '../keys';
import { decrypt, encrypt, maskBankCard, maskIdCard, maskPhone, type PersonalDataKind } from '../personalData';
import type { ApplicationRecord } from '../workflow/applications';
import { availableTransitions, type Machine } from '../workflow/machine';
import { joinedName, loadWithCaller, orgLookup } from './actor';
import type { CampaignDoc } from './campaigns';

/** A personal number in an answer: encrypted, and masked for display. */
export interface SealedAnswer {
  enc: string;
  masked: string;
}

export type StoredAnswers = Record<string, string | number | string[] | SealedAnswer>;

export interface ApplicationDoc extends Omit<ApplicationRecord, 'answers'>, PublicityMark {
  /** the campaign's settle mode, for lists and tabs */
  settle: SettleMode;
  applicantName: string;
  applicantOrgId: string;
  /** made once per form on the phone; the _id derives from it */
  requestKey: string;
  /**
   * The keys it holds in the unique index duplicateKey_1 while it stands (domain/serviceKinds.ts
   * standingKeys): its campaign's duplicate key and, for a year group's kind, its year claim. An array, so
   * each is unique across applications (a multikey unique index); applications from before year claims
   * lived here hold their campaign's key alone, a string (heldKeys reads both).
   */
  duplicateKey: string | string[];
  /** the year group's claim it holds (one of its duplicateKey), or null: its kind has no year group, or it
   *  no longer stands */
  yearClaim: string | null;
  /** what the application is for, shown in lists */
  headline: string;
  suggestedTierKey: string | null;
  /** the grade of the applicant's hardship record valid when they submitted (null: none; absent on
   *  applications from before hardship records): what the hardship figures count as assistance */
  applicantHardshipGrade?: HardshipGrade | null;
  answers: StoredAnswers;
}

const MASKS: Record<PersonalDataKind, (v: string) => string> = { idCard: maskIdCard, phone: maskPhone, bankCard: maskBankCard };
const isPersonal = (type: FormField['type']): type is PersonalDataKind => type in MASKS;
const isSealed = (v: StoredAnswers[string] | undefined): v is SealedAnswer => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validated answers as stored: ID card, phone and bank card numbers encrypted beside their masked form. */
export function sealAnswers(fields: readonly FormField[], answers: Answers): StoredAnswers {
  const key = personalDataKeys().encryptionKey;
  const out: StoredAnswers = {};
  for (const [k, v] of Object.entries(answers)) {
    const type = fields.find((f) => f.key === k)?.type;
    out[k] = type && isPersonal(type) && typeof v === 'string' ? { enc: encrypt(v, key), masked: MASKS[type](v) } : v;
  }
  return out;
}

/** The answers in full, for the applicant's own supplement form. */
export function openAnswers(stored: StoredAnswers): Answers {
  const key = personalDataKeys().encryptionKey;
  return Object.fromEntries(Object.entries(stored).map(([k, v]) => [k, isSealed(v) ? decrypt(v.enc, key) : v]));
}

/** The file ids of the images answers (admission notices, …). */
export function imageFileIds(fields: readonly FormField[], answers: Answers | StoredAnswers): string[] {
  return fields.filter((f) => f.type === 'images').flatMap((f) => {
    const v = answers[f.key];
    return Array.isArray(v) ? v : [];
  });
}

/** The images field whose answer holds `fileId`, to show a file's problem against it. */
export function fieldOfFile(fields: readonly FormField[], answers: Answers, fileId: string): string {
  return fields.find((f) => f.type === 'images' && Array.isArray(answers[f.key]) && (answers[f.key] as string[]).includes(fileId))?.key ?? '_form';
}

function selectLabel(fields: readonly FormField[], key: string, value: unknown): string {
  return fields.find((f) => f.key === key)?.options?.find((o) => o.value === value)?.label ?? String(value ?? '');
}

/** What the application is for, in the words of its kind's headline (e.g. the child, level and school). */
export function headlineOf(campaign: Pick<CampaignView, 'kind' | 'fields'>, answers: Answers, applicantName: string): string {
  return renderHeadline(campaign.kind.headline, campaign.fields, answers, applicantName);
}

/** The keys a withdrawn or rejected application keeps: each its own, so the subject can apply again (a
 *  missing key would count as null in the unique index and collide with the next one). */
export function releasedKeys(doc: Pick<ApplicationDoc, '_id' | 'duplicateKey'>): string[] {
  return heldKeys(doc).map((k) => (k.includes(':released:') ? k : `${k}:released:${doc._id}`));
}

/** After a write failed on a duplicate key: the standing application other than `applicationId` that holds
 *  the year claim `claimId`, to name its campaign in the refusal, else null. One read, on duplicateKey_1. */
export async function yearClaimHolder(claimId: string, applicationId: string): Promise<Pick<ApplicationDoc, 'campaignId' | 'campaignTitle'> | null> {
  const [held] = await rows<ApplicationDoc>(
    db.collection('applications').where({ duplicateKey: claimId, _id: _.neq(applicationId) }).field({ campaignId: true, campaignTitle: true }).limit(1),
  );
  return held ?? null;
}

/**
 * The record the machine works on. Its answers are left out: no transition reads them, and only resubmit
 * sets them (validated, plain), which the caller seals before storing.
 */
export function recordOf(doc: ApplicationDoc): ApplicationRecord {
  return { ...doc, answers: {} };
}

const iso = (d: Date) => new Date(d).toISOString();

export function applicationSummary(doc: ApplicationDoc, orgName: string): ApplicationSummary {
  return {
    applicationId: doc._id,
    campaignId: doc.campaignId,
    campaignKind: doc.campaignKind,
    kindLabel: doc.terms.kindLabel,
    settle: doc.settle,
    campaignTitle: doc.campaignTitle,
    status: doc.status,
    headline: doc.headline,
    applicantName: doc.applicantName,
    applicantOrgName: orgName,
    createdAt: iso(doc.createdAt),
    updatedAt: iso(doc.updatedAt),
    amountFen: doc.amountFen,
    suggestedTierKey: doc.suggestedTierKey ?? null,
    version: doc.version,
  };
}

/** Who took a step, by their part: the applicant, the grassroots union (review stage) or the federation. */
function byLabel(doc: ApplicationDoc, entry: ApplicationDoc['history'][number]): string {
  if (entry.by === doc.applicantOpenid) return '本人';
  if (entry.action === 'recommend' || ((entry.action === 'return' || entry.action === 'reject') && entry.from === 'submitted')) return '基层工会';
  return '总工会';
}

/** The temporary URLs `applicationDetail` shows: every file of the answers and of the delivery. */
export function detailFileIds(doc: ApplicationDoc, campaign: Pick<CampaignView, 'fields'>): string[] {
  return [...imageFileIds(campaign.fields, doc.answers), ...(doc.delivery?.photos ?? [])];
}

function answerViews(doc: ApplicationDoc, campaign: Pick<CampaignView, 'fields'>, actor: Actor, files: (ids: string[]) => AnswerView['files']): AnswerView[] {
  // The bank card is shown in clear only to the federation officer who pays an approved grant.
  const paying = doc.status === 'approved' && mayDecideAsFederation(actor, doc);
  const views: AnswerView[] = [];
  for (const field of campaign.fields) {
    const v = doc.answers[field.key];
    if (v === undefined) continue;
    const view: AnswerView = { key: field.key, label: field.label, type: field.type, display: '' };
    if (isSealed(v)) view.display = field.type === 'bankCard' && paying ? decrypt(v.enc, personalDataKeys().encryptionKey) : v.masked;
    else if (Array.isArray(v)) {
      view.files = files(v);
      view.display = `${v.length}个文件`;
    } else if (field.type === 'select') view.display = selectLabel(campaign.fields, field.key, v);
    else if (field.type === 'money') view.display = formatYuan(Number(v));
    else view.display = String(v);
    views.push(view);
  }
  return views;
}

export function applicationDetail(
  doc: ApplicationDoc,
  campaign: Pick<CampaignView, 'kind' | 'fields' | 'tiers' | 'maxAmountFen' | 'budgetFen'>,
  machine: Machine<ApplicationStatus, ApplicationRecord>,
  actor: Actor,
  orgName: string,
  urls: Map<string, string>,
): ApplicationDetail {
  const files = (ids: string[]) => ids.map((fileId) => ({ fileId, url: urls.get(fileId) ?? '' }));
  const timeline: ApplicationTimelineEntry[] = doc.history.map((e) => ({
    at: iso(e.at),
    action: e.action as ApplicationTimelineEntry['action'],
    from: e.from,
    to: e.to,
    comment: e.comment,
    byLabel: byLabel(doc, e),
  }));
  return {
    ...applicationSummary(doc, orgName),
    answers: answerViews(doc, campaign, actor, files),
    timeline,
    payment: doc.payment,
    delivery: doc.delivery && { headcount: doc.delivery.headcount, deliveredOn: doc.delivery.deliveredOn, photos: files(doc.delivery.photos) },
    attendance: doc.attendance ?? null,
    refunds: (doc.refunds ?? []).map(({ amountFen, refundedOn, reference, reason }) => ({ amountFen, refundedOn, reference, reason })),
    maxHeadcount: maxHeadcount(doc.terms),
    actions: availableTransitions(machine, recordOf(doc), actor) as ApplicationAction[],
    tiers: campaign.tiers,
    maxAmountFen: campaign.kind.settle.mode === 'places' ? null : campaign.tiers.length ? doc.terms.capFen : grantCap(campaign, doc.terms.capFen),
    prefill: doc.status === 'returned' && isApplicant(actor, doc) ? openAnswers(doc.answers) : null,
  };
}

export async function getApplication(applicationId: string): Promise<ApplicationDoc | null> {
  const res = (await db.collection('applications').doc(applicationId).get()) as unknown as { data: ApplicationDoc | null };
  return res.data ?? null;
}

/** What a step on an application reads beside the application (applicationInContext). */
export interface ApplicationInContext {
  doc: ApplicationDoc;
  /** null when the campaign is gone */
  campaign: CampaignDoc | null;
  actor: Actor;
  /** the stage officers along the applicant's and the campaign's paths (access/coverage.ts) */
  staff: Staffing;
  /** the name of the applicant's org */
  orgName: string;
}

/**
 * An application with what a step on it needs first, in one aggregation on `applications` by id
 * (data/actor.ts loadWithCaller): the caller, the stage officers at the orgs of its two paths, its campaign
 * and its applicant's org's name. Null when there is no such application.
 */
export async function applicationInContext(applicationId: string, openid: string): Promise<ApplicationInContext | null> {
  const found = await loadWithCaller<ApplicationDoc>('applications', { _id: applicationId }, openid, ['applicantOrgPath', 'campaignOrgPath'], [
    { from: 'campaigns', localField: 'campaignId', foreignField: '_id', as: 'campaign' },
    orgLookup('applicantOrgId', 'org'),
  ]);
  if (!found) return null;
  const { doc, actor, staff, joined } = found;
  return { doc, campaign: (joined.campaign[0] as CampaignDoc | undefined) ?? null, actor, staff, orgName: joinedName(joined.org) };
}
