import type { ProviderCallbackReceivedV1 } from '@sluice/contracts';
import type { EventHandler, Outbox } from '@sluice/messaging';
import { applyCallback } from '../../app/apply-callback.ts';
import type { DispatchDeps } from '../../app/deps.ts';
import { chunkDispatchTx, finishChunk, prepareLockedChunk } from '../db/chunk-signals.ts';

/**
 * provider.callbacks-received.v1 (verified by the webhook gateway) → the same transition function as polls. A chunk's
 * payouts (those its callbacks name by our id) are locked together in `prepare`.
 */
export function providerCallbacksReceivedV1(
  deps: { outbox: Outbox } & Pick<DispatchDeps, 'gateway' | 'settings' | 'clock' | 'telemetry'>,
): EventHandler<ProviderCallbackReceivedV1> {
  return {
    topic: 'provider.callbacks-received.v1',
    prepare: (events, { em }) =>
      prepareLockedChunk(
        em,
        events.flatMap((event) => {
          const id = event.payout_id ?? event.client_reference;
          return id ? [id] : [];
        }),
      ),
    async handle(event, { em, logger }) {
      const outcome = await applyCallback(chunkDispatchTx(em, deps.outbox), event, { ...deps, logger });
      // A callback for a payout this dispatch never sent is worth a line, not an alarm (shared topics in dev);
      // a status word we cannot map or another provider's payout is a real mismatch.
      const level =
        outcome === 'unknown_status' || outcome === 'other_provider'
          ? 'warn'
          : outcome === 'unknown_payout'
            ? 'info'
            : 'debug';
      logger[level](
        { provider_status: event.provider_status, callback_id: event.callback_id, outcome },
        'callback applied',
      );
    },
    finish: ({ em }) => finishChunk(em),
  };
}
