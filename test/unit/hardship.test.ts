// The rules of a hardship record: its review day, when it lapses and is due, the grade it lends.
import { gradesText, isDueForReview, isLapsed, lapsesAt, reviewDueOn, validGrade } from '../../cloudfunctions/_shared/domain/hardship';

const at = (iso: string) => new Date(iso);

describe('review day', () => {
  it('is the same Shanghai day a year on', () => {
    // 2026-03-01 07:00 in Shanghai is still 2026-02-28 in UTC
    expect(reviewDueOn(at('2026-02-28T23:00:00Z'))).toBe('2027-03-01');
    expect(reviewDueOn(at('2026-06-15T02:00:00Z'))).toBe('2027-06-15');
    expect(reviewDueOn(at('2028-02-29T02:00:00Z'))).toBe('2029-02-28');
  });
  it('counts whole: the record lapses at the start of the day after it, Shanghai time', () => {
    expect(lapsesAt('2027-06-15').toISOString()).toBe('2027-06-15T16:00:00.000Z');
  });
});

describe('lapse and grade', () => {
  const confirmed = { status: 'confirmed' as const, grade: 'severe' as const, reviewDueOn: '2027-06-15' };
  it('a confirmed record lends its grade through its review day, and none once it lapses', () => {
    expect(validGrade(confirmed, at('2027-06-15T15:59:59Z'))).toBe('severe');
    expect(isLapsed(confirmed, at('2027-06-15T15:59:59Z'))).toBe(false);
    expect(isLapsed(confirmed, at('2027-06-15T16:00:00Z'))).toBe(true);
    expect(validGrade(confirmed, at('2027-06-15T16:00:00Z'))).toBeNull();
  });
  it('a record not confirmed lends nothing, nor does none', () => {
    for (const status of ['requested', 'filed', 'returned', 'exited'] as const) expect(validGrade({ ...confirmed, status }, at('2027-01-01T00:00:00Z'))).toBeNull();
    expect(validGrade(null, at('2027-01-01T00:00:00Z'))).toBeNull();
    expect(isLapsed({ ...confirmed, status: 'exited' }, at('2030-01-01T00:00:00Z'))).toBe(false);
  });
  it('is due for review from 30 days before its review day', () => {
    expect(isDueForReview(confirmed, at('2027-05-15T15:59:59Z'))).toBe(false);
    expect(isDueForReview(confirmed, at('2027-05-16T16:00:00Z'))).toBe(true);
    expect(isDueForReview(confirmed, at('2028-01-01T00:00:00Z'))).toBe(true);
    expect(isDueForReview({ ...confirmed, status: 'filed' }, at('2028-01-01T00:00:00Z'))).toBe(false);
  });
  it('names grades in their order', () => {
    expect(gradesText(['severe', 'extreme'])).toBe('特困、重困');
  });
});
