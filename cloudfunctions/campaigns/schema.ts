// What the campaign and kind editors send: the shape and types checked here, at the boundary; the rules
// (window, budget, tiers, the fields a kind needs; a kind's subject, settle mode, counting and sentence) are
// validateCampaignDraft's and validateKindDraft's, so the editors and the server agree.
import { KIND_ICONS } from '../../typings/api/serviceKinds';
import { HARDSHIP_GRADES } from '../_shared/domain/hardship';
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
      example: z.string().max(40).optional(),
      holder: z
        .strictObject({ field: z.string().max(40), others: z.array(z.string().max(40)).max(5).optional(), whom: z.string().max(20).optional() })
        .optional(),
    }),
  )
  .max(50);
const tiers = z.array(z.strictObject({ key: z.string().max(40), label: z.string().max(40), amountFen: fen })).max(20);
const eligibility = z.strictObject({
  hardshipOnly: z.boolean(),
  newEmploymentOnly: z.boolean(),
  hardshipGrades: z.array(z.enum(HARDSHIP_GRADES)).max(HARDSHIP_GRADES.length).optional(),
});

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
  publicity: z.strictObject({ workingDays: z.number().int() }).optional(),
});

const fieldName = z.string({ error: '请选择表单字段' }).max(40);

/** A kind's shape, each choice named in the officer's words when it is none of the known ones; whether the
 *  choices fit together and name fields its form has is the domain's (validateKindDraft). */
export const kindDraft = z.strictObject({
  label: z.string().max(40),
  description: z.string().max(100),
  icon: z.enum(KIND_ICONS, { error: '请选择图标' }),
  orgId: id,
  subject: z.discriminatedUnion(
    'type',
    [
      z.strictObject({ type: z.literal('member') }),
      z.strictObject({ type: z.literal('familyMember'), nameField: fieldName, idCardField: fieldName }),
      z.strictObject({ type: z.literal('household'), sizeField: fieldName }),
      z.strictObject({ type: z.literal('site'), unitField: fieldName, addressField: fieldName, headcountField: fieldName }),
    ],
    { error: '请选择申请对象（会员本人、家属、家庭或工作场所）' },
  ),
  settle: z.strictObject({ mode: z.enum(['cash', 'goods', 'both', 'places'], { error: '结算方式不对，请选择发放现金、发放实物、现金或实物、名额' }), capField: fieldName.optional() }),
  counting: z.strictObject({
    people: z.discriminatedUnion(
      'by',
      [z.strictObject({ by: z.literal('application') }), z.strictObject({ by: z.literal('field'), field: fieldName }), z.strictObject({ by: z.literal('delivered') })],
      { error: '计人次方式不对，请选择每件申请、按表单人数或按送达人数' },
    ),
  }),
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
