import type { ComplianceDecidedV1 } from '@sluice/contracts';
import type { EventHandler, Outbox } from '@sluice/messaging';
import { applyDecision } from '../../app/apply-decision.ts';
import type { DispatchDeps } from '../../app/deps.ts';
import { dispatchTx } from '../db/transactions.ts';

/** compliance.decided.v1 → approved / released make dispatch the owner; held / denied are recorded. */
export function complianceDecidedV1(
  deps: { outbox: Outbox } & Pick<DispatchDeps, 'router' | 'clock' | 'telemetry'>,
): EventHandler<ComplianceDecidedV1> {
  return {
    topic: 'compliance.decided.v1',
    async handle(event, { em, logger }) {
      const outcome = await applyDecision(
        dispatchTx(em, deps.outbox),
        {
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
        },
        { ...deps, logger },
      );
      logger.debug({ decision: event.decision, mode: event.mode, outcome }, 'compliance decision applied');
    },
  };
}
