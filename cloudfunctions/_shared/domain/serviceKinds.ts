// Service kinds as data: the rules every kind is made of, as pure functions over plain data. Code knows
// subjects, settle modes and counting rules, never a kind by name.
//
// THE KIND DOCUMENT (collection serviceKinds; contract in typings/api/serviceKinds.ts)
//   label, description, icon       what 首页 shows on the kind's campaign cards
//   subject                        what an application is for, naming the form fields the rules read:
//     member                         the member themself; one application per member per campaign
//     familyMember {name, idCard}    a family member with an ID card (金秋助学's child); one per ID card
//     household {size}               the member's household and its number of people; one per household
//     site {unit, address, headcount} a work site and its workers (夏送清凉); one per unit + address
//   duplicate.yearGroup            optionally also one per subject per year across every kind of the group
//                                  (a second student grant programme not with 金秋助学 for the same child);
//                                  kinds of a group have the same subject type
//   settle                         how an approved application is settled:
//     cash                           amount by tier, or up to the campaign's cap and the form's capField
//                                    figure (医疗救助: the bills); paid with 凭证号 and date
//     goods                          the declared value of the goods is approved; delivered with a headcount
//                                    at most the declared one (household size, site headcount; 1 otherwise),
//                                    photos and date
//     both                           either of the two, whichever the officer records
//     places                         a campaign quota; officers select (approve) or draw by lot among the
//                                    recommended; a place taken is settled when attended
//   counting.people                人次 of a settled application: 1 (application), the number a form field
//                                  declares (field: per household person), or the delivery's headcount
//                                  (delivered: goods only, so no cash payment counts 0). 万元 is always the
//                                  settled amount: cash paid, the goods' declared value, a place's cost.
//   sentence                       the report sentence, with named placeholders (SENTENCE_PLACEHOLDERS):
//                                  '{title}：慰问困难职工 {people} 人次，发放慰问金 {wan} 万元'
//   headline                       what an application is for in lists: '{childName}（{level}，{school}）'
//   eligibility                    defaults for its campaigns: hardship members only, new-employment only
//   template                       the form, tiers, budget, window length (and quota) a campaign starts from
//
// Every rule names fields of the template's form by key; validateKindDraft refuses a kind whose rules name a
// field its form lacks (or of the wrong type, or optional), an unknown settle mode or counting rule, a
// sentence with an unknown placeholder; a campaign's form must keep the fields its kind's rules read.
//
// BUILT-INS SHIP AS DATA: cloudbase/service-kinds.json holds 金秋助学, 夏送清凉, 冬送温暖, 两节慰问, 职工疗休养
// and 医疗救助, the seed of the serviceKinds collection in cloudbase/collections.json. localcloud inserts
// them at start and `npm run deploy` inserts them in CloudBase (each built-in replaced when its seedVersion
// grows); they are read-only and seen by every org.
//
// OFFICERS ADD KINDS (admin tab 活动管理 → 服务类型): a federation officer creates one for an org of their
// scope (campaigns.saveKind); it is seen by that org's subtree only, and edited there by its federation
// officers. A new kind shows on 首页, in the dashboard's filters, the exports and the notices' audiences
// as soon as a campaign of it exists: nothing is released.
//
// PAST SEASONS KEEP COUNTING AS THEY DID: a campaign copies its kind when it is created (KindSnapshot: the
// subject, settle, counting and duplicate rules, label and sentence), an application copies what counting
// and settling need when it is submitted or resubmitted (ApplicationTerms: its kind's label and sentence,
// the 人次 it counts, the figures its form declared), and every report counter carries the label and
// sentence of the applications it counts. Editing a kind changes the campaigns created after, never a
// counter already written or the sentence of a past season.
import { createHash } from 'node:crypto';
import type { FormField } from '../../../typings/api/campaigns';
import {
  KIND_ICONS,
  SENTENCE_PLACEHOLDERS,
  type KindSnapshot,
  type PeopleRule,
  type SentencePlaceholder,
  type ServiceKindDraft,
  type SettleMode,
  type Subject,
  type SubjectType,
} from '../../../typings/api/serviceKinds';
import { lookupHash } from '../personalData';
import { definitionProblems, isPositiveInteger, KEY_PATTERN, requiredFieldProblem, type Answers, type FormCheck } from './campaignForm';
import { ruleFields } from './ruleFields';

const SUBJECT_TYPES: readonly SubjectType[] = ['member', 'familyMember', 'household', 'site'];
const SETTLE_MODES: readonly SettleMode[] = ['cash', 'goods', 'both', 'places'];
const PEOPLE_RULES: readonly PeopleRule['by'][] = ['application', 'field', 'delivered'];

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** The {names} of a template, or null when its braces do not pair up. */
function placeholdersOf(template: string): string[] | null {
  const names = [...template.matchAll(PLACEHOLDER)].map((m) => m[1]);
  return template.replace(PLACEHOLDER, '').match(/[{}]/) ? null : names;
}

function textProblem(v: unknown, max: number, missing: string): string | null {
  if (typeof v !== 'string' || !v.trim()) return missing;
  return [...v.trim()].length > max ? `不能超过${max}个字` : null;
}

/** What the kind's sentence may not say: an unknown placeholder, unpaired braces. */
function sentenceProblem(sentence: string): string | null {
  const names = placeholdersOf(sentence);
  if (!names) return '报告用语中的花括号没有成对';
  const unknown = names.find((n) => !(n in SENTENCE_PLACEHOLDERS));
  if (unknown !== undefined) return `报告用语中有不认识的占位符{${unknown}}，可用的有：${Object.keys(SENTENCE_PLACEHOLDERS).map((k) => `{${k}}`).join('')}`;
  return null;
}

function headlineProblem(headline: string, fields: readonly FormField[]): string | null {
  const names = placeholdersOf(headline);
  if (!names) return '申请事项中的花括号没有成对';
  const unknown = names.find((n) => n !== 'applicant' && !fields.some((f) => f.key === n && f.type !== 'images'));
  return unknown === undefined ? null : `申请事项中的{${unknown}}不是表单中的字段，可用表单字段的标识或{applicant}`;
}

function subjectProblems(s: Subject, errors: Record<string, string>): void {
  if (!SUBJECT_TYPES.includes(s?.type)) {
    errors['subject.type'] = '请选择申请对象（会员本人、家属、家庭或工作场所）';
    return;
  }
  const named: Record<SubjectType, string[]> = { member: [], familyMember: ['nameField', 'idCardField'], household: ['sizeField'], site: ['unitField', 'addressField', 'headcountField'] };
  for (const k of named[s.type]) {
    const v = (s as unknown as Record<string, unknown>)[k];
    if (typeof v !== 'string' || !KEY_PATTERN.test(v)) errors[`subject.${k}`] = '请填写表单字段的标识';
  }
}

/**
 * Validates a kind as its officer saves it: label, description and icon; a known subject, settle mode and
 * counting rule that fit together; the sentence's and headline's placeholders; the template's form, tiers,
 * budget and window; and every field a rule names present in the form, of its type and required.
 * `yearGroupSubject`: the subject type of the kinds already in the draft's year group, if any.
 */
export function validateKindDraft(draft: ServiceKindDraft, yearGroupSubject: SubjectType | null = null): FormCheck<ServiceKindDraft> {
  const errors: Record<string, string> = {};
  const label = textProblem(draft.label, 20, '请填写服务名称');
  if (label) errors.label = label;
  if (typeof draft.description !== 'string' || [...draft.description].length > 40) errors.description = '说明不能超过40个字';
  if (!(KIND_ICONS as readonly string[]).includes(draft.icon)) errors.icon = '请选择图标';

  subjectProblems(draft.subject, errors);
  const mode = draft.settle?.mode;
  if (!SETTLE_MODES.includes(mode)) errors['settle.mode'] = '结算方式不对，请选择发放现金、发放实物、现金或实物、名额';
  else if (draft.settle.capField !== undefined && mode !== 'cash' && mode !== 'both') errors['settle.capField'] = '只有发放现金的服务可以按表单金额设上限';
  const people = draft.counting?.people;
  if (!PEOPLE_RULES.includes(people?.by)) errors['counting.people'] = '计人次方式不对，请选择每件申请、按表单人数或按送达人数';
  else if (people.by === 'delivered' && mode !== 'goods') errors['counting.people'] = '按送达人数计人次只适用于发放实物的服务';

  const group = draft.duplicate?.yearGroup;
  if (group !== null && (typeof group !== 'string' || !KEY_PATTERN.test(group))) errors['duplicate.yearGroup'] = '年度互斥组的标识应以英文字母开头，只含英文字母、数字和下划线';
  else if (group !== null && yearGroupSubject !== null && draft.subject && yearGroupSubject !== draft.subject.type) {
    errors['duplicate.yearGroup'] = '同一互斥组的服务，申请对象必须相同';
  }
  if (draft.duplicate?.message !== undefined && textProblem(draft.duplicate.message, 60, '请填写重复申请的提示')) errors['duplicate.message'] = '重复申请的提示应为1到60个字';

  const sentence = textProblem(draft.sentence, 100, '请填写报告用语') ?? sentenceProblem(draft.sentence);
  if (sentence) errors.sentence = sentence;
  const t = draft.template;
  const headline = textProblem(draft.headline, 60, '请填写申请事项的写法') ?? headlineProblem(draft.headline, t.fields);
  if (headline) errors.headline = headline;
  if (typeof draft.eligibility?.hardshipOnly !== 'boolean' || typeof draft.eligibility?.newEmploymentOnly !== 'boolean') errors.eligibility = '请选择申请条件';

  definitionProblems({ budgetFen: t.budgetFen, tiers: t.tiers, fields: t.fields }, errors, 'template.');
  if (!Number.isInteger(t.openForDays) || t.openForDays < 1 || t.openForDays > 366) errors['template.openForDays'] = '报名天数应为1到366天';
  if (mode === 'places') {
    if (!isPositiveInteger(t.quota) || t.quota > 100_000) errors['template.quota'] = '名额应为1到100000的整数';
    if (!Number.isSafeInteger(t.placeFen) || (t.placeFen ?? -1) < 0) errors['template.placeFen'] = '每个名额的费用应为不小于0的整数（分）';
    if (t.tiers.length) errors['template.tiers'] = '名额类服务不设金额档次';
  } else if (t.quota !== undefined || t.placeFen !== undefined) errors['template.quota'] = '只有名额类服务设名额';

  if (!Object.keys(errors).some((k) => k.startsWith('subject.') || k.startsWith('settle.') || k.startsWith('counting.'))) {
    for (const need of ruleFields(draft)) {
      const problem = requiredFieldProblem(need, t.fields);
      if (problem) errors[need.path] ??= problem;
    }
  }
  if (Object.keys(errors).length) return { ok: false, fields: errors };
  return {
    ok: true,
    value: {
      ...draft,
      label: draft.label.trim(),
      description: draft.description.trim(),
      sentence: draft.sentence.trim(),
      headline: draft.headline.trim(),
      // only what the chosen subject, settle mode and counting rule read
      subject: onlySubject(draft.subject),
      settle: { mode, ...(draft.settle.capField !== undefined && { capField: draft.settle.capField }) },
      counting: { people: people.by === 'field' ? { by: 'field', field: people.field } : { by: people.by } },
      duplicate: { yearGroup: group, ...(draft.duplicate.message !== undefined && { message: draft.duplicate.message.trim() }) },
    },
  };
}

function onlySubject(s: Subject): Subject {
  switch (s.type) {
    case 'member':
      return { type: 'member' };
    case 'familyMember':
      return { type: s.type, nameField: s.nameField, idCardField: s.idCardField };
    case 'household':
      return { type: s.type, sizeField: s.sizeField };
    case 'site':
      return { type: s.type, unitField: s.unitField, addressField: s.addressField, headcountField: s.headcountField };
  }
}

/** What a campaign keeps of its kind when it is created. */
export function snapshotOf(kind: KindSnapshot): KindSnapshot {
  const { kindId, label, description, icon, subject, settle, counting, duplicate, sentence, headline } = kind;
  return { kindId, label, description, icon, subject, settle, counting, duplicate, sentence, headline };
}

/** Whether an org at `orgPath` sees (and may run campaigns of) a kind: a built-in, or one made for an org on
 *  its path. */
export function kindVisibleTo(kind: { builtin: boolean; orgId: string | null }, orgPath: readonly string[]): boolean {
  return kind.builtin || (kind.orgId !== null && orgPath.includes(kind.orgId));
}

// ——— an application under its kind ———

/** What an application keeps of its kind's rules and its form, fixed when it is submitted or resubmitted. */
export interface ApplicationTerms {
  kindLabel: string;
  /** the report sentence its counters carry */
  sentence: string;
  /** the 人次 it counts once settled; null: the headcount its delivery reached */
  people: number | null;
  /** the household's people or the site's workers its form declared: no delivery may reach more */
  declared: number | null;
  /** the grant's cap its form sets (capField), in 分 */
  capFen: number | null;
}

const numberAt = (answers: Answers, key: string): number => (typeof answers[key] === 'number' ? (answers[key] as number) : 0);

export function applicationTerms(kind: KindSnapshot, answers: Answers): ApplicationTerms {
  const s = kind.subject;
  const rule = kind.counting.people;
  return {
    kindLabel: kind.label,
    sentence: kind.sentence,
    people: rule.by === 'application' ? 1 : rule.by === 'field' ? numberAt(answers, rule.field) : null,
    declared: s.type === 'household' ? numberAt(answers, s.sizeField) : s.type === 'site' ? numberAt(answers, s.headcountField) : null,
    capFen: kind.settle.capField !== undefined ? numberAt(answers, kind.settle.capField) : null,
  };
}

/** The most people a delivery may record: the declared figure, or the one person the application is for. */
export function maxHeadcount(terms: Pick<ApplicationTerms, 'declared'>): number {
  return terms.declared ?? 1;
}

/** Text as typed by different people for the same thing: full-width forms folded, spaces dropped, lower case. */
function canonicalText(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/**
 * Who or what the application is for, as a key no two subjects share: the member (themself or their
 * household), the keyed look-up hash of a family member's ID card (never the number), or the work site's
 * unit and address as typed but canonicalized.
 */
export function subjectKey(subject: Subject, answers: Answers, applicantMemberId: string, hashKey: Buffer): string {
  switch (subject.type) {
    case 'member':
      return `member:${applicantMemberId}`;
    case 'household':
      return `household:${applicantMemberId}`;
    case 'familyMember':
      return `person:${lookupHash('idCard', String(answers[subject.idCardField]), hashKey)}`;
    case 'site': {
      const site = `${canonicalText(String(answers[subject.unitField]))}\u0000${canonicalText(String(answers[subject.addressField]))}`;
      return `site:${createHash('sha256').update(site, 'utf8').digest('hex')}`;
    }
  }
}

/** The key a unique index holds so a campaign takes one application per subject while it stands. */
export const campaignDuplicateKey = (campaignId: string, subject: string): string => `${campaignId}:${subject}`;

/** The claim a year group's application holds among its duplicate keys: one per subject, group and year. */
export const yearClaimId = (yearGroup: string, year: number, subject: string): string => `${yearGroup}:${year}:${subject}`;

/** The keys a standing application holds in its unique duplicateKey: its campaign's, then its year claim if any. */
export const standingKeys = (campaignKey: string, yearClaim: string | null): string[] => (yearClaim ? [campaignKey, yearClaim] : [campaignKey]);

/** The keys an application holds, whichever shape it has stored: applications from before year claims were
 *  among them hold their campaign's key alone, a string. */
export const heldKeys = (doc: { duplicateKey: string | string[] }): string[] => (typeof doc.duplicateKey === 'string' ? [doc.duplicateKey] : doc.duplicateKey);

const DUPLICATE_MESSAGES: Record<SubjectType, string> = {
  member: '您本次已经申请过了，不能重复申请',
  familyMember: '这个人本次已经申请过了，不能重复申请',
  household: '您家本次已经申请过了，不能重复申请',
  site: '这个工作场所本次已经申请过了',
};

/** What a duplicate is told, and the form field it is shown against. */
export function duplicateRefusal(kind: Pick<KindSnapshot, 'subject' | 'duplicate'>): { message: string; field: string } {
  const s = kind.subject;
  const field = s.type === 'familyMember' ? s.idCardField : s.type === 'site' ? s.unitField : '_form';
  return { message: kind.duplicate.message ?? DUPLICATE_MESSAGES[s.type], field };
}

/** A year group's duplicate, refused by the claim another application holds: the campaign's own message
 *  when that one is of the same campaign, else naming the campaign that holds it. */
export function yearDuplicateRefusal(kind: Pick<KindSnapshot, 'subject' | 'duplicate'>, campaignId: string, held: { campaignId: string; campaignTitle: string }): { message: string; field: string } {
  const own = duplicateRefusal(kind);
  return held.campaignId === campaignId ? own : { message: `今年已经申请过${held.campaignTitle}，同一年内不能重复申请`, field: own.field };
}

/** What an application is for in lists: the kind's headline with the answers put in (select options by
 *  their labels) and {applicant} as the applicant's name. */
export function renderHeadline(headline: string, fields: readonly FormField[], answers: Answers, applicantName: string): string {
  return headline.replace(PLACEHOLDER, (_m, key: string) => {
    if (key === 'applicant') return applicantName;
    const v = answers[key];
    if (v === undefined || Array.isArray(v)) return '';
    const field = fields.find((f) => f.key === key);
    return field?.type === 'select' ? (field.options?.find((o) => o.value === v)?.label ?? String(v)) : String(v);
  });
}

/** A report sentence with its placeholders put in. */
export function renderSentence(template: string, values: Record<SentencePlaceholder, string>): string {
  return template.replace(PLACEHOLDER, (m, key: string) => (key in values ? values[key as SentencePlaceholder] : m));
}

// ——— the draw of a places campaign ———

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The seed of a draw: a hash of its id and its candidates (sorted), both recorded with it. */
export function drawSeed(drawId: string, candidates: readonly string[]): string {
  return sha256(`${drawId}\n${[...candidates].sort().join('\n')}`);
}

/**
 * The winners of a draw by lot: the candidates ranked by the hash of the seed and their id, the first
 * `places` of them. Anyone holding the recorded seed and candidates gets the same winners.
 */
export function drawLots(seed: string, candidates: readonly string[], places: number): string[] {
  const ranked = [...new Set(candidates)].map((id) => ({ id, rank: sha256(`${seed}:${id}`) }));
  ranked.sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
  return ranked.slice(0, places).map((r) => r.id);
}
