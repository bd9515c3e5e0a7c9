// What officers file about a household, checked before anything is read or written. ID cards are checked
// (and sealed) in data/hardship.ts sealHousehold.
import { HARDSHIP_CAUSES, HARDSHIP_GRADES } from '../_shared/domain/hardship';
import { z } from '../_shared/validation';

export const recordId = z.string().min(1).max(80);
export const version = z.number().int().positive();

const householdMember = z.strictObject({
  name: z.string({ error: '请填写家庭成员姓名' }).trim().regex(/^[\u4e00-\u9fa5·•A-Za-z ]{1,30}$/, { error: '请填写家庭成员的真实姓名' }),
  relation: z.string({ error: '请填写与本人关系' }).trim().min(1, { error: '请填写与本人关系' }).max(10),
  idCard: z.string({ error: '请填写家庭成员身份证号' }).trim().min(1, { error: '请填写家庭成员身份证号' }).max(30),
});

export const filing = {
  grade: z.enum(HARDSHIP_GRADES, { error: '请选择困难类别' }),
  causes: z.array(z.enum(HARDSHIP_CAUSES)).min(1, { error: '请选择致困原因' }).max(HARDSHIP_CAUSES.length),
  household: z.array(householdMember).max(20).optional(),
  monthlyIncomePerHeadFen: z.number({ error: '请填写家庭月人均收入' }).int({ error: '收入应精确到分' }).min(0).max(100_000_000),
  note: z.string().trim().max(500).optional(),
};
