import { parsePhone } from '../../cloudfunctions/_shared/domain/phone';

const normalized = (input: string) => {
  const result = parsePhone(input);
  return result.ok ? result.value.normalized : result.message;
};

describe('parsePhone', () => {
  it('normalizes spaces, dashes and the country code to 11 digits', () => {
    for (const input of ['13812345678', '138 1234 5678', '138-1234-5678', '+86 138 1234 5678', '8613812345678',
      '+86-13812345678', '0086 13812345678', ' 13812345678 ']) {
      expect(normalized(input)).toBe('13812345678');
    }
  });

  it('accepts every 13x–19x prefix', () => {
    for (let d = 3; d <= 9; d++) expect(normalized(`1${d}012345678`)).toBe(`1${d}012345678`);
  });

  it('rejects wrong length and non-digits', () => {
    for (const input of ['1381234567', '138123456789', '138l2345678', '', '+8713812345678']) {
      expect(normalized(input)).toBe('手机号应为11位数字');
    }
  });

  it('rejects numbers that are not mainland mobiles', () => {
    for (const input of ['12812345678', '10012345678', '02712345678']) {
      expect(normalized(input)).toBe('手机号格式不对，请填写中国大陆手机号');
    }
  });

  it('keeps a number starting 186 instead of reading 86 as a country code', () => {
    expect(normalized('18612345678')).toBe('18612345678');
  });
});
