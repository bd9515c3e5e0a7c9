// A campaign's form is data: the member's answers are checked against the campaign's field definitions, and
// the definitions themselves are checked when a federation officer saves a campaign in the editor.
import type { AmountTier, CampaignDraft, FormField } from '../../../typings/api/campaigns';
import type { SettleMode } from '../../../typings/api/serviceKinds';
import { parseBankCard } from './bankCard';
import { holderRuleProblems } from './cardHolder';
import { parseIdCard } from './idCard';
import type { Parsed } from './parsed';
import { parsePhone } from './phone';

/** Normalized answers: strings (text, dates, select values, normalized ID/phone/card numbers), integers
 *  (number, money in 分) and fileID lists. Optional fields left empty are absent. ID card, phone and bank card
 *  values are plain here: the caller encrypts them before storing. */
export type Answers = Record<string, string | number | string[]>;

export type FormCheck<T> = { ok: true; value: T } | { ok: false; fields: Record<string, string> };

// Caps for definitions that leave `max` out, so no field can carry unbounded text or files.
const DEFAULT_MAX: Record<'text' | 'textarea' | 'images', number> = { text: 100, textarea: 2000, images: 9 };
/** The largest number/money a definition may allow: well inside exact integers and any real grant. */
const NUMBER_CEILING = 1_000_000_000_00;
export const KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const FILE_ID_PATTERN = /^cloud:\/\/\S+$/;

/** A field some rule reads by key (a kind's subject, settle and counting rules: domain/serviceKinds.ts), so
 *  every form it applies to must have it, of its type and required. */
export interface RequiredField {
  key: string;
  type: FormField['type'];
  /** what the rule reads it as, in the officer's words */
  role: string;
}

const TYPE_NAMES: Partial<Record<FormField['type'], string>> = { text: '文字', number: '整数', money: '金额', idCard: '身份证号' };

/** The problem of a form lacking a required field (or having it of another type, or optional), or null. */
export function requiredFieldProblem(need: RequiredField, fields: readonly Pick<FormField, 'key' | 'type' | 'required'>[]): string | null {
  const f = fields.find((x) => x.key === need.key);
  if (f && f.type === need.type && f.required) return null;
  return `表单中应有必填的${TYPE_NAMES[need.type] ?? need.type}字段“${need.key}”（${need.role}）`;
}

/** Whether 'YYYY-MM-DD' names a real calendar date. */
export function isCalendarDay(s: string): boolean {
  const m = DATE_PATTERN.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
}

function missingMessage(field: FormField): string {
  if (field.type === 'images') return `请上传${field.label}`;
  if (field.type === 'select' || field.type === 'date') return `请选择${field.label}`;
  return `请填写${field.label}`;
}

function textOf(v: unknown, field: FormField, max: number): Parsed<string> {
  if (typeof v !== 'string') return { ok: false, message: `${field.label}应为文字` };
  const text = v.trim();
  return [...text].length > max ? { ok: false, message: `${field.label}不能超过${max}个字` } : { ok: true, value: text };
}

function integerOf(v: unknown, field: FormField): Parsed<number> {
  const unit = field.type === 'money' ? '分' : '';
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
    return { ok: false, message: field.type === 'money' ? `${field.label}应为以分计的整数` : `${field.label}应为整数` };
  }
  if (v < 0) return { ok: false, message: `${field.label}不能为负数` };
  const max = field.max ?? NUMBER_CEILING;
  return v > max ? { ok: false, message: `${field.label}不能超过${max}${unit}` } : { ok: true, value: v };
}

function fileIdsOf(v: unknown, field: FormField): Parsed<string[]> {
  const max = field.max ?? DEFAULT_MAX.images;
  if (!Array.isArray(v) || !v.every((f) => typeof f === 'string' && FILE_ID_PATTERN.test(f))) {
    return { ok: false, message: `${field.label}上传有误，请重新上传` };
  }
  if (new Set(v).size !== v.length) return { ok: false, message: `${field.label}有重复的图片` };
  return v.length > max ? { ok: false, message: `${field.label}最多${max}张` } : { ok: true, value: v as string[] };
}

/** Checks and normalizes one answer that is present (not empty). */
function answerOf(field: FormField, v: unknown, now: Date): Parsed<string | number | string[]> {
  const asString = (parse: (s: string) => Parsed<{ normalized: string }>): Parsed<string> => {
    if (typeof v !== 'string') return { ok: false, message: `${field.label}应为文字` };
    const parsed = parse(v);
    return parsed.ok ? { ok: true, value: parsed.value.normalized } : parsed;
  };
  switch (field.type) {
    case 'text':
    case 'textarea':
      return textOf(v, field, field.max ?? DEFAULT_MAX[field.type]);
    case 'number':
    case 'money':
      return integerOf(v, field);
    case 'date':
      return typeof v === 'string' && isCalendarDay(v)
        ? { ok: true, value: v }
        : { ok: false, message: `${field.label}应为有效日期` };
    case 'select':
      return typeof v === 'string' && (field.options ?? []).some((o) => o.value === v)
        ? { ok: true, value: v }
        : { ok: false, message: `请从选项中选择${field.label}` };
    case 'idCard':
      return asString((s) => parseIdCard(s, now));
    case 'phone':
      return asString(parsePhone);
    case 'bankCard':
      return asString(parseBankCard);
    case 'images':
      return fileIdsOf(v, field);
  }
}

/**
 * Validates a member's answers against the campaign's fields: every required field present, each value of
 * its field's type and within its limits, and no key the form does not have. `now` dates the ID-card check.
 */
export function validateAnswers(fields: readonly FormField[], answers: unknown, now: Date): FormCheck<Answers> {
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) {
    return { ok: false, fields: { _form: '表单内容有误，请重新填写' } };
  }
  const given = answers as Record<string, unknown>;
  const errors: Record<string, string> = {};
  const value: Answers = {};
  const known = new Set(fields.map((f) => f.key));
  for (const key of Object.keys(given)) {
    if (!known.has(key)) errors[key] = '表单中没有这一项';
  }
  for (const field of fields) {
    const v = given[field.key];
    if (isEmpty(v)) {
      if (field.required) errors[field.key] = missingMessage(field);
      continue;
    }
    const parsed = answerOf(field, v, now);
    if (parsed.ok) value[field.key] = parsed.value;
    else errors[field.key] = parsed.message;
  }
  return Object.keys(errors).length ? { ok: false, fields: errors } : { ok: true, value };
}

const FIELD_TYPES: readonly FormField['type'][] = [
  'text', 'textarea', 'number', 'money', 'date', 'select', 'idCard', 'phone', 'bankCard', 'images',
];
const HAS_MAX: readonly FormField['type'][] = ['text', 'textarea', 'number', 'money', 'images'];

export function isPositiveInteger(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
}

function fieldProblems(field: FormField, at: string, errors: Record<string, string>): void {
  if (typeof field.key !== 'string' || !KEY_PATTERN.test(field.key)) {
    errors[`${at}.key`] = '字段标识应以英文字母开头，只含英文字母、数字和下划线，最长40个字符';
  }
  if (typeof field.label !== 'string' || !field.label.trim() || field.label.length > 40) {
    errors[`${at}.label`] = '请填写字段名称（不超过40个字）';
  }
  if (!FIELD_TYPES.includes(field.type)) {
    errors[`${at}.type`] = '字段类型不对';
    return;
  }
  if (field.type === 'select') {
    const options = field.options ?? [];
    const values = options.map((o) => o.value);
    if (options.length === 0) errors[`${at}.options`] = '选择题至少要有一个选项';
    else if (options.some((o) => !o.value || !o.label?.trim()) || new Set(values).size !== values.length) {
      errors[`${at}.options`] = '选项的值不能为空或重复，名称不能为空';
    }
  } else if (field.options !== undefined) {
    errors[`${at}.options`] = '只有选择题可以设置选项';
  }
  if (field.max !== undefined) {
    if (!HAS_MAX.includes(field.type)) errors[`${at}.max`] = '这种字段不能设置上限';
    else if (!isPositiveInteger(field.max) || field.max > NUMBER_CEILING) errors[`${at}.max`] = '上限应为正整数';
  }
}

function tierProblems(tiers: readonly AmountTier[], errors: Record<string, string>): void {
  const keys = new Set<string>();
  tiers.forEach((tier, i) => {
    if (typeof tier.key !== 'string' || !KEY_PATTERN.test(tier.key) || keys.has(tier.key)) {
      errors[`tiers.${i}.key`] = '档次标识应唯一，以英文字母开头，只含英文字母、数字和下划线';
    }
    keys.add(tier.key);
    if (typeof tier.label !== 'string' || !tier.label.trim()) errors[`tiers.${i}.label`] = '请填写档次名称';
    if (!isPositiveInteger(tier.amountFen)) errors[`tiers.${i}.amountFen`] = '金额应为大于0的整数（分）';
  });
}

/**
 * The problems of a form definition and its money, keyed by `prefix` + path: the budget a positive integer
 * in 分, tiers with unique identifier-like keys and positive amounts within the budget, at least one field,
 * field keys unique and identifier-like, select fields with options.
 */
export function definitionProblems(d: { budgetFen: number; tiers: readonly AmountTier[]; fields: readonly FormField[] }, errors: Record<string, string>, prefix = ''): void {
  if (!isPositiveInteger(d.budgetFen)) errors[`${prefix}budgetFen`] = '预算应为大于0的整数（分）';
  const tierErrors: Record<string, string> = {};
  tierProblems(d.tiers, tierErrors);
  const overBudget = d.tiers.findIndex((t) => isPositiveInteger(t.amountFen) && t.amountFen > d.budgetFen);
  if (overBudget >= 0) tierErrors[`tiers.${overBudget}.amountFen`] ??= '档次金额不能超过预算';
  const fieldErrors: Record<string, string> = {};
  if (d.fields.length === 0) fieldErrors.fields = '表单至少要有一个字段';
  const seen = new Set<string>();
  d.fields.forEach((field, i) => {
    fieldProblems(field, `fields.${i}`, fieldErrors);
    holderRuleProblems(field, d.fields, `fields.${i}`, fieldErrors);
    if (seen.has(field.key)) fieldErrors[`fields.${i}.key`] = '字段标识不能重复';
    seen.add(field.key);
  });
  for (const [k, v] of Object.entries({ ...tierErrors, ...fieldErrors })) errors[`${prefix}${k}`] = v;
}

/** What a campaign's kind asks of it: its settle mode and the fields its rules read. */
export interface CampaignKindRules {
  settle: SettleMode;
  required: readonly RequiredField[];
}

/**
 * Validates a campaign as the editor submits it: title, year, window days (the close day not before the open
 * day), the form and its money (definitionProblems), a cap only without tiers, a places kind's quota and
 * place cost (and no tiers or cap), and the fields its kind's rules read.
 */
const MAX_PUBLICITY_DAYS = 30;

/** A campaign's 公示 period (公示后方可发放): null when fine, else the field's message. */
export function checkPublicityDays(workingDays: number): string | null {
  return Number.isInteger(workingDays) && workingDays >= 1 && workingDays <= MAX_PUBLICITY_DAYS ? null : `公示天数应为1到${MAX_PUBLICITY_DAYS}个工作日`;
}

export function validateCampaignDraft(draft: CampaignDraft, kind: CampaignKindRules): FormCheck<CampaignDraft> {
  const errors: Record<string, string> = {};
  if (typeof draft.title !== 'string' || !draft.title.trim() || draft.title.length > 40) {
    errors.title = '请填写活动名称（不超过40个字）';
  }
  if (!Number.isInteger(draft.year) || draft.year < 2000 || draft.year > 2100) errors.year = '年度不对';
  if (!isCalendarDay(draft.openDay)) errors.openDay = '请选择开始日期';
  if (!isCalendarDay(draft.closeDay)) errors.closeDay = '请选择截止日期';
  else if (isCalendarDay(draft.openDay) && draft.closeDay < draft.openDay) errors.closeDay = '截止日期不能早于开始日期';
  definitionProblems(draft, errors);
  if (draft.maxAmountFen !== undefined) {
    if (draft.tiers.length > 0) errors.maxAmountFen = '设置了金额档次时，不再设置单笔上限';
    else if (!isPositiveInteger(draft.maxAmountFen)) errors.maxAmountFen = '单笔上限应为大于0的整数（分）';
    else if (draft.maxAmountFen > draft.budgetFen) errors.maxAmountFen = '单笔上限不能超过预算';
  }
  if (kind.settle === 'places') {
    if (!isPositiveInteger(draft.quota) || draft.quota > 100_000) errors.quota = '名额应为1到100000的整数';
    if (!Number.isSafeInteger(draft.placeFen) || (draft.placeFen ?? -1) < 0) errors.placeFen = '每个名额的费用应为不小于0的整数（分）';
    else if (isPositiveInteger(draft.budgetFen) && (draft.placeFen ?? 0) > draft.budgetFen) errors.placeFen = '每个名额的费用不能超过预算';
    if (draft.tiers.length) errors.tiers = '名额类活动不设金额档次';
    if (draft.maxAmountFen !== undefined) errors.maxAmountFen = '名额类活动不设单笔上限';
  } else {
    if (draft.quota !== undefined) errors.quota = '只有名额类活动设名额';
    if (draft.placeFen !== undefined) errors.placeFen = '只有名额类活动设名额费用';
  }
  for (const need of kind.required) {
    const problem = requiredFieldProblem(need, draft.fields);
    if (problem) errors.fields ??= problem;
  }
  if (typeof draft.eligibility?.newEmploymentOnly !== 'boolean') errors.eligibility = '请选择申请条件';
  const days = draft.publicity && checkPublicityDays(draft.publicity.workingDays);
  if (days) errors.publicity = days;
  return Object.keys(errors).length ? { ok: false, fields: errors } : { ok: true, value: { ...draft, title: draft.title.trim() } };
}
