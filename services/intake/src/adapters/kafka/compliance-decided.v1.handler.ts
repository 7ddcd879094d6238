import type { ComplianceDecidedV1 } from '@sluice/contracts';
import type { EventHandler } from '@sluice/messaging';
import { applyComplianceDecision } from '../../app/apply-compliance-decision.ts';
import { chunkIntakeTx, finishPayoutChunk, preparePayoutChunk } from '../db/chunk-payouts.ts';
import type { OutboxWriter } from '../db/transactions.ts';
import { logIgnored } from './log-ignored.ts';

/** Compliance decisions keep the payout view current (a chunk's payouts locked and its history written at once). */
export function complianceDecidedV1(deps: { writer: OutboxWriter }): EventHandler<ComplianceDecidedV1> {
  return {
    topic: 'compliance.decided.v1',
    prepare: (events, { em }) =>
      preparePayoutChunk(
        em,
        events.map((event) => event.payout_id),
      ),
    async handle(event, { em, logger }) {
      logIgnored(logger, event.decision, await applyComplianceDecision(chunkIntakeTx(em, deps.writer), event));
    },
    finish: ({ em }) => finishPayoutChunk(em),
  };
}
