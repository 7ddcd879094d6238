import type { Logger } from '@sluice/service-kit';
import { applyNextStep, type LedgerMove } from '../domain/lifecycle.ts';
import type { Payout } from '../domain/payout.ts';
import type { Clock, Stores, Transactions } from './ports.ts';
import { type EventDeps, recordStatusEvent } from './record-event.ts';

export interface AdvanceDeps extends EventDeps {
  readonly transactions: Transactions;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Called once per applied step (metrics). */
  readonly onStep?: (payout: Payout) => void;
}

/** Bounds one scheduler tick so a backlog after a long stop cannot starve the delivery worker of the pool. */
const MAX_STEPS_PER_TICK = 1_000;
/** Steps applied per transaction: one commit and one balance update per currency for all of them. */
const STEPS_PER_TRANSACTION = 100;

/**
 * Applies every scripted step that is due, in transactions of up to STEPS_PER_TRANSACTION payouts locked skip-locked
 * (several sandbox processes on one database share the work without applying a step twice). The balance moves of a
 * transaction are written together at its end, so the hot balance row is locked for one statement, not for the whole
 * batch. Returns the count.
 */
export async function advanceDuePayouts(deps: AdvanceDeps): Promise<number> {
  let applied = 0;
  while (applied < MAX_STEPS_PER_TICK) {
    const stepped = await deps.transactions.run(async (stores) => {
      const now = deps.clock.now();
      const due = await stores.payouts.claimDue(now, STEPS_PER_TRANSACTION);
      const moves: Parameters<typeof stores.ledger.moveMany>[0][number][] = [];
      const done: Payout[] = [];
      for (const payout of due) {
        const next = await applyStep(stores, deps, payout, now);
        if (next.move)
          moves.push({ currency: next.payout.currency, move: next.move, payoutId: next.payout.id, at: now });
        done.push(next.payout);
      }
      await stores.ledger.moveMany(moves);
      return done;
    });
    for (const payout of stepped) deps.onStep?.(payout);
    if (stepped.length === 0) return applied;
    applied += stepped.length;
  }
  return applied;
}

async function applyStep(
  stores: Stores,
  deps: AdvanceDeps,
  payout: Payout,
  now: Date,
): Promise<{ payout: Payout; move: LedgerMove | null }> {
  const result = applyNextStep(payout, now);
  if (!result.ok) {
    // A plan that cannot go on is parked (nextStepAt cleared) instead of being retried on every tick.
    deps.logger.error({ payout_id: payout.id, reason: result.reason }, 'scripted step refused; payout parked');
    const parked = { ...payout, nextStepAt: null, updatedAt: now };
    await stores.payouts.update(parked);
    return { payout: parked, move: null };
  }
  const { move, ...state } = result.outcome;
  const next: Payout = { ...payout, ...state, updatedAt: now };
  await stores.payouts.update(next);
  await stores.payouts.recordTransition(next.id, next.status, now);
  await recordStatusEvent(stores, next, deps, now);
  return { payout: next, move };
}
