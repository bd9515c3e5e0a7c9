// What the registration form sends, and an edit of it, checked before anything is read or written.
import { z } from '../_shared/validation';

const NAME = /^[\u4e00-\u9fa5·•A-Za-z ]{2,30}$/;
const newEmployment = z.enum(['courier', 'delivery', 'trucker', 'rideHailing', 'other']).nullable();

export const registration = z.strictObject({
  name: z.string().trim().regex(NAME, { error: '请填写真实姓名（2-30 个字）' }),
  idCard: z.string({ error: '请填写身份证号' }).trim().min(1, { error: '请填写身份证号' }),
  phone: z.string({ error: '请填写手机号' }).trim().min(1, { error: '请填写手机号' }),
  workUnit: z.string({ error: '请填写工作单位' }).trim().min(2, { error: '请填写工作单位全称' }).max(60),
  orgId: z.string({ error: '请选择所在的基层工会' }).min(1, { error: '请选择所在的基层工会' }).max(64),
  // 困难职工 is a record officers keep (the hardship function), never set here: any value is refused with its
  // own code by the handlers (selfSetHardship), not as a form error.
  hardship: z.unknown().optional(),
  newEmployment: newEmployment.default(null),
});

/** What a member who sends `hardship` is told; nothing is written. */
export const SELF_SET_HARDSHIP = '困难职工身份由工会建档认定，不能自己设置；如家庭困难，请在“我的 → 困难职工档案”申请建档';

export type Registration = z.output<typeof registration>;

/** An edit sends the whole form again, with the version it edits; newEmployment left out stays as stored
 *  (no default: an edit that omits it must not clear it). */
export const profileEdit = registration.extend({
  newEmployment: newEmployment.optional(),
  version: z.number().int().positive(),
});
