import { bigint, bigintOrNull, date, dateOrNull, json, type Row, text, textOrNull } from '@sluice/persistence';
import type { PayoutRecord } from '../../app/ports.ts';
import { isPayoutStatus } from '../../domain/payout-lifecycle.ts';

/** Maps a dispatch_payouts row (select *) to the record the use cases work with. */
export function toRecord(row: Row): PayoutRecord {
  const status = row.status === null ? null : text(row.status);
  if (status !== null && !isPayoutStatus(status)) throw new Error(`unknown status in database: ${status}`);
  const sendState = textOrNull(row.send_state);
  return {
    payoutId: text(row.payout_id),
    correlationId: text(row.correlation_id),
    accepted: row.accepted_event_id === null ? null : acceptedOf(row),
    decision: textOrNull(row.decision),
    decisionMode: textOrNull(row.decision_mode),
    decisionEventId: textOrNull(row.decision_event_id),
    decisionAmountMinor: bigintOrNull(row.decision_amount_minor),
    programId: text(row.program_id),
    market: text(row.market),
    corridor: text(row.corridor),
    currency: text(row.currency),
    amountMinor: bigint(row.amount_minor),
    status,
    statusReason: textOrNull(row.status_reason),
    provider: textOrNull(row.provider),
    blockedReason: textOrNull(row.blocked_reason),
    shadow: row.shadow === true,
    attempt: Number(row.attempt),
    instruction:
      row.idempotency_key === null
        ? null
        : {
            instruction: Number(row.instruction),
            idempotencyKey: text(row.idempotency_key),
            body: text(row.request_body),
            requestHash: text(row.request_hash),
          },
    sendState: sendState === 'queued' || sendState === 'sending' ? sendState : null,
    leaseUntil: dateOrNull(row.lease_until),
    nextActionAt: dateOrNull(row.next_action_at),
    pollCount: Number(row.poll_count),
    providerReference: textOrNull(row.provider_reference),
    providerStatus: textOrNull(row.provider_status),
    settledAmountMinor: bigintOrNull(row.settled_amount_minor),
    feeAmountMinor: bigintOrNull(row.fee_amount_minor),
    failureCode: textOrNull(row.failure_code),
    failureMessage: textOrNull(row.failure_message),
    statusChangedAt: dateOrNull(row.status_changed_at),
    createdAt: date(row.created_at),
  };
}

function acceptedOf(row: Row): NonNullable<PayoutRecord['accepted']> {
  return {
    payoutId: text(row.payout_id),
    correlationId: text(row.correlation_id),
    eventId: text(row.accepted_event_id),
    platformId: text(row.platform_id),
    destinationType: text(row.destination_type),
    destinationId: text(row.destination_id),
    network: textOrNull(row.network),
    destinationAddress: textOrNull(row.destination_address),
    amountMinor: bigint(row.amount_minor),
    currency: text(row.currency),
    corridor: text(row.corridor),
    programId: text(row.program_id),
    market: text(row.market),
    metadata: json<Record<string, string>>(row.metadata ?? '{}'),
  };
}

/** Payout id order: every statement or transaction that locks several payouts locks them in this order. */
export const byPayoutId = (a: { payoutId: string }, b: { payoutId: string }): number =>
  a.payoutId < b.payoutId ? -1 : a.payoutId > b.payoutId ? 1 : 0;
