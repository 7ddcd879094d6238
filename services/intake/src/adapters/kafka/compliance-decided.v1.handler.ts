import type { ComplianceDecidedV1 } from '@sluice/contracts';
import type { EventHandler } from '@sluice/messaging';
import { applyComplianceDecision } from '../../app/apply-compliance-decision.ts';
import { intakeTx, type OutboxWriter } from '../db/transactions.ts';
import { logIgnored } from './log-ignored.ts';

/** Compliance decisions keep the payout view current. */
export function complianceDecidedV1(deps: { writer: OutboxWriter }): EventHandler<ComplianceDecidedV1> {
  return {
    topic: 'compliance.decided.v1',
    async handle(event, { em, logger }) {
      logIgnored(logger, event.decision, await applyComplianceDecision(intakeTx(em, deps.writer), event));
    },
  };
}
