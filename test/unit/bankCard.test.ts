import { parseBankCard, passesLuhn } from '../../cloudfunctions/_shared/domain/bankCard';

// Luhn check digit computed independently: double every second digit from the right of the payload + check.
function luhnCheckDigit(payload: string): string {
  const digits = payload.split('').reverse().map(Number);
  const sum = digits.reduce((acc, d, i) => acc + (i % 2 === 0 ? [0, 2, 4, 6, 8, 1, 3, 5, 7, 9][d] : d), 0);
  return String((10 - (sum % 10)) % 10);
}

describe('parseBankCard', () => {
  it('accepts 16 to 19 digits with spaces or dashes that pass Luhn', () => {
    for (const payload of ['622202123456789', '6222021234567890', '62220212345678901', '622848001234567890']) {
      const card = payload + luhnCheckDigit(payload);
      expect(passesLuhn(card)).toBe(true);
      const spaced = card.replace(/(\d{4})/g, '$1 ');
      expect(parseBankCard(spaced)).toEqual({ ok: true, value: { normalized: card } });
    }
    expect(parseBankCard('6222-0212-3456-7890-128').ok).toBe(true);
  });

  it('refuses a card failing Luhn, asking the member to check it', () => {
    const payload = '622202123456789012';
    const wrong = payload + String((Number(luhnCheckDigit(payload)) + 1) % 10);
    expect(passesLuhn(wrong)).toBe(false);
    expect(parseBankCard(wrong)).toEqual({ ok: false, message: '银行卡号校验不通过，请核对后重新填写' });
  });

  it('rejects wrong length', () => {
    for (const input of ['622202123456789', '62220212345678901234', '']) {
      const result = parseBankCard(input);
      expect(result.ok).toBe(false);
    }
    const short = parseBankCard('6222 0212 3456 789');
    expect(!short.ok && short.message).toBe('银行卡号应为16到19位数字');
  });

  it('rejects non-digits', () => {
    const result = parseBankCard('6222 0212 3456 789O');
    expect(!result.ok && result.message).toBe('银行卡号只能包含数字');
  });
});
