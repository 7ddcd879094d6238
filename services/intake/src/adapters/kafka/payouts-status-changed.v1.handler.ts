import type { PayoutStatusChangedV1 } from '@sluice/contracts';
import type { EventHandler } from '@sluice/messaging';
import { applyStatusChange } from '../../app/apply-status-change.ts';
import { chunkIntakeTx, finishPayoutChunk, preparePayoutChunk } from '../db/chunk-payouts.ts';
import type { OutboxWriter } from '../db/transactions.ts';
import { logIgnored } from './log-ignored.ts';

/** Dispatch's lifecycle transitions keep the payout view current (a chunk's payouts locked and its history written at once). */
export function payoutsStatusChangedV1(deps: { writer: OutboxWriter }): EventHandler<PayoutStatusChangedV1> {
  return {
    topic: 'payouts.status-changed.v1',
    prepare: (events, { em }) =>
      preparePayoutChunk(
        em,
        events.map((event) => event.payout_id),
      ),
    async handle(event, { em, logger }) {
      logIgnored(logger, event.to_status, await applyStatusChange(chunkIntakeTx(em, deps.writer), event));
    },
    finish: ({ em }) => finishPayoutChunk(em),
  };
}
