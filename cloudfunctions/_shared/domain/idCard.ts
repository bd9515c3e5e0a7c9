// PRC resident ID numbers (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence, check char.
import { shanghaiDate } from './shanghaiTime';
import type { Parsed } from './parsed';

export interface IdCard {
  /** 18 chars, a trailing check char X in upper case */
  normalized: string;
  /** 'YYYY-MM-DD' */
  birthDate: string;
  gender: 'male' | 'female';
  /** first 6 digits */
  regionCode: string;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

// Only the province part is checked: county codes are redrawn over the years and old cards keep retired
// codes, so a full region table would reject real people. 71 Taiwan, 81 Hong Kong, 82 Macao.
const PROVINCE_CODES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54,
  61, 62, 63, 64, 65, 71, 81, 82,
]);

const EARLIEST_BIRTH_DATE = '1900-01-01';

/** The GB 11643 MOD 11-2 check char of the first 17 digits. */
export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** Whether YYYYMMDD names a real calendar date. */
function isCalendarDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** Parses an ID number typed by a member; `now` is the current instant (its Shanghai date is "today"). */
export function parseIdCard(input: string, now: Date): Parsed<IdCard> {
  const normalized = input.replace(/\s+/g, '').toUpperCase();
  if (!/^\d{17}[\dX]$/.test(normalized)) {
    return { ok: false, message: '身份证号长度或格式不对：应为18位，最后一位可以是数字或X' };
  }
  if (!PROVINCE_CODES.has(Number(normalized.slice(0, 2)))) {
    return { ok: false, message: '身份证号前两位地区码不对，请核对身份证号' };
  }
  const year = Number(normalized.slice(6, 10));
  const month = Number(normalized.slice(10, 12));
  const day = Number(normalized.slice(12, 14));
  const birthDate = `${normalized.slice(6, 10)}-${normalized.slice(10, 12)}-${normalized.slice(12, 14)}`;
  if (!isCalendarDate(year, month, day) || birthDate < EARLIEST_BIRTH_DATE || birthDate > shanghaiDate(now)) {
    return { ok: false, message: '身份证号中的出生日期不正确，请核对身份证号' };
  }
  if (idCardCheckChar(normalized) !== normalized[17]) {
    return { ok: false, message: '校验位不对，请核对身份证号' };
  }
  return {
    ok: true,
    value: {
      normalized,
      birthDate,
      gender: Number(normalized[16]) % 2 === 1 ? 'male' : 'female',
      regionCode: normalized.slice(0, 6),
    },
  };
}

/** Full years of age (周岁) on the Shanghai calendar date of `on`; a 29 February birthday counts on 1 March. */
export function ageOn(birthDate: string, on: Date): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = shanghaiDate(on).split('-').map(Number);
  const birthdayPassed = m > bm || (m === bm && d >= bd);
  return y - by - (birthdayPassed ? 0 : 1);
}
