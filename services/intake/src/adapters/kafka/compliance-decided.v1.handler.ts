import type { ComplianceDecidedV1 } from '@sluice/contracts';
import type { EventHandler, Outbox } from '@sluice/messaging';
import { applyComplianceDecision } from '../../app/apply-compliance-decision.ts';
import { intakeTx } from '../db/transactions.ts';
import { logIgnored } from './log-ignored.ts';

/** Compliance decisions keep the payout view current. */
export function complianceDecidedV1(deps: { outbox: Outbox }): EventHandler<ComplianceDecidedV1> {
  return {
    topic: 'compliance.decided.v1',
    async handle(event, { em, logger }) {
      logIgnored(logger, event.decision, await applyComplianceDecision(intakeTx(em, deps.outbox), event));
    },
  };
}
