import { businessDate, isIsoDate } from './effective-date.ts';

describe('business date', () => {
  it('is the calendar date in the configured zone', () => {
    const lateUtc = Date.parse('2026-03-01T23:30:00Z');
    expect(businessDate(lateUtc, 'UTC')).toBe('2026-03-01');
    expect(businessDate(lateUtc, 'Asia/Singapore')).toBe('2026-03-02');
  });

  it('accepts only real YYYY-MM-DD dates', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-2-3')).toBe(false);
  });
});
