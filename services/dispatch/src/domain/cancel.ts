import type { PayoutStatus } from './payout-lifecycle.ts';
import { transition } from './payout-lifecycle.ts';

/** What dispatch knows of a payout when a cancel arrives. */
export interface CancelSubject {
  /** Dispatch's lifecycle status; null while compliance has not approved it. */
  readonly status: PayoutStatus | null;
  /** The last compliance decision seen (`held`, `denied`, …), or null. */
  readonly decision: string | null;
}

/** Stable refusal codes of `POST /v1/payouts/:id/cancel` (409). */
export type CancelRefusal = 'already_submitted' | 'already_denied' | 'already_finished';

export type CancelPlan =
  /** Cancel now; `from` is the status the status-changed event names (null when dispatch saw no status yet). */
  | { readonly kind: 'cancel'; readonly from: 'held' | PayoutStatus | null }
  | { readonly kind: 'already_canceled' }
  | { readonly kind: 'refuse'; readonly code: CancelRefusal; readonly status: string };

/**
 * A payout may be canceled only while no provider holds it: before approval (compliance screening or a hold), while
 * approved (including a shadow payout), and in `funding_hold` (the provider refused it, so nothing exists there).
 * Once `submitting`, money may be moving and only the provider's outcome ends the payout.
 */
export function planCancel(subject: CancelSubject): CancelPlan {
  const { status, decision } = subject;
  if (status === null) {
    if (decision === 'denied') return { kind: 'refuse', code: 'already_denied', status: 'denied' };
    return { kind: 'cancel', from: decision === 'held' ? 'held' : null };
  }
  if (status === 'canceled') return { kind: 'already_canceled' };
  if (transition(status, 'canceled').ok) return { kind: 'cancel', from: status };
  const finished = status === 'failed' || status === 'reversed';
  return { kind: 'refuse', code: finished ? 'already_finished' : 'already_submitted', status };
}
