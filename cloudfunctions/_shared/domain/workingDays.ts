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

/** How many working days have passed since `instant`: those after its Shanghai day, up to today included. */
export function workingDaysSince(instant: Date, now: Date, cal: HolidayCalendar = UNION_CALENDAR): number {
  const today = toUtc(shanghaiDate(now));
  let n = 0;
  for (let ms = toUtc(shanghaiDate(instant)) + DAY_MS; ms <= today; ms += DAY_MS) if (isWorkingDay(fromUtc(ms), cal)) n++;
  return n;
}

/**
 * The instant before which whatever arrived has waited more than `n` working days by `now` (workingDaysSince
 * > n): the start of the Shanghai day after the latest such arrival day.
 */
export function waitedBefore(now: Date, n: number, cal: HolidayCalendar = UNION_CALENDAR): Date {
  let ms = toUtc(shanghaiDate(now));
  for (let passed = 0; passed <= n; ms -= DAY_MS) if (isWorkingDay(fromUtc(ms), cal)) passed++;
  // `ms` is now the day before the (n+1)-th working day back: the latest arrival day that has waited longer
  return new Date(ms + DAY_MS - 8 * 3_600_000);
}
