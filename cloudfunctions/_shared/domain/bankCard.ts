// Bank card numbers (借记卡) for paying grants and relief.
import type { Parsed } from './parsed';

export interface BankCard {
  /** 16–19 digits */
  normalized: string;
}

/** Whether a digit string passes the Luhn (mod 10) check. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Parses a card number, tolerating spaces and dashes: 16–19 digits that pass the Luhn check. A mistyped
 * number would send the grant to nobody (or to someone else), so a Luhn failure is refused, not warned of.
 */
export function parseBankCard(input: string): Parsed<BankCard> {
  const digits = input.replace(/[\s-]+/g, '');
  if (!/^\d*$/.test(digits)) {
    return { ok: false, message: '银行卡号只能包含数字' };
  }
  if (digits.length < 16 || digits.length > 19) {
    return { ok: false, message: '银行卡号应为16到19位数字' };
  }
  return passesLuhn(digits) ? { ok: true, value: { normalized: digits } } : { ok: false, message: '银行卡号校验不通过，请核对后重新填写' };
}
