import type { PayoutRequestedV1 } from '@sluice/contracts';
import type { EventHandler } from '@sluice/messaging';
import { acceptUpstreamRequest } from '../../app/accept-upstream-request.ts';
import type { DestinationFactsCache } from '../../app/destination-facts.ts';
import type { Clock, IntakeSettings } from '../../app/ports.ts';
import { intakeTx, type OutboxWriter } from '../db/transactions.ts';

/** Upstream payout requests: accepted or rejected in the runner's transaction (with the inbox row). */
export function payoutsRequestedV1(deps: {
  writer: OutboxWriter;
  settings: IntakeSettings;
  clock: Clock;
  destinations: DestinationFactsCache;
}): EventHandler<PayoutRequestedV1> {
  return {
    topic: 'payouts.requested.v1',
    async handle(event, { em, logger }) {
      const outcome = await acceptUpstreamRequest(intakeTx(em, deps.writer), deps, event);
      if (outcome.kind === 'rejected') {
        logger.info(
          { request_id: event.request_id, reasons: outcome.reasons.map((r) => r.code) },
          'upstream request rejected',
        );
      } else if (outcome.kind === 'duplicate') {
        logger.info({ request_id: event.request_id, payout_id: outcome.payoutId }, 'upstream request already accepted');
      }
    },
  };
}
