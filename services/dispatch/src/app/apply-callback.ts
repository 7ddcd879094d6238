import type { ProviderCallbackReceivedV1 } from '@sluice/contracts';
import { applyProviderObservation, type ObservationResult } from './apply-provider-observation.ts';
import type { DispatchDeps } from './deps.ts';
import type { DispatchTx } from './ports.ts';

export type CallbackOutcome =
  | ObservationResult['kind']
  | 'unknown_payout'
  | 'unknown_provider'
  | 'unknown_status'
  | 'other_provider'
  | 'poll_requested';

const POLLABLE = new Set(['pending', 'unknown', 'confirmed']);

/**
 * A verified provider callback (provider.callbacks-received.v1, issue 7) goes through the same
 * `applyProviderObservation` as polls. A callback whose scheme could not authenticate its body or time
 * (`needs_confirmation`) changes nothing by itself: it makes the payout due for a poll now, so the provider's own
 * record decides.
 */
export async function applyCallback(
  tx: DispatchTx,
  event: ProviderCallbackReceivedV1,
  deps: Pick<DispatchDeps, 'gateway' | 'settings' | 'clock' | 'logger' | 'telemetry'>,
): Promise<CallbackOutcome> {
  const payoutId =
    event.payout_id ??
    event.client_reference ??
    (await tx.payouts.idByProviderReference(event.provider, event.provider_reference));
  const payout = payoutId ? await tx.payouts.lock(payoutId) : null;
  if (!payout) return 'unknown_payout';
  if (payout.provider !== event.provider) return 'other_provider';
  const provider = deps.gateway.get(event.provider);
  if (!provider) return 'unknown_provider';
  const status = provider.observedStatusOf(event.provider_status);
  if (!status) return 'unknown_status';
  const now = deps.clock.now();
  if (event.needs_confirmation) {
    if (payout.status !== null && POLLABLE.has(payout.status)) await tx.payouts.schedule(payout.payoutId, now, 0);
    return 'poll_requested';
  }
  const observation = {
    status,
    providerReference: event.provider_reference,
    providerStatus: event.provider_status,
    settledAmountMinor: event.settled_amount_minor,
    feeAmountMinor: event.fee_amount_minor,
    failureCode: event.failure_code,
    failureMessage: null,
    detail: `callback ${event.callback_id} (provider event ${event.provider_event_id})`,
  };
  const trace = { correlationId: payout.correlationId, causationId: event.event_id, payoutId: payout.payoutId };
  const result = await applyProviderObservation(tx, payout, observation, { ...deps, source: 'callback', trace, now });
  return result.kind;
}
