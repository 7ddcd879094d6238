import type { PayoutAcceptedV1 } from '@sluice/contracts';
import type { EventHandler, Outbox } from '@sluice/messaging';
import type { ComplianceDeps } from '../../app/ports.ts';
import { screenPayout } from '../../app/screen-payout.ts';
import { finishScreeningChunk, prepareScreeningChunk, screeningChunkOf } from '../db/chunk-stores.ts';
import { complianceTx } from '../db/transactions.ts';
import type { ComplianceMetrics } from '../metrics.ts';

/**
 * Every accepted payout is screened once, in the runner's transaction (with the inbox row and the outbox event). A
 * chunk of events reads what it needs up front and writes once per table at the end (adapters/db/chunk-stores.ts);
 * the runner's one-event fallback screens through the plain stores.
 */
export function payoutsAcceptedV1(deps: {
  outbox: Outbox;
  compliance: ComplianceDeps;
  metrics: ComplianceMetrics;
}): EventHandler<PayoutAcceptedV1> {
  return {
    topic: 'payouts.accepted.v1',
    prepare: (events, { em }) => prepareScreeningChunk(em, deps.outbox, deps.compliance, events),
    async handle(event, { em, logger }) {
      const tx = screeningChunkOf(em) ?? complianceTx(em, deps.outbox);
      const outcome = await screenPayout(tx, deps.compliance, event);
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
    finish: ({ em }) => finishScreeningChunk(em),
  };
}
