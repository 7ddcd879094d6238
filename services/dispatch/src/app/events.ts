import type { StatusConflictV1 } from '@sluice/contracts';
import type { Trace } from '@sluice/messaging';
import type { AttemptEntry, DispatchEvent, PayoutRecord } from './ports.ts';

/** Provider name used on events of a payout whose corridor could not be routed (the field is mandatory). */
export const UNROUTED_PROVIDER = 'unrouted';

/**
 * The trace of an event about `payout`: its correlation id, the event (if any) that caused this one, and the payout id
 * (the envelope's `payout_id`, which is also the Kafka key).
 */
export const traceOf = (payout: PayoutRecord, causationId: string | null = null): Trace => ({
  correlationId: payout.correlationId,
  causationId,
  payoutId: payout.payoutId,
});

/** What a status-changed event says beyond the payout's current fields. */
export interface StatusChange {
  readonly from: string | null;
  readonly to: string;
  readonly reason: string;
  readonly source: string;
  readonly shadow?: boolean;
  readonly conflict?: StatusConflictV1 | null;
}

/** payouts.status-changed.v1 for `payout` as it is after the change (amounts, references, attempt). */
export function statusChanged(payout: PayoutRecord, change: StatusChange): DispatchEvent {
  return {
    topic: 'payouts.status-changed.v1',
    payload: {
      from_status: change.from,
      to_status: change.to,
      reason: change.reason,
      source: change.source,
      attempt: payout.attempt,
      provider: payout.provider ?? UNROUTED_PROVIDER,
      provider_reference: payout.providerReference,
      idempotency_key: payout.instruction?.idempotencyKey ?? null,
      amount_minor: payout.amountMinor,
      settled_amount_minor: payout.settledAmountMinor,
      fee_amount_minor: payout.feeAmountMinor,
      currency: payout.currency,
      program_id: payout.programId,
      market: payout.market,
      shadow: change.shadow ?? payout.shadow,
      conflict: change.conflict ?? null,
    },
  };
}

const MAX_MESSAGE_CHARS = 1024;

/** dispatch.attempted.v1 for one recorded call. */
export function attempted(entry: AttemptEntry): DispatchEvent {
  return {
    topic: 'dispatch.attempted.v1',
    payload: {
      provider: entry.provider,
      operation: entry.operation,
      attempt: entry.attempt,
      idempotency_key: entry.idempotencyKey,
      request_hash: entry.requestHash,
      http_status: entry.httpStatus,
      error_class: entry.errorClass,
      error_code: entry.errorCode,
      error_message: entry.errorMessage?.slice(0, MAX_MESSAGE_CHARS) ?? null,
      latency_ms: Math.round(entry.latencyMs),
      outcome: entry.outcome,
      shadow: entry.shadow,
      provider_reference: entry.providerReference,
    },
  };
}
