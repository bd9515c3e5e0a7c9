import { shanghaiDate, shanghaiDayStart } from '../../cloudfunctions/_shared/domain/shanghaiTime';

test('the Shanghai date of an instant is 8 hours ahead of UTC', () => {
  expect(shanghaiDate(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31');
  expect(shanghaiDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
});

test('a Shanghai day starts at 16:00 UTC the day before', () => {
  expect(shanghaiDayStart(new Date('2027-01-01T03:00:00Z')).toISOString()).toBe('2026-12-31T16:00:00.000Z');
  expect(shanghaiDayStart(new Date('2027-01-01T03:00:00Z'), 7).toISOString()).toBe('2027-01-07T16:00:00.000Z');
  expect(shanghaiDayStart(new Date('2027-01-01T03:00:00Z'), -1).toISOString()).toBe('2026-12-30T16:00:00.000Z');
});
