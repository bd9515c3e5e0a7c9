import { addWorkingDays, calendarOf, isWorkingDay, lastDayOf, UNION_CALENDAR, waitedBefore, workingDaysSince, workingDeadline } from '../../cloudfunctions/_shared/domain/workingDays';
import table from '../../cloudbase/holidays.json';

describe('isWorkingDay', () => {
  it('Monday to Friday work, weekends do not', () => {
    expect(['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'].map((d) => isWorkingDay(d))).toEqual([true, true, true, true, true]);
    expect(isWorkingDay('2026-11-21')).toBe(false); // Saturday
    expect(isWorkingDay('2026-11-22')).toBe(false); // Sunday
  });

  it('public holidays are off, 调休 weekend days are working days', () => {
    expect(isWorkingDay('2026-10-01')).toBe(false); // 国庆, Thursday
    expect(isWorkingDay('2026-10-07')).toBe(false);
    expect(isWorkingDay('2026-10-10')).toBe(true); // Saturday made a working day
    expect(isWorkingDay('2026-09-20')).toBe(true); // Sunday made a working day
    expect(isWorkingDay('2025-01-26')).toBe(true);
    expect(isWorkingDay('2025-02-03')).toBe(false); // 春节, Monday
    expect(isWorkingDay('2027-02-08')).toBe(false); // 春节 2027 (provisional table)
  });

  it('outside the table only weekends are off', () => {
    expect(isWorkingDay('2030-01-01')).toBe(true); // Tuesday, no table for 2030
    expect(isWorkingDay('2030-01-05')).toBe(false);
  });
});

describe('the calendar table', () => {
  const years = Object.entries(table.years);
  it('covers 2025 to 2027', () => expect(years.map(([y]) => y)).toEqual(['2025', '2026', '2027']));
  it.each(years)('%s: days are well-formed, in their year, holidays and workdays apart, make-up days on weekends', (year, y) => {
    for (const d of [...y.holidays, ...y.workdays]) expect(d).toMatch(new RegExp(`^${year}-\\d{2}-\\d{2}$`));
    expect(y.holidays.filter((d) => (y.workdays as string[]).includes(d))).toEqual([]);
    expect(y.workdays.map((d) => new Date(`${d}T00:00:00Z`).getUTCDay()).every((w) => w === 0 || w === 6)).toBe(true);
  });
  it('a calendar is built from any table of the same shape', () => {
    const cal = calendarOf({ years: { '2026': { holidays: ['2026-11-18'], workdays: ['2026-11-21'] } } });
    expect(isWorkingDay('2026-11-18', cal)).toBe(false);
    expect(isWorkingDay('2026-11-21', cal)).toBe(true);
    expect(isWorkingDay('2026-10-01', cal)).toBe(true); // not a holiday in that calendar
  });
});

describe('addWorkingDays', () => {
  it('skips weekends', () => {
    expect(addWorkingDays('2026-11-19', 1)).toBe('2026-11-20'); // Thu → Fri
    expect(addWorkingDays('2026-11-19', 2)).toBe('2026-11-23'); // Thu → Mon
    expect(addWorkingDays('2026-11-21', 2)).toBe('2026-11-24'); // Sat → Mon, Tue
    expect(addWorkingDays('2026-11-20', 10)).toBe('2026-12-04');
  });

  it('skips the 国庆 holiday and counts its make-up Saturday', () => {
    expect(addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(addWorkingDays('2026-09-30', 3)).toBe('2026-10-10'); // Thu 8, Fri 9, Sat 10 (调休)
    expect(addWorkingDays('2026-09-30', 4)).toBe('2026-10-12');
  });

  it('spans 春节 and the new year', () => {
    expect(addWorkingDays('2026-02-13', 1)).toBe('2026-02-14'); // Saturday made a working day
    expect(addWorkingDays('2026-02-14', 1)).toBe('2026-02-24');
    expect(addWorkingDays('2025-12-31', 1)).toBe('2026-01-04'); // Jan 1–3 off, Sunday 4th works
  });
});

describe('workingDeadline', () => {
  it('is the start of the Shanghai day after the n-th working day following the day of the instant', () => {
    // Thursday 2026-11-19 23:30 Shanghai (15:30 UTC): Fri and Mon are the two days; overdue from Tue 00:00 Shanghai
    expect(workingDeadline(new Date('2026-11-19T15:30:00Z'), 2).toISOString()).toBe('2026-11-23T16:00:00.000Z');
    // 00:30 Shanghai on Friday the 20th is already Friday there (16:30 UTC on the 19th)
    expect(workingDeadline(new Date('2026-11-19T16:30:00Z'), 2).toISOString()).toBe('2026-11-24T16:00:00.000Z');
  });

  it('uses the union calendar by default', () => {
    expect(workingDeadline(new Date('2026-09-30T02:00:00Z'), 2)).toEqual(workingDeadline(new Date('2026-09-30T02:00:00Z'), 2, UNION_CALENDAR));
    expect(workingDeadline(new Date('2026-09-30T02:00:00Z'), 2).toISOString()).toBe('2026-10-09T16:00:00.000Z'); // Oct 8 and 9 are the two days
  });
});

describe('lastDayOf', () => {
  it('prints the last day a deadline allows, not the day it begins', () => {
    // due within 2 working days of Thu 2026-11-19: Fri and Mon; the deadline begins Tue 00:00 in Shanghai
    const deadline = workingDeadline(new Date('2026-11-19T15:30:00Z'), 2);
    expect(lastDayOf(deadline)).toBe('2026-11-23');
    expect(lastDayOf(workingDeadline(new Date('2026-09-30T02:00:00Z'), 2))).toBe('2026-10-09');
  });
});

describe('workingDaysSince and waitedBefore', () => {
  // Thursday 2026-11-19, 10:00 in Shanghai
  const thursday = new Date('2026-11-19T02:00:00Z');
  it('counts the working days after the arrival day, today included', () => {
    expect(workingDaysSince(new Date('2026-11-16T01:00:00Z'), thursday)).toBe(3); // Monday: Tue, Wed, Thu
    expect(workingDaysSince(new Date('2026-11-13T12:00:00Z'), thursday)).toBe(4); // Friday: Mon … Thu
    expect(workingDaysSince(thursday, thursday)).toBe(0);
  });

  it('is the deadline of the latest arrival that has waited longer, and agrees with workingDaysSince', () => {
    const cutoff = waitedBefore(thursday, 2);
    // arrivals up to Monday have waited more than 2 working days by Thursday; Tuesday's have not
    expect(cutoff.toISOString()).toBe('2026-11-16T16:00:00.000Z');
    for (let h = -24 * 20; h <= 0; h += 5) {
      const arrival = new Date(thursday.getTime() + h * 3_600_000);
      expect({ h, waited: workingDaysSince(arrival, thursday) > 2 }).toEqual({ h, waited: arrival < cutoff });
    }
  });

  it('spans a holiday: 国庆 days are not counted', () => {
    const oct9 = new Date('2026-10-09T02:00:00Z');
    expect(workingDaysSince(new Date('2026-09-30T02:00:00Z'), oct9)).toBe(2); // Oct 8 and 9
    // whatever arrived up to the last holiday, Oct 7, has waited Oct 8 and 9
    expect(waitedBefore(oct9, 1).toISOString()).toBe('2026-10-07T16:00:00.000Z');
  });
});
