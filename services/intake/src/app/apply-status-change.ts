import type { PayoutStatusChangedV1 } from '@sluice/contracts';
import { planStatus } from '../domain/payout-view.ts';
import { type ApplyOutcome, applyPlan, lockPayout } from './apply-plan.ts';
import type { IntakeTx } from './ports.ts';

/**
 * Keeps the payout view current with dispatch, the owner of the canonical lifecycle. A refused regression that
 * dispatch itself recorded as a conflict changes nothing here either; it is kept in the history.
 */
export async function applyStatusChange(tx: IntakeTx, event: PayoutStatusChangedV1): Promise<ApplyOutcome> {
  const view = await lockPayout(tx, event.payout_id);
  if (!view) return { kind: 'unknown_payout' };
  const plan = event.conflict ? ({ kind: 'same' } as const) : planStatus(view.status, event.to_status);
  return applyPlan(tx, view, plan, {
    eventId: event.event_id,
    source: event.source ?? 'dispatch',
    signal: event.conflict ? `conflict:${event.conflict.attempted_status}` : event.to_status,
    occurredAt: new Date(event.occurred_at),
    patch: {
      statusReason: event.reason,
      providerReference: event.provider_reference ?? view.providerReference,
      settledAmountMinor: event.settled_amount_minor ?? view.settledAmountMinor,
      feeAmountMinor: event.fee_amount_minor ?? view.feeAmountMinor,
      // Leaving `held` clears the hold; the history keeps it.
      hold: null,
    },
  });
}
