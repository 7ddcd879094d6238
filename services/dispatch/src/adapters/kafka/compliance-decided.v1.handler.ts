import type { ComplianceDecidedV1 } from '@sluice/contracts';
import type { EventHandler, Outbox } from '@sluice/messaging';
import { applyDecision } from '../../app/apply-decision.ts';
import type { DispatchDeps } from '../../app/deps.ts';
import type { DecisionFacts } from '../../app/ports.ts';
import { chunkDispatchTx, finishChunk, prepareDecisionChunk } from '../db/chunk-signals.ts';

/**
 * compliance.decided.v1 → approved / released make dispatch the owner; held / denied are recorded. A chunk's decisions
 * are recorded and its payouts locked by one statement in `prepare`.
 */
export function complianceDecidedV1(
  deps: { outbox: Outbox } & Pick<DispatchDeps, 'router' | 'clock' | 'telemetry'>,
): EventHandler<ComplianceDecidedV1> {
  return {
    topic: 'compliance.decided.v1',
    prepare: (events, { em }) => prepareDecisionChunk(em, events.map(decisionFactsOf)),
    async handle(event, { em, logger }) {
      const outcome = await applyDecision(chunkDispatchTx(em, deps.outbox), decisionFactsOf(event), {
        ...deps,
        logger,
      });
      logger.debug({ decision: event.decision, mode: event.mode, outcome }, 'compliance decision applied');
    },
    finish: ({ em }) => finishChunk(em),
  };
}

const decisionFactsOf = (event: ComplianceDecidedV1): DecisionFacts => ({
  payoutId: event.payout_id,
  correlationId: event.correlation_id,
  eventId: event.event_id,
  decision: event.decision,
  mode: event.mode,
  programId: event.program_id,
  market: event.market,
  corridor: event.corridor,
  amountMinor: event.amount_minor,
  currency: event.currency,
});
