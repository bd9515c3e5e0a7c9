import { dayjs, shanghaiDate, shanghaiDayStart } from '../../cloudfunctions/_shared/domain/shanghaiTime';

test('the Shanghai date of an instant is 8 hours ahead of UTC', () => {
  expect(shanghaiDate(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31');
  expect(shanghaiDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
});

test('a Shanghai day starts at 16:00 UTC the day before', () => {
  expect(shanghaiDayStart(new Date('2027-01-01T03:00:00Z')).toISOString()).toBe('2026-12-31T16:00:00.000Z');
  expect(shanghaiDayStart(new Date('2027-01-01T03:00:00Z'), 7).toISOString()).toBe('2027-01-07T16:00:00.000Z');
  expect(shanghaiDayStart(new Date('2027-01-01T03:00:00Z'), -1).toISOString()).toBe('2026-12-30T16:00:00.000Z');
});

test("the Shanghai date is dayjs's for every instant: at midnight through the summer-time years (1986–1991), before 1901, now and later", () => {
  const instants: number[] = [];
  // either side of Shanghai midnight (16:00 UTC, 15:00 UTC in summer time) every other day from 1985 to 1992
  for (let d = Date.UTC(1985, 11, 1); d < Date.UTC(1992, 1, 1); d += 2 * 86_400_000) {
    for (const edge of [d + 15 * 3_600_000, d + 16 * 3_600_000]) instants.push(edge - 1, edge);
  }
  // pseudo-random instants from 1890 to 2100 at millisecond resolution, and a few of two years around now
  let x = 12345;
  const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < 2_000; i++) instants.push(Date.UTC(1890, 0, 1) + Math.floor(next() * (Date.UTC(2100, 0, 1) - Date.UTC(1890, 0, 1))));
  for (let i = 0; i < 1_000; i++) instants.push(Date.UTC(2025, 0, 1) + Math.floor(next() * 2 * 365 * 86_400_000));
  // twice each: the first computes an hour's date, the second is remembered
  const wrong = instants.filter((t) => {
    const truth = dayjs(t).tz('Asia/Shanghai').format('YYYY-MM-DD');
    return shanghaiDate(new Date(t)) !== truth || shanghaiDate(new Date(t)) !== truth;
  });
  expect(wrong.map((t) => new Date(t).toISOString())).toEqual([]);
  expect(shanghaiDate(new Date(Date.UTC(1900, 5, 1, 15, 55)))).toBe('1900-06-02'); // LMT, +08:05:43
  expect(shanghaiDate(new Date(Date.UTC(1991, 6, 1, 15, 30)))).toBe('1991-07-02'); // summer time, +09:00
  expect(shanghaiDate(new Date(Date.UTC(2026, 6, 1, 15, 30)))).toBe('2026-07-01');
});
