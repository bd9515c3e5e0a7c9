// Bank card numbers (借记卡) for paying grants and relief.
import type { Parsed } from './parsed';

export interface BankCard {
  /** 16–19 digits */
  normalized: string;
  /** a hint to show beside the field when the number fails the Luhn check; not a rejection */
  warning?: string;
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
 * Parses a card number, tolerating spaces and dashes. Only wrong length or non-digits reject: most UnionPay
 * cards carry a Luhn check digit but some older bank-issued debit cards do not, and refusing a member's real
 * card would block the payment, so a Luhn failure only adds a warning asking the member to check the number.
 */
export function parseBankCard(input: string): Parsed<BankCard> {
  const digits = input.replace(/[\s-]+/g, '');
  if (!/^\d*$/.test(digits)) {
    return { ok: false, message: '银行卡号只能包含数字' };
  }
  if (digits.length < 16 || digits.length > 19) {
    return { ok: false, message: '银行卡号应为16到19位数字' };
  }
  return passesLuhn(digits)
    ? { ok: true, value: { normalized: digits } }
    : { ok: true, value: { normalized: digits, warning: '请再核对一遍银行卡号' } };
}
