import type { ProviderCallbackReceivedV1 } from '@sluice/contracts';
import type { Payload } from '@sluice/messaging';
import { attributedPayoutId, type PayoutCallback } from '../domain/payout-callback.ts';
import type { Forward } from './ports.ts';

export const CALLBACKS_TOPIC = 'provider.callbacks-received.v1';

export interface CallbackMeta {
  readonly provider: string;
  readonly callbackId: string;
  readonly scheme: string;
  readonly keyId: string;
  readonly needsConfirmation: boolean;
  readonly receivedAt: Date;
  readonly rawBodySha256: string;
  /** Makes the trace id of a callback we cannot attribute to a payout (a fresh UUIDv7); only called then. */
  readonly newCorrelationId: () => string;
}

/**
 * The `provider.callbacks-received.v1` payload and trace for a verified payout callback. The correlation id is the
 * payout id when the provider echoed it (so the callback joins the payout's trace), a fresh id otherwise.
 */
export function callbackReceived(callback: PayoutCallback, meta: CallbackMeta): Forward {
  const payoutId = attributedPayoutId(callback);
  const payload: Payload<ProviderCallbackReceivedV1> = {
    provider: meta.provider,
    provider_event_id: callback.providerEventId,
    callback_id: meta.callbackId,
    provider_reference: callback.providerReference,
    client_reference: callback.clientReference,
    provider_status: callback.providerStatus,
    failure_code: callback.failureCode,
    verification: { scheme: meta.scheme, key_id: meta.keyId, verdict: 'valid' },
    needs_confirmation: meta.needsConfirmation,
    amount_minor: callback.amountMinor,
    currency: callback.currency,
    settled_amount_minor: callback.settledAmountMinor,
    fee_amount_minor: callback.feeAmountMinor,
    received_at: meta.receivedAt.getTime(),
    raw_body_sha256: meta.rawBodySha256,
  };
  return { payload, trace: { correlationId: payoutId ?? meta.newCorrelationId(), causationId: null, payoutId } };
}
