import { nextActionAfter } from './settings.ts';

const settings = {
  pollAfterMs: 5_000,
  pollMaxMs: 300_000,
  unknownResendAfterMs: 60_000,
  reversalWatchMs: 3_600_000,
  fundingCheckMs: 10_000,
  retryBaseMs: 1_000,
  retryMaxMs: 60_000,
  providerTimeoutMs: 3_000,
  leaseMarginMs: 10_000,
  batchSize: 50,
};
const now = new Date('2026-12-02T12:00:00Z');

describe('nextActionAfter', () => {
  it('polls a pending or unknown payout after pollAfterMs, whatever moved it', () => {
    for (const source of ['callback', 'poll', 'submit']) {
      expect(nextActionAfter('pending', now, settings, source)?.getTime()).toBe(now.getTime() + 5_000);
      expect(nextActionAfter('unknown', now, settings, source)?.getTime()).toBe(now.getTime() + 5_000);
    }
  });

  it('watches a confirmed payout for a reversal only when a callback did not confirm it', () => {
    expect(nextActionAfter('confirmed', now, settings, 'callback')).toBeNull();
    expect(nextActionAfter('confirmed', now, settings, 'poll')?.getTime()).toBe(now.getTime() + 5_000);
    expect(nextActionAfter('confirmed', now, { ...settings, reversalWatchMs: 0 }, 'poll')).toBeNull();
  });

  it('leaves terminal payouts alone', () => {
    for (const status of ['failed', 'canceled', 'reversed'] as const) {
      expect(nextActionAfter(status, now, settings, 'poll')).toBeNull();
    }
  });
});
