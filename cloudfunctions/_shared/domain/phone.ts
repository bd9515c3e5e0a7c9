// Mainland China mobile numbers: 11 digits starting 13–19.
import type { Parsed } from './parsed';

export interface Phone {
  /** 11 digits, no country code */
  normalized: string;
}

/** Parses a mobile number, tolerating spaces, dashes and a +86 / 86 / 0086 country code. */
export function parsePhone(input: string): Parsed<Phone> {
  const compact = input.replace(/[\s-]+/g, '');
  const digits = compact.replace(/^(\+86|0086|86)(?=\d{11}$)/, '');
  if (!/^\d{11}$/.test(digits)) {
    return { ok: false, message: '手机号应为11位数字' };
  }
  if (!/^1[3-9]\d{9}$/.test(digits)) {
    return { ok: false, message: '手机号格式不对，请填写中国大陆手机号' };
  }
  return { ok: true, value: { normalized: digits } };
}
