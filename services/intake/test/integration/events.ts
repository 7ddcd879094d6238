import type { ComplianceDecidedV1, PayoutRequestedV1, PayoutStatusChangedV1 } from '@sluice/contracts';
import { newEventId } from '@sluice/messaging';

/** A `payouts.requested.v1` as an upstream platform would publish it. */
export function requestedEvent(
  fields: Partial<PayoutRequestedV1> & Pick<PayoutRequestedV1, 'beneficiary_id' | 'destination'>,
): PayoutRequestedV1 {
  return {
    event_id: newEventId(),
    event_type: 'payouts.requested',
    occurred_at: Date.now(),
    producer: 'platform:acme',
    correlation_id: newEventId(),
    causation_id: null,
    payout_id: null,
    platform_id: 'acme',
    request_id: `req-${newEventId()}`,
    platform_reference: 'stmt-7',
    amount_minor: 2_500_000n,
    currency: 'USDC',
    corridor: 'US-USDC-BASE',
    metadata: { source: 'topic' },
    ...fields,
  };
}

/** A `compliance.decided.v1` for a payout (held when `hold` is given). */
export function decidedEvent(
  payoutId: string,
  decision: string,
  hold: ComplianceDecidedV1['hold'] = null,
): ComplianceDecidedV1 {
  const now = Date.now();
  return {
    event_id: newEventId(),
    event_type: 'compliance.decided',
    occurred_at: now,
    producer: 'compliance',
    correlation_id: newEventId(),
    causation_id: null,
    payout_id: payoutId,
    decision,
    program_id: 'sandbox-global',
    market: 'US',
    mode: 'read_only',
    config_version: 'v1',
    amount_minor: 1_250_000n,
    currency: 'USDC',
    corridor: 'US-USDC-BASE',
    checks: [
      {
        gate: 'kyt',
        rule: 'kyt.alerts',
        rule_version: '1',
        input_hash: 'a'.repeat(64),
        result: hold ? 'hold' : 'allow',
        code: hold ? 'kyt_alert' : null,
        owner: 'compliance_officer',
        checked_at: now,
      },
    ],
    hold,
    decided_by: null,
    note: null,
  };
}

/** A `payouts.status-changed.v1` transition from dispatch. */
export function statusEvent(
  payoutId: string,
  from: string | null,
  to: string,
  extra: Partial<PayoutStatusChangedV1> = {},
): PayoutStatusChangedV1 {
  return {
    event_id: newEventId(),
    event_type: 'payouts.status-changed',
    occurred_at: Date.now(),
    producer: 'dispatch',
    correlation_id: newEventId(),
    causation_id: null,
    payout_id: payoutId,
    from_status: from,
    to_status: to,
    reason: null,
    source: 'submit',
    attempt: 1,
    provider: 'sandbox',
    provider_reference: null,
    idempotency_key: null,
    amount_minor: 1_250_000n,
    settled_amount_minor: null,
    fee_amount_minor: null,
    currency: 'USDC',
    program_id: 'sandbox-global',
    market: 'US',
    shadow: false,
    conflict: null,
    ...extra,
  };
}
