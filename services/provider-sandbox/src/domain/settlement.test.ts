import { settle } from './settlement.ts';

describe('settle', () => {
  it('settles the whole amount when there is no fee', () => {
    expect(settle(12_500_000n, 0)).toEqual({ settledAmountMinor: 12_500_000n, feeAmountMinor: 0n });
  });

  it('deducts a proportional fee rounded down', () => {
    expect(settle(12_500_000n, 100)).toEqual({ settledAmountMinor: 12_375_000n, feeAmountMinor: 125_000n });
    expect(settle(199n, 100)).toEqual({ settledAmountMinor: 198n, feeAmountMinor: 1n });
  });

  it('always deducts at least one minor unit when a fee applies, so the settlement is really short', () => {
    expect(settle(10n, 50)).toEqual({ settledAmountMinor: 9n, feeAmountMinor: 1n });
  });

  it('keeps settled + fee equal to the instructed amount', () => {
    for (const amount of [1n, 7n, 1_000n, 123_456_789n, 10n ** 17n]) {
      const { settledAmountMinor, feeAmountMinor } = settle(amount, 137);
      expect(settledAmountMinor + feeAmountMinor).toBe(amount);
    }
  });

  it('refuses non-positive amounts and out-of-range fees', () => {
    expect(() => settle(0n, 100)).toThrow(RangeError);
    expect(() => settle(10n, 10_000)).toThrow(RangeError);
    expect(() => settle(10n, 1.5)).toThrow(RangeError);
  });
});
