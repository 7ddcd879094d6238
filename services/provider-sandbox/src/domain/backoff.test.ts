import { exhausted, retryDelayMs } from './backoff.ts';

const policy = { baseMs: 500, maxMs: 30_000, maxAttempts: 10 };

describe('delivery backoff', () => {
  it('doubles from the base after each failed try', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, policy))).toEqual([500, 1_000, 2_000, 4_000]);
  });

  it('never waits longer than the cap, even after many tries', () => {
    expect(retryDelayMs(7, policy)).toBe(30_000);
    expect(retryDelayMs(1_000, policy)).toBe(30_000);
  });

  it('stops after the bounded number of tries', () => {
    expect(exhausted(9, policy)).toBe(false);
    expect(exhausted(10, policy)).toBe(true);
  });
});
