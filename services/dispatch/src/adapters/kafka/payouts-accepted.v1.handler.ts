import type { PayoutAcceptedV1 } from '@sluice/contracts';
import type { EventHandler, Outbox } from '@sluice/messaging';
import { recordAccepted } from '../../app/record-accepted.ts';
import { dispatchTx } from '../db/transactions.ts';

/** payouts.accepted.v1 → the instruction facts (sent only once compliance approved as well). */
export function payoutsAcceptedV1(deps: { outbox: Outbox }): EventHandler<PayoutAcceptedV1> {
  return {
    topic: 'payouts.accepted.v1',
    async handle(event, { em }) {
      await recordAccepted(dispatchTx(em, deps.outbox), {
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
    },
  };
}
