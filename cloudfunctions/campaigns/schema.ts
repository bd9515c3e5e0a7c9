// What the campaign and kind editors send: the shape and types checked here, at the boundary; the rules
// (window, budget, tiers, the fields a kind needs; a kind's subject, settle mode, counting and sentence) are
// validateCampaignDraft's and validateKindDraft's, so the editors and the server agree.
import { z } from '../_shared/validation';

const FIELD_TYPES = ['text', 'textarea', 'number', 'money', 'date', 'select', 'idCard', 'phone', 'bankCard', 'images'] as const;
const id = z.string().min(1).max(64);
const fen = z.number().int();

const fieldDefinitions = z
  .array(
    z.strictObject({
      key: z.string().max(40),
      label: z.string().max(100),
      type: z.enum(FIELD_TYPES),
      required: z.boolean(),
      options: z.array(z.strictObject({ value: z.string().max(40), label: z.string().max(40) })).max(50).optional(),
      max: z.number().optional(),
      hint: z.string().max(200).optional(),
    }),
  )
  .max(50);
const tiers = z.array(z.strictObject({ key: z.string().max(40), label: z.string().max(40), amountFen: fen })).max(20);
const eligibility = z.strictObject({ hardshipOnly: z.boolean(), newEmploymentOnly: z.boolean().default(false) });

export const campaignDraft = z.strictObject({
  kindId: z.string({ error: '请选择服务类型' }).min(1, { error: '请选择服务类型' }).max(64),
  year: z.number().int(),
  title: z.string().max(100),
  orgId: id,
  openDay: z.string().max(10),
  closeDay: z.string().max(10),
  budgetFen: fen,
  tiers,
  maxAmountFen: fen.optional(),
  quota: z.number().int().optional(),
  placeFen: fen.optional(),
  eligibility,
  fields: fieldDefinitions,
});

const fieldName = z.string().max(40);

/** A kind's shape; which subject, settle mode and counting rule, and whether they fit, is the domain's. */
export const kindDraft = z.strictObject({
  label: z.string().max(40),
  description: z.string().max(100),
  icon: z.string().max(40),
  orgId: id,
  subject: z.strictObject({
    type: z.string().max(40),
    nameField: fieldName.optional(),
    idCardField: fieldName.optional(),
    sizeField: fieldName.optional(),
    unitField: fieldName.optional(),
    addressField: fieldName.optional(),
    headcountField: fieldName.optional(),
  }),
  settle: z.strictObject({ mode: z.string().max(40), capField: fieldName.optional() }),
  counting: z.strictObject({ people: z.strictObject({ by: z.string().max(40), field: fieldName.optional() }) }),
  duplicate: z.strictObject({ yearGroup: z.string().max(40).nullable(), message: z.string().max(100).optional() }),
  sentence: z.string().max(200),
  headline: z.string().max(100),
  eligibility,
  template: z.strictObject({
    fields: fieldDefinitions,
    tiers,
    budgetFen: fen,
    openForDays: z.number().int(),
    quota: z.number().int().optional(),
    placeFen: fen.optional(),
  }),
});

export const saveKindInput = z
  .strictObject({ kindId: id.optional(), version: z.number().int().positive().optional(), draft: kindDraft })
  .refine((v) => (v.kindId === undefined) === (v.version === undefined), { path: ['version'], error: '修改服务类型时请带上版本号，新建时不带' });

export const saveInput = z
  .strictObject({ campaignId: id.optional(), version: z.number().int().positive().optional(), draft: campaignDraft })
  .refine((v) => (v.campaignId === undefined) === (v.version === undefined), { path: ['version'], error: '修改活动时请带上版本号，新建时不带' });

export const setStatusInput = z.strictObject({ campaignId: id, version: z.number().int().positive(), status: z.enum(['open', 'closed']) });
