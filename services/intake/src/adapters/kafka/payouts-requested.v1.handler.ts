import type { PayoutRequestedV1 } from '@sluice/contracts';
import type { EventHandler } from '@sluice/messaging';
import type { EntityManager } from '@sluice/persistence';
import { acceptUpstreamChunk } from '../../app/accept-upstream-chunk.ts';
import { acceptUpstreamRequest, type UpstreamOutcome } from '../../app/accept-upstream-request.ts';
import type { DestinationFactsCache } from '../../app/destination-facts.ts';
import type { Clock, IntakeSettings } from '../../app/ports.ts';
import { admissionChunkStore } from '../db/admission-chunk.store.ts';
import { intakeTx, type OutboxWriter } from '../db/transactions.ts';

/**
 * Upstream payout requests: accepted or rejected in the runner's transaction (with the inbox row). `prepare` admits
 * the whole chunk in a few set-based statements; `handle` reports each outcome, and takes alone what the chunk left
 * out (a key repeated within it) or what the runner's one-event fallback hands it.
 */
export function payoutsRequestedV1(deps: {
  writer: OutboxWriter;
  settings: IntakeSettings;
  clock: Clock;
  destinations: DestinationFactsCache;
}): EventHandler<PayoutRequestedV1> {
  const decided = new WeakMap<EntityManager, Map<string, UpstreamOutcome>>();
  return {
    topic: 'payouts.requested.v1',
    async prepare(events, { em }) {
      const tx = intakeTx(em, deps.writer);
      decided.set(em, await acceptUpstreamChunk(tx, admissionChunkStore(em, deps.writer.outbox), deps, events));
    },
    async handle(event, { em, logger }) {
      const outcome =
        decided.get(em)?.get(event.event_id) ?? (await acceptUpstreamRequest(intakeTx(em, deps.writer), deps, event));
      if (outcome.kind === 'rejected') {
        logger.info(
          { request_id: event.request_id, reasons: outcome.reasons.map((r) => r.code) },
          'upstream request rejected',
        );
      } else if (outcome.kind === 'duplicate') {
        logger.info({ request_id: event.request_id, payout_id: outcome.payoutId }, 'upstream request already accepted');
      }
    },
    finish: async ({ em }) => void decided.delete(em),
  };
}
