// The union's calendar: every calendar rule (campaign windows, "this year", working days, report periods)
// is computed in Asia/Shanghai, while instants are stored in UTC and functions run in UTC.
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

export const UNION_TZ = 'Asia/Shanghai';

/** The calendar date ('YYYY-MM-DD') of an instant in Asia/Shanghai. */
export function shanghaiDate(instant: Date): string {
  return dayjs(instant).tz(UNION_TZ).format('YYYY-MM-DD');
}

/** The instant a Shanghai calendar day starts, `days` days after the day of `instant` (negative: before). */
export function shanghaiDayStart(instant: Date, days = 0): Date {
  return dayjs(instant).tz(UNION_TZ).startOf('day').add(days, 'day').toDate();
}

export { dayjs };
