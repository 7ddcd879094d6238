import { isPayoutStatus, type PayoutStatus, reachableFrom } from './payout-status.ts';

/**
 * How an incoming status signal relates to the view. Compliance decisions and dispatch transitions arrive on
 * different topics with no order between them, so the view moves only forward along the lifecycle: a status that is
 * reachable from the current one is applied (even skipping steps whose events are still in flight); one that is
 * not is stale (already passed) or a regression, and is recorded but never applied.
 */
export type StatusPlan =
  | { readonly kind: 'advance'; readonly to: PayoutStatus }
  | { readonly kind: 'same' }
  | { readonly kind: 'not_reachable'; readonly to: PayoutStatus }
  | { readonly kind: 'unknown_status'; readonly to: string };

export function planStatus(current: PayoutStatus, target: string): StatusPlan {
  if (!isPayoutStatus(target)) return { kind: 'unknown_status', to: target };
  if (target === current) return { kind: 'same' };
  return reachableFrom(current).has(target) ? { kind: 'advance', to: target } : { kind: 'not_reachable', to: target };
}

/** The view status a compliance decision stands for; undefined for a decision value this version does not know. */
export function statusOfDecision(decision: string): PayoutStatus | undefined {
  switch (decision) {
    case 'approved':
    case 'released':
      return 'approved';
    case 'held':
      return 'held';
    case 'denied':
      return 'denied';
    default:
      return undefined;
  }
}

/** What a platform sees of a hold: why and how it gets unblocked, not the internal evidence or owner. */
export interface HoldView {
  readonly holdId: string;
  readonly reasonCodes: readonly string[];
  readonly slaDeadline: Date;
  readonly unblockPath: string;
}

/** The payout as intake keeps it for `GET /v1/payouts/:id`. */
export interface PayoutView {
  readonly id: string;
  readonly platformId: string;
  readonly requestId: string;
  readonly platformReference: string | null;
  readonly beneficiaryId: string;
  readonly destination: {
    readonly type: 'wallet' | 'bank_account';
    readonly id: string;
    readonly display: string;
    readonly network: string;
  };
  readonly amountMinor: bigint;
  readonly currency: string;
  readonly corridor: string;
  readonly programId: string;
  readonly market: string;
  readonly metadata: Readonly<Record<string, string>>;
  readonly correlationId: string;
  readonly status: PayoutStatus;
  readonly statusReason: string | null;
  readonly providerReference: string | null;
  readonly settledAmountMinor: bigint | null;
  readonly feeAmountMinor: bigint | null;
  readonly hold: HoldView | null;
  readonly cancelRequestedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}
