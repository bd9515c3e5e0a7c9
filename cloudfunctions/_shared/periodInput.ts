// A report period (typings/api/statistics.ts Period) at a function boundary, each field with its own message;
// domain/figures.ts resolvePeriod then checks its days. Used by the figures and the exports alike.
import type { Period } from '../../typings/api/statistics';
import { z } from './validation';

const day = z.string({ error: '请选择日期' }).max(10, { error: '日期格式应为YYYY-MM-DD' });
const inRange = (min: number, max: number, error: string) => z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
// One object whose fields are checked each with its own message, then its shape: a year, a quarter or a
// month of a year, or from … to. What it accepts is exactly a Period (quarter an integer 1 to 4), which its
// type says for callers and for the contract check (test/contract/apiContract.ts).
export const periodInput: z.ZodType<Period, Period> = z
  .strictObject({
    year: inRange(2000, 2100, '年份不对').optional(),
    quarter: inRange(1, 4, '季度应为1到4').optional(),
    month: inRange(1, 12, '月份应为1到12').optional(),
    from: day.optional(),
    to: day.optional(),
  })
  .refine(
    (p) => {
      const has = (['year', 'quarter', 'month', 'from', 'to'] as const).filter((k) => p[k] !== undefined).join(',');
      return ['year', 'year,quarter', 'year,month', 'from,to'].includes(has);
    },
    { error: '请选择统计期间：年、季度、月或起止日期' },
  ) as z.ZodType<unknown> as z.ZodType<Period, Period>;
