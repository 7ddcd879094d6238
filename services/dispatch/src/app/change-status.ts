import type { Trace } from '@sluice/messaging';
import { type PayoutStatus, transition } from '../domain/payout-lifecycle.ts';
import { statusChanged } from './events.ts';
import type { DispatchTx, PayoutRecord, StatusWrite, Telemetry } from './ports.ts';

/** A write that `transition()` refused: a bug in the caller, never a provider's doing (those become conflicts). */
export class LifecycleViolation extends Error {
  readonly code = 'lifecycle_violation';
  constructor(from: PayoutStatus | null, to: PayoutStatus, refusal: string) {
    super(`transition ${from ?? '(none)'} → ${to} refused: ${refusal}`);
    this.name = 'LifecycleViolation';
  }
}

/** The record as it is after `write` (what the event must describe). */
export function afterWrite(payout: PayoutRecord, write: StatusWrite): PayoutRecord {
  return {
    ...payout,
    status: write.status,
    statusReason: write.reason,
    statusChangedAt: write.at,
    nextActionAt: write.nextActionAt,
    sendState: write.status === 'submitting' ? payout.sendState : null,
    providerReference: write.providerReference ?? payout.providerReference,
    providerStatus: write.providerStatus ?? payout.providerStatus,
    settledAmountMinor: write.settledAmountMinor ?? payout.settledAmountMinor,
    feeAmountMinor: write.feeAmountMinor ?? payout.feeAmountMinor,
    failureCode: write.failureCode ?? payout.failureCode,
    failureMessage: write.failureMessage ?? payout.failureMessage,
  };
}

/**
 * The only way a status changes: checked by `transition()`, written, journaled and published as
 * payouts.status-changed.v1 in the same transaction.
 */
export async function changeStatus(
  tx: DispatchTx,
  payout: PayoutRecord,
  write: StatusWrite,
  meta: { source: string; actor?: string; trace: Trace; telemetry: Telemetry },
): Promise<PayoutRecord> {
  checkTransition(payout, write);
  await tx.payouts.writeStatus(payout.payoutId, write);
  return statusWritten(tx, payout, write, meta);
}

/** Throws unless `transition()` allows `payout` to move to `write.status`. */
export function checkTransition(payout: PayoutRecord, write: StatusWrite): void {
  if (payout.status === null) throw new LifecycleViolation(null, write.status, 'not_owned');
  const checked = transition(payout.status, write.status);
  if (!checked.ok) throw new LifecycleViolation(payout.status, write.status, checked.code);
}

/**
 * What follows a checked status write (done by `changeStatus`, or by a set-based statement for many payouts at once):
 * the transition journaled and payouts.status-changed.v1 published in the same transaction.
 */
export async function statusWritten(
  tx: DispatchTx,
  payout: PayoutRecord,
  write: StatusWrite,
  meta: { source: string; actor?: string; trace: Trace; telemetry: Telemetry },
): Promise<PayoutRecord> {
  const from = payout.status!;
  const next = afterWrite(payout, write);
  await tx.journal.recordTransition({
    payoutId: payout.payoutId,
    fromStatus: from,
    toStatus: write.status,
    reason: write.reason,
    source: meta.source,
    actor: meta.actor ?? null,
    attempt: next.attempt,
    shadow: next.shadow,
    at: write.at,
  });
  await tx.publish(
    statusChanged(next, { from, to: write.status, reason: write.reason, source: meta.source }),
    meta.trace,
  );
  meta.telemetry.transition(from, write.status);
  return next;
}
