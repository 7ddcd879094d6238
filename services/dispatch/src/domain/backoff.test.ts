import { backoffMs } from './backoff.ts';

describe('backoffMs', () => {
  const policy = { baseMs: 1_000, maxMs: 60_000 };

  test('doubles from the base and stops at the ceiling', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((n) => backoffMs(n, policy))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000,
    ]);
  });

  test('huge or negative counts stay bounded', () => {
    expect(backoffMs(10_000, policy)).toBe(60_000);
    expect(backoffMs(-3, policy)).toBe(1_000);
  });
});
