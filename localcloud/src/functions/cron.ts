// CloudBase timer triggers: 7-field cron (second minute hour day month weekday year), evaluated in
// UTC+8. cron-parser handles the first six; the year field CloudBase adds is matched here.
import { CronExpressionParser } from 'cron-parser';

const TZ = 'Asia/Shanghai';
const FIRST_YEAR = 1970;
const LAST_YEAR = 2099;
const shanghaiYear = (d: Date): number => new Date(d.getTime() + 8 * 3600_000).getUTCFullYear();
const shanghaiNewYear = (year: number): Date => new Date(Date.UTC(year, 0, 1) - 8 * 3600_000);

/** The years a year field (`*`, `2030`, `2025-2027`, `2024/2`, lists of those) allows, ascending. */
function allowedYears(field: string): number[] {
  const years = new Set<number>();
  for (const part of field.split(',')) {
    const m = part.match(/^(\*|\d{4})(?:-(\d{4}))?(?:\/(\d+))?$/);
    if (!m) throw new Error(`bad year field "${field}"`);
    const from = m[1] === '*' ? FIRST_YEAR : Number(m[1]);
    const to = m[2] ? Number(m[2]) : m[1] === '*' || m[3] ? LAST_YEAR : from;
    for (let y = from; y <= to; y += Number(m[3] ?? 1)) years.add(y);
  }
  return [...years].sort((a, b) => a - b);
}

/** The first time after `after` that the trigger fires, or null if it never fires again. */
export function nextFireTime(expression: string, after: Date): Date | null {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 7) throw new Error(`cron "${expression}" must have 7 fields: second minute hour day month weekday year`);
  const years = allowedYears(fields[6]);
  let from = after;
  for (;;) {
    const year = years.find((y) => y >= shanghaiYear(from));
    if (year === undefined) return null;
    if (year > shanghaiYear(from)) from = new Date(shanghaiNewYear(year).getTime() - 1000);
    const next = CronExpressionParser.parse(fields.slice(0, 6).join(' '), { currentDate: from, tz: TZ }).next().toDate();
    if (shanghaiYear(next) === year) return next;
    from = new Date(shanghaiNewYear(year + 1).getTime() - 1000);
  }
}
