import { type PayoutStatus, pathTo, reachableFrom } from './payout-lifecycle.ts';

/** A provider status mapped into the lifecycle (each adapter's transformer does the mapping exhaustively). */
export type ObservedStatus = 'pending' | 'confirmed' | 'failed' | 'reversed';

/** Where an observation came from: our submit call's answer, a poll, a provider callback, or an operator. */
export type ObservationSource = 'submit' | 'poll' | 'callback' | 'operator';

/** What one provider read (response, poll, callback) says about one payout. */
export interface ProviderObservation {
  readonly status: ObservedStatus;
  readonly providerReference: string;
  /** The provider's own status word (e.g. `processing`), kept for the record. */
  readonly providerStatus: string;
  readonly settledAmountMinor: bigint | null;
  readonly feeAmountMinor: bigint | null;
  readonly failureCode: string | null;
  readonly failureMessage: string | null;
  /** Human-readable origin for conflicts and traces: poll id, callback id, HTTP status. */
  readonly detail: string;
}

/** Statuses an observation may walk through on its way: the provider vouches for each of them. */
const OBSERVABLE: ReadonlySet<PayoutStatus> = new Set<PayoutStatus>(['pending', 'confirmed']);

/**
 * How an observation relates to the payout:
 * - `advance`: apply these steps in order (one status-changed event each);
 * - `same`: already there, nothing to do;
 * - `stale`: the payout is already past it (e.g. `pending` arriving after `confirmed`): ignore;
 * - `conflict`: it contradicts what we know (e.g. `failed` after `confirmed`, anything for a payout we never sent):
 *   refuse, and record it for reconciliation.
 */
export type ObservationPlan =
  | { readonly kind: 'advance'; readonly steps: readonly PayoutStatus[] }
  | { readonly kind: 'same' }
  | { readonly kind: 'stale' }
  | { readonly kind: 'conflict' };

/** Statuses in which the provider may hold a payout of ours; elsewhere (approved, funding_hold, canceled) it may not. */
const SENT: ReadonlySet<PayoutStatus> = new Set<PayoutStatus>([
  'submitting',
  'unknown',
  'pending',
  'confirmed',
  'failed',
  'reversed',
]);

/** The single decision behind polls, submit answers and callbacks (ARCHITECTURE.md §4: one transition function). */
export function planObservation(current: PayoutStatus, observed: ObservedStatus): ObservationPlan {
  if (!SENT.has(current)) return { kind: 'conflict' };
  if (current === observed) return { kind: 'same' };
  const steps = pathTo(current, observed, OBSERVABLE);
  if (steps) return { kind: 'advance', steps };
  return reachableFrom(observed).has(current) ? { kind: 'stale' } : { kind: 'conflict' };
}

/** Reason code for a step driven by an observation; a short settlement is named so reconciliation finds it. */
export function reasonFor(step: PayoutStatus, observation: ProviderObservation, amountMinor: bigint): string {
  switch (step) {
    case 'confirmed':
      return observation.settledAmountMinor !== null && observation.settledAmountMinor < amountMinor
        ? 'short_settlement'
        : 'provider_completed';
    case 'failed':
      return observation.failureCode ? `provider_failed:${observation.failureCode}` : 'provider_failed';
    case 'reversed':
      return 'provider_reversed';
    case 'pending':
      return 'provider_accepted';
    default:
      return `provider_${observation.providerStatus}`;
  }
}
