import type { PayoutStatusChangedV1 } from '@sluice/contracts';
import { type EventHandler, NonRetryableError } from '@sluice/messaging';
import { InvalidEntryError } from '../../app/post-entry.ts';
import { postStatusChange, type StatusPostingDeps } from '../../app/post-status-change.ts';
import type { LifecycleEvent } from '../../domain/lifecycle-event.ts';
import { STATUS_CHANGED } from '../../topics.ts';
import { chunkLedgerTx, finishPayoutPostings, preparePayoutPostings } from '../db/chunk-postings.ts';
import type { LedgerMetrics } from '../metrics.ts';
import { emitPublisher } from './entry-publisher.ts';

export interface StatusChangedHandlerDeps {
  readonly posting: StatusPostingDeps;
  readonly metrics: LedgerMetrics;
}

export const toLifecycleEvent = (event: PayoutStatusChangedV1): LifecycleEvent => ({
  eventId: event.event_id,
  correlationId: event.correlation_id,
  payoutId: event.payout_id,
  fromStatus: event.from_status,
  toStatus: event.to_status,
  amountMinor: event.amount_minor,
  settledAmountMinor: event.settled_amount_minor,
  feeAmountMinor: event.fee_amount_minor,
  currency: event.currency,
  provider: event.provider,
  providerReference: event.provider_reference,
  programId: event.program_id,
  shadow: event.shadow,
  conflict: event.conflict !== null,
  occurredAtMs: event.occurred_at,
});

/** Dispatch's lifecycle transitions drive the posting rules; the runner makes a redelivered event a no-op. */
export function payoutsStatusChangedV1(deps: StatusChangedHandlerDeps): EventHandler<PayoutStatusChangedV1> {
  return {
    topic: STATUS_CHANGED,
    // One read for the histories of the chunk's payouts instead of one per event (see chunk-postings.ts).
    async prepare(events, { em }) {
      await preparePayoutPostings(
        em,
        events.map((event) => event.payout_id),
      );
    },
    // The chunk's entries, buffered by its journal, are written in one statement.
    finish: ({ em }) => finishPayoutPostings(em),
    async handle(event, { em, emit, logger }) {
      const tx = chunkLedgerTx(em, emitPublisher(emit));
      const outcome = await postStatusChange(deps.posting, tx, toLifecycleEvent(event)).catch((error: unknown) => {
        // A rule that produced an unbalanced entry will produce it again on every retry: park it in the DLQ.
        if (error instanceof InvalidEntryError) throw new NonRetryableError(error.code, error.message);
        throw error;
      });
      switch (outcome.kind) {
        case 'posted':
          deps.metrics.entriesPosted.inc({ entry_type: outcome.entry.entryType });
          logger.info(
            { entry_id: outcome.entry.id, entry_type: outcome.entry.entryType, to_status: event.to_status },
            'entry posted',
          );
          return;
        case 'duplicate':
          return;
        case 'skipped':
          deps.metrics.postingsSkipped.inc({ reason: outcome.reason });
          logger.debug({ to_status: event.to_status, reason: outcome.reason }, 'status change posts nothing');
          return;
        case 'invalid':
          throw new NonRetryableError('event_unpostable', outcome.reason);
      }
    },
  };
}
