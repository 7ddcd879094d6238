import type { Logger } from '@sluice/service-kit';
import { applyNextStep } from '../domain/lifecycle.ts';
import type { Payout } from '../domain/payout.ts';
import type { Clock, Transactions } from './ports.ts';
import { type EventDeps, recordStatusEvent } from './record-event.ts';

export interface AdvanceDeps extends EventDeps {
  readonly transactions: Transactions;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Called once per applied step (metrics). */
  readonly onStep?: (payout: Payout) => void;
}

/** Bounds one scheduler tick so a backlog after a long stop cannot starve the delivery worker of the pool. */
const MAX_STEPS_PER_TICK = 200;

/**
 * Applies every scripted step that is due, each in its own transaction with the payout row locked (skip-locked, so
 * several sandbox processes on one database share the work without applying a step twice). Returns the count.
 */
export async function advanceDuePayouts(deps: AdvanceDeps): Promise<number> {
  let applied = 0;
  while (applied < MAX_STEPS_PER_TICK) {
    const stepped = await deps.transactions.run(async (stores) => {
      const now = deps.clock.now();
      const payout = await stores.payouts.claimDue(now);
      if (!payout) return null;
      const result = applyNextStep(payout, now);
      if (!result.ok) {
        // A plan that cannot go on is parked (nextStepAt cleared) instead of being retried on every tick.
        deps.logger.error({ payout_id: payout.id, reason: result.reason }, 'scripted step refused; payout parked');
        await stores.payouts.update({ ...payout, nextStepAt: null, updatedAt: now });
        return payout;
      }
      const { move, ...state } = result.outcome;
      const next: Payout = { ...payout, ...state, updatedAt: now };
      await stores.payouts.update(next);
      if (move) await stores.ledger.move(next.currency, move, next.id, now);
      await stores.payouts.recordTransition(next.id, next.status, now);
      await recordStatusEvent(stores, next, deps, now);
      deps.onStep?.(next);
      return next;
    });
    if (!stepped) return applied;
    applied += 1;
  }
  return applied;
}
