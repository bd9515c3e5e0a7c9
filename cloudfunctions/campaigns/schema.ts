// What the campaign editor sends: the shape and types checked here, at the boundary; the rules (window,
// budget, tiers, the fields a kind needs) are validateCampaignDraft's, so the editor and the server agree.
import { z } from '../_shared/validation';

const FIELD_TYPES = ['text', 'textarea', 'number', 'money', 'date', 'select', 'idCard', 'phone', 'bankCard', 'images'] as const;
const id = z.string().min(1).max(64);
const fen = z.number().int();

export const campaignDraft = z.strictObject({
  kind: z.enum(['studentAid', 'summerRelief'], { error: '请选择活动类型' }),
  year: z.number().int(),
  title: z.string().max(100),
  orgId: id,
  openDay: z.string().max(10),
  closeDay: z.string().max(10),
  budgetFen: fen,
  tiers: z.array(z.strictObject({ key: z.string().max(40), label: z.string().max(40), amountFen: fen })).max(20),
  maxAmountFen: fen.optional(),
  eligibility: z.strictObject({ hardshipOnly: z.boolean() }),
  fields: z
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
      }),
    )
    .max(50),
});

export const saveInput = z
  .strictObject({ campaignId: id.optional(), version: z.number().int().positive().optional(), draft: campaignDraft })
  .refine((v) => (v.campaignId === undefined) === (v.version === undefined), { path: ['version'], error: '修改活动时请带上版本号，新建时不带' });

export const setStatusInput = z.strictObject({ campaignId: id, version: z.number().int().positive(), status: z.enum(['open', 'closed']) });
