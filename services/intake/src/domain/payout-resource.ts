import { isFinished } from './payout-status.ts';
import type { PayoutView } from './payout-view.ts';

/**
 * The payout as a platform sees it over REST (snake_case JSON, amounts as decimal strings of minor units so no
 * client parses them into a float). The creation response is stored with the idempotency key and replayed as is.
 */
export function payoutResource(view: PayoutView): Record<string, unknown> {
  return {
    id: view.id,
    object: 'payout',
    status: view.status,
    status_reason: view.statusReason,
    finished: isFinished(view.status),
    cancel_requested: view.cancelRequestedAt !== null,
    idempotency_key: view.requestId,
    platform_reference: view.platformReference,
    beneficiary_id: view.beneficiaryId,
    destination: {
      type: view.destination.type,
      id: view.destination.id,
      display: view.destination.display,
      network: view.destination.network,
    },
    amount_minor: view.amountMinor.toString(),
    currency: view.currency,
    settled_amount_minor: view.settledAmountMinor?.toString() ?? null,
    fee_amount_minor: view.feeAmountMinor?.toString() ?? null,
    corridor: view.corridor,
    program_id: view.programId,
    market: view.market,
    provider_reference: view.providerReference,
    hold: view.hold
      ? {
          id: view.hold.holdId,
          reason_codes: view.hold.reasonCodes,
          sla_deadline: view.hold.slaDeadline.toISOString(),
          unblock_path: view.hold.unblockPath,
        }
      : null,
    metadata: view.metadata,
    correlation_id: view.correlationId,
    created_at: view.createdAt.toISOString(),
    updated_at: view.updatedAt.toISOString(),
    cancel_requested_at: view.cancelRequestedAt?.toISOString() ?? null,
  };
}
