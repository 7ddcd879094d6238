import { isUuid } from '../domain/field-issue.ts';
import type { PayoutView, StatusPlan } from '../domain/payout-view.ts';
import type { IntakeTx, StatusPatch } from './ports.ts';

export type ApplyOutcome =
  | { readonly kind: 'applied'; readonly status: string }
  | { readonly kind: 'ignored'; readonly reason: 'same' | 'not_reachable' | 'unknown_status' }
  | { readonly kind: 'unknown_payout' };

/**
 * The payout a signal is about, locked for this transaction, or null when intake never accepted it. Every payout id
 * intake issues is a UUID; anything else (another environment's ids on a shared topic) is not ours, and must not
 * reach a uuid column where it would fail the whole consumer batch.
 */
export async function lockPayout(tx: IntakeTx, payoutId: string): Promise<PayoutView | null> {
  return isUuid(payoutId) ? tx.payouts.lock(payoutId) : null;
}

/** Applies a planned status change to the view and records the signal either way, so the view can be explained. */
export async function applyPlan(
  tx: IntakeTx,
  view: PayoutView,
  plan: StatusPlan,
  signal: {
    eventId: string;
    source: string;
    signal: string;
    occurredAt: Date;
    patch: Omit<StatusPatch, 'status' | 'at'>;
  },
): Promise<ApplyOutcome> {
  const applied = plan.kind === 'advance';
  await tx.payouts.record({
    payoutId: view.id,
    eventId: signal.eventId,
    source: signal.source,
    status: signal.signal,
    reason: signal.patch.statusReason,
    applied,
    occurredAt: signal.occurredAt,
  });
  if (plan.kind !== 'advance') return { kind: 'ignored', reason: plan.kind };
  await tx.payouts.applyStatus(view.id, { ...signal.patch, status: plan.to, at: signal.occurredAt });
  return { kind: 'applied', status: plan.to };
}
