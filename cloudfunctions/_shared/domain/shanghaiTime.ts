// The union's calendar: every calendar rule (campaign windows, "this year", working days, report periods)
// is computed in Asia/Shanghai, while instants are stored in UTC and functions run in UTC.
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

export const UNION_TZ = 'Asia/Shanghai';

const HOUR = 3_600_000;
/** From here on every offset Asia/Shanghai has had is whole hours (+08:00, +09:00 in summer time until 1991)
 *  and changed on a whole UTC hour, so all the instants of one UTC hour share a Shanghai date. */
const WHOLE_HOURS_SINCE = Date.UTC(1900, 11, 31, 16);
const HOURS_REMEMBERED = 100_000; // about 11 years of hours, a few MB at most
const dateOfHour = new Map<number, string>();

/** The calendar date ('YYYY-MM-DD') of an instant in Asia/Shanghai: dayjs's, remembered per UTC hour (dayjs's
 *  time zone conversion costs tens of microseconds, and a report counts several dates per record). */
export function shanghaiDate(instant: Date): string {
  const t = instant.getTime();
  if (!(t >= WHOLE_HOURS_SINCE)) return dayjs(instant).tz(UNION_TZ).format('YYYY-MM-DD');
  const hour = Math.floor(t / HOUR);
  let date = dateOfHour.get(hour);
  if (date === undefined) {
    if (dateOfHour.size >= HOURS_REMEMBERED) dateOfHour.clear();
    date = dayjs(hour * HOUR).tz(UNION_TZ).format('YYYY-MM-DD');
    dateOfHour.set(hour, date);
  }
  return date;
}

/** The instant a Shanghai calendar day starts, `days` days after the day of `instant` (negative: before). */
export function shanghaiDayStart(instant: Date, days = 0): Date {
  return dayjs(instant).tz(UNION_TZ).startOf('day').add(days, 'day').toDate();
}

export { dayjs };
