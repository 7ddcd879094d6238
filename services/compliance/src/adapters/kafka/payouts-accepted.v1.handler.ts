import type { PayoutAcceptedV1 } from '@sluice/contracts';
import type { EventHandler, Outbox } from '@sluice/messaging';
import type { ComplianceDeps } from '../../app/ports.ts';
import { screenPayout } from '../../app/screen-payout.ts';
import { complianceTx } from '../db/transactions.ts';
import type { ComplianceMetrics } from '../metrics.ts';

/** Every accepted payout is screened once, in the runner's transaction (with the inbox row and the outbox event). */
export function payoutsAcceptedV1(deps: {
  outbox: Outbox;
  compliance: ComplianceDeps;
  metrics: ComplianceMetrics;
}): EventHandler<PayoutAcceptedV1> {
  return {
    topic: 'payouts.accepted.v1',
    async handle(event, { em, logger }) {
      const outcome = await screenPayout(complianceTx(em, deps.outbox), deps.compliance, event);
      if (outcome.kind === 'duplicate') {
        logger.info({ event_id: event.event_id }, 'payout already screened; accepted event ignored');
        return;
      }
      deps.metrics.decisions.inc({ decision: outcome.decision, market: event.market, mode: outcome.mode });
      for (const check of outcome.checks) {
        deps.metrics.gateResults.inc({ gate: check.gate, result: check.result, code: check.code ?? 'none' });
      }
      logger.info(
        { decision: outcome.decision, mode: outcome.mode, codes: outcome.codes, hold_id: outcome.hold?.id ?? null },
        'compliance decided',
      );
    },
  };
}
