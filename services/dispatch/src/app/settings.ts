import type { PayoutStatus } from '../domain/payout-lifecycle.ts';

/** Timing and limits of dispatch's background work; all from config, all with units in their names. */
export interface DispatchSettings {
  /** Age in `pending` / `unknown` before the first poll (callbacks normally arrive sooner). */
  readonly pollAfterMs: number;
  /** Ceiling of the poll backoff. */
  readonly pollMaxMs: number;
  /** How long `unknown` may stay without any provider record before the same bytes are re-sent under the same key. */
  readonly unknownResendAfterMs: number;
  /** How long after `confirmed` the provider is still polled for a reversal (0: never). */
  readonly reversalWatchMs: number;
  /** Interval of the balance check that releases funding holds (it looks at every hold of a provider at once). */
  readonly fundingCheckMs: number;
  /** Backoff of a send that provably did not reach the provider (breaker open, 429, connection refused). */
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  /** Provider HTTP timeout; a call's lease is this plus a margin, so a lease never expires under a live call. */
  readonly providerTimeoutMs: number;
  /** Extra time beyond the provider timeout before a `sending` lease is presumed dead (the process died mid-call). */
  readonly leaseMarginMs: number;
  /** Payouts claimed per provider and per kind of work in one tick. */
  readonly batchSize: number;
}

export const leaseUntil = (now: Date, settings: DispatchSettings): Date =>
  new Date(now.getTime() + settings.providerTimeoutMs + settings.leaseMarginMs);

export const after = (now: Date, delayMs: number): Date => new Date(now.getTime() + delayMs);

/**
 * When dispatch next has to look at a payout that just entered `status` (null: only an outside signal moves it).
 * `source` is what moved it: a payout confirmed by a callback is not polled for a reversal, since callbacks evidently
 * reach us and a reversal comes the same way; the reversal watch is for payouts whose callbacks are missing.
 */
export function nextActionAfter(
  status: PayoutStatus,
  now: Date,
  settings: DispatchSettings,
  source: string,
): Date | null {
  switch (status) {
    case 'approved':
      return now;
    case 'pending':
    case 'unknown':
      return after(now, settings.pollAfterMs);
    case 'confirmed':
      return settings.reversalWatchMs > 0 && source !== 'callback' ? after(now, settings.pollAfterMs) : null;
    case 'funding_hold':
    case 'submitting':
    case 'failed':
    case 'canceled':
    case 'reversed':
      return null;
  }
}
