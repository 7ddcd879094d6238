import { MAX_FEE_BPS, MIN_FEE_BPS, seededIds } from './ids.ts';

describe('seeded ids', () => {
  it('gives the same ids for the same seed and key, on every call', () => {
    const a = seededIds('seed-1');
    const b = seededIds('seed-1');
    expect(a.payoutId('key-1')).toBe(b.payoutId('key-1'));
    expect(a.eventId('sbx_po_x', 'payout.pending')).toBe(b.eventId('sbx_po_x', 'payout.pending'));
    expect(a.fundingId('f-1')).toBe(b.fundingId('f-1'));
    expect(a.feeBps('key-1')).toBe(b.feeBps('key-1'));
  });

  it('gives different ids for another key, another seed, or another event type', () => {
    const ids = seededIds('seed-1');
    expect(ids.payoutId('key-1')).not.toBe(ids.payoutId('key-2'));
    expect(seededIds('seed-2').payoutId('key-1')).not.toBe(ids.payoutId('key-1'));
    expect(ids.eventId('sbx_po_x', 'payout.pending')).not.toBe(ids.eventId('sbx_po_x', 'payout.completed'));
  });

  it('keeps purposes apart: a payout id never equals a funding id for the same key', () => {
    const ids = seededIds('seed-1');
    expect(ids.payoutId('k').slice('sbx_po_'.length)).not.toBe(ids.fundingId('k').slice('sbx_fund_'.length));
  });

  it('has documented prefixes and a fixed length', () => {
    const ids = seededIds('s');
    expect(ids.payoutId('k')).toMatch(/^sbx_po_[0-9a-f]{24}$/);
    expect(ids.eventId('sbx_po_1', 'payout.failed')).toMatch(/^evt_[0-9a-f]{24}$/);
    expect(ids.fundingId('k')).toMatch(/^sbx_fund_[0-9a-f]{24}$/);
  });

  it('draws fees inside the documented range and not all the same', () => {
    const ids = seededIds('s');
    const fees = Array.from({ length: 200 }, (_, i) => ids.feeBps(`key-${i}`));
    expect(Math.min(...fees)).toBeGreaterThanOrEqual(MIN_FEE_BPS);
    expect(Math.max(...fees)).toBeLessThanOrEqual(MAX_FEE_BPS);
    expect(new Set(fees).size).toBeGreaterThan(20);
  });
});

describe('seeded step delay', () => {
  const ids = seededIds('seed');
  it('stays within the range and is the same for the same key', () => {
    for (const key of ['a', 'b', 'c', 'd', 'e']) {
      const delay = ids.stepDelayMs(key, 10, 50);
      expect(delay).toBeGreaterThanOrEqual(10);
      expect(delay).toBeLessThanOrEqual(50);
      expect(ids.stepDelayMs(key, 10, 50)).toBe(delay);
    }
  });
  it('is the minimum when there is no range', () => {
    expect(ids.stepDelayMs('a', 30, 30)).toBe(30);
    expect(ids.stepDelayMs('a', 30, 0)).toBe(30);
  });
});
