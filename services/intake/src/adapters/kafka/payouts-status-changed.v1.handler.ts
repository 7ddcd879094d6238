import type { PayoutStatusChangedV1 } from '@sluice/contracts';
import type { EventHandler } from '@sluice/messaging';
import { applyStatusChange } from '../../app/apply-status-change.ts';
import { intakeTx, type OutboxWriter } from '../db/transactions.ts';
import { logIgnored } from './log-ignored.ts';

/** Dispatch's lifecycle transitions keep the payout view current. */
export function payoutsStatusChangedV1(deps: { writer: OutboxWriter }): EventHandler<PayoutStatusChangedV1> {
  return {
    topic: 'payouts.status-changed.v1',
    async handle(event, { em, logger }) {
      logIgnored(logger, event.to_status, await applyStatusChange(intakeTx(em, deps.writer), event));
    },
  };
}
