import { ageOn, idCardCheckChar, parseIdCard } from '../../cloudfunctions/_shared/domain/idCard';

// Independent of the module's weight table: GB 11643 defines weight W_i = 2^(i-1) mod 11 for position i
// counted from the right (the check char is position 1), and check value (12 - sum mod 11) mod 11, 10 → X.
function gbCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const value = (12 - (sum % 11)) % 11;
  return value === 10 ? 'X' : String(value);
}
const withCheck = (first17: string) => first17 + gbCheckChar(first17);

const NOW = new Date('2024-06-01T04:00:00Z'); // 12:00 on 2024-06-01 in Shanghai

function expectFailure(input: string, fragment: string, now = NOW): void {
  const result = parseIdCard(input, now);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.message).toContain(fragment);
}

describe('parseIdCard', () => {
  it('accepts the published sample 11010519491231002X', () => {
    expect(gbCheckChar('11010519491231002')).toBe('X');
    expect(parseIdCard('11010519491231002X', NOW)).toEqual({
      ok: true,
      value: { normalized: '11010519491231002X', birthDate: '1949-12-31', gender: 'female', regionCode: '110105' },
    });
  });

  it('upper-cases a lowercase x and ignores spaces', () => {
    const result = parseIdCard(' 110105 19491231 002x ', NOW);
    expect(result.ok && result.value.normalized).toBe('11010519491231002X');
  });

  it('reads gender from the 17th digit', () => {
    const male = parseIdCard(withCheck('42010219900101123'), NOW);
    const female = parseIdCard(withCheck('42010219900101124'), NOW);
    expect(male.ok && male.value.gender).toBe('male');
    expect(female.ok && female.value.gender).toBe('female');
  });

  it('agrees with the independent check-digit formula on many numbers', () => {
    let seed = 20240601;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let k = 0; k < 2000; k++) {
      const seq = String(next(1000)).padStart(3, '0');
      const date = `${1900 + next(120)}${String(1 + next(12)).padStart(2, '0')}${String(1 + next(28)).padStart(2, '0')}`;
      const first17 = `${31 + next(7)}${String(next(10000)).padStart(4, '0')}${date}${seq}`;
      expect(idCardCheckChar(first17)).toBe(gbCheckChar(first17));
      expect(parseIdCard(first17 + gbCheckChar(first17), NOW).ok).toBe(true);
    }
  });

  it('rejects a wrong check digit', () => {
    const valid = withCheck('42010219900101123');
    const wrong = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    expectFailure(wrong, '校验位不对');
    expectFailure('110105194912310021', '校验位不对');
  });

  it('rejects wrong length and format', () => {
    expectFailure('11010519491231002', '长度或格式');
    expectFailure('11010519491231002X1', '长度或格式');
    expectFailure('1101051949123100X2', '长度或格式');
    expectFailure('11010519491231A02X', '长度或格式');
    expectFailure('', '长度或格式');
  });

  it('rejects a province code that does not exist', () => {
    expectFailure(withCheck('99010219900101123'), '地区码');
    expectFailure(withCheck('00010219900101123'), '地区码');
  });

  it('rejects dates that are not on the calendar', () => {
    expectFailure(withCheck('42010219900230123'), '出生日期不正确'); // 30 February
    expectFailure(withCheck('42010219901301123'), '出生日期不正确'); // month 13
    expectFailure(withCheck('42010219000229123'), '出生日期不正确'); // 1900 was not a leap year
    expect(parseIdCard(withCheck('42010220000229123'), NOW).ok).toBe(true);
  });

  it('rejects births before 1900, like the old sample 440524188001010014', () => {
    expect(gbCheckChar('44052418800101001')).toBe('4');
    expectFailure('440524188001010014', '出生日期不正确');
    expect(parseIdCard(withCheck('44052419000101001'), NOW).ok).toBe(true);
  });

  it('rejects births after today in Shanghai', () => {
    expectFailure(withCheck('42010220240602123'), '出生日期不正确');
    expect(parseIdCard(withCheck('42010220240601123'), NOW).ok).toBe(true);
    // 2024-05-31T16:30Z is already 1 June in Shanghai; 15:59Z is still 31 May.
    expect(parseIdCard(withCheck('42010220240601123'), new Date('2024-05-31T16:30:00Z')).ok).toBe(true);
    expectFailure(withCheck('42010220240601123'), '出生日期不正确', new Date('2024-05-31T15:59:00Z'));
  });
});

describe('ageOn', () => {
  it('counts full years on the Shanghai calendar date', () => {
    expect(ageOn('1990-06-01', NOW)).toBe(34);
    expect(ageOn('1990-06-02', NOW)).toBe(33);
    expect(ageOn('1990-06-01', new Date('2024-05-31T15:59:00Z'))).toBe(33);
    expect(ageOn('1990-06-01', new Date('2024-05-31T16:00:00Z'))).toBe(34);
    expect(ageOn('2024-06-01', NOW)).toBe(0);
  });

  it('lets a 29 February birthday count on 1 March in common years', () => {
    expect(ageOn('2004-02-29', new Date('2023-02-28T04:00:00Z'))).toBe(18);
    expect(ageOn('2004-02-29', new Date('2023-03-01T04:00:00Z'))).toBe(19);
    expect(ageOn('2004-02-29', new Date('2024-02-29T04:00:00Z'))).toBe(20);
  });
});
