// Working days in Asia/Shanghai: Monday to Friday, except the public holidays, plus the weekend days made
// working days to bridge them (调休), as the calendar table cloudbase/holidays.json sets them each year.
// Legal-aid deadlines count in working days: a case submitted on any day must be accepted by the end of the
// second working day after that day.
import calendar from '../../../cloudbase/holidays.json';
import { shanghaiDate } from './shanghaiTime';

export interface HolidayCalendar {
  /** 'YYYY-MM-DD' days off that would otherwise be working days */
  holidays: ReadonlySet<string>;
  /** 'YYYY-MM-DD' weekend days that are working days */
  workdays: ReadonlySet<string>;
}

export function calendarOf(table: { years: Record<string, { holidays: string[]; workdays: string[] }> }): HolidayCalendar {
  const years = Object.values(table.years);
  return { holidays: new Set(years.flatMap((y) => y.holidays)), workdays: new Set(years.flatMap((y) => y.workdays)) };
}

/** The union's calendar, from cloudbase/holidays.json. */
export const UNION_CALENDAR: HolidayCalendar = calendarOf(calendar);

const DAY_MS = 86_400_000;
const toUtc = (day: string) => Date.parse(`${day}T00:00:00Z`);
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Whether the calendar day 'YYYY-MM-DD' is a working day. */
export function isWorkingDay(day: string, cal: HolidayCalendar = UNION_CALENDAR): boolean {
  if (cal.workdays.has(day)) return true;
  if (cal.holidays.has(day)) return false;
  const weekday = new Date(toUtc(day)).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The `n`-th working day after the day `day` (n ≥ 1), as 'YYYY-MM-DD'. */
export function addWorkingDays(day: string, n: number, cal: HolidayCalendar = UNION_CALENDAR): string {
  let ms = toUtc(day);
  for (let left = n; left > 0; ) {
    ms += DAY_MS;
    if (isWorkingDay(fromUtc(ms), cal)) left--;
  }
  return fromUtc(ms);
}

/**
 * The deadline of something due within `n` working days of `instant`: the moment the Shanghai day after the
 * n-th working day following the day of `instant` begins (the rest of that day does not count).
 */
export function workingDeadline(instant: Date, n: number, cal: HolidayCalendar = UNION_CALENDAR): Date {
  const last = addWorkingDays(shanghaiDate(instant), n, cal);
  // Shanghai is UTC+8 all year: the next day begins at 16:00 UTC on `last`.
  return new Date(toUtc(last) + DAY_MS - 8 * 3_600_000);
}

/** The last day a deadline allows, 'YYYY-MM-DD': the Shanghai day before the one it begins (a deadline is
 *  the start of the day after its last working day, see workingDeadline). What messages and pages print. */
export function lastDayOf(deadline: Date): string {
  return shanghaiDate(new Date(deadline.getTime() - 1));
}
