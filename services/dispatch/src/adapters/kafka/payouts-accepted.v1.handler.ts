import type { PayoutAcceptedV1 } from '@sluice/contracts';
import type { EventHandler, Outbox } from '@sluice/messaging';
import type { EntityManager } from '@sluice/persistence';
import type { AcceptedFacts } from '../../app/ports.ts';
import { recordAccepted } from '../../app/record-accepted.ts';
import { recordAcceptedChunk } from '../db/chunk-signals.ts';
import { dispatchTx } from '../db/dispatch-tx.ts';

/**
 * payouts.accepted.v1 → the instruction facts (sent only once compliance approved as well). A chunk's facts are
 * recorded together by `prepare`; the runner's one-event fallback records them one by one.
 */
export function payoutsAcceptedV1(deps: { outbox: Outbox }): EventHandler<PayoutAcceptedV1> {
  const prepared = new WeakSet<EntityManager>();
  return {
    topic: 'payouts.accepted.v1',
    async prepare(events, { em }) {
      await recordAcceptedChunk(em, events.map(acceptedFactsOf));
      prepared.add(em);
    },
    async handle(event, { em }) {
      if (!prepared.has(em)) await recordAccepted(dispatchTx(em, deps.outbox), acceptedFactsOf(event));
    },
    finish: async ({ em }) => void prepared.delete(em),
  };
}

const acceptedFactsOf = (event: PayoutAcceptedV1): AcceptedFacts => ({
  payoutId: event.payout_id,
  correlationId: event.correlation_id,
  eventId: event.event_id,
  platformId: event.platform_id,
  destinationType: event.destination_type,
  destinationId: event.destination_id,
  network: event.network,
  destinationAddress: event.destination_address,
  amountMinor: event.amount_minor,
  currency: event.currency,
  corridor: event.corridor,
  programId: event.program_id,
  market: event.market,
  metadata: event.metadata,
});
