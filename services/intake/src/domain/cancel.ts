import { CANCELABLE_STATUSES, type PayoutStatus } from './payout-status.ts';

/** What a cancel request does to a payout. */
export type CancelPlan =
  | { readonly kind: 'request' }
  | { readonly kind: 'already_requested' }
  | { readonly kind: 'not_cancelable'; readonly status: PayoutStatus };

/**
 * A platform may cancel only before submission to a provider (ARCHITECTURE.md §4: after `submitting` money may be
 * moving). Intake records the request; the status changes to `canceled` only when the service that owns the
 * payout's progress says so. Asking twice is not an error.
 */
export function planCancel(view: { status: PayoutStatus; cancelRequestedAt: Date | null }): CancelPlan {
  if (!CANCELABLE_STATUSES.includes(view.status)) return { kind: 'not_cancelable', status: view.status };
  return view.cancelRequestedAt ? { kind: 'already_requested' } : { kind: 'request' };
}
