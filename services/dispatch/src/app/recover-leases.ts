import { changeStatus } from './change-status.ts';
import type { DispatchDeps } from './deps.ts';
import { traceOf } from './events.ts';
import { after } from './settings.ts';

/**
 * A `sending` lease that expired means the process died mid-call (or could not record the answer): the request may
 * have reached the provider, so the payout is `unknown` and only the provider's record resolves it.
 */
export function recoverExpiredLeases(deps: DispatchDeps): Promise<number> {
  return deps.transactions.run(async (tx) => {
    const now = deps.clock.now();
    const expired = await tx.payouts.claimExpiredLeases(deps.settings.batchSize, now);
    for (const payout of expired) {
      const write = {
        status: 'unknown' as const,
        reason: 'submit_interrupted',
        at: now,
        nextActionAt: after(now, deps.settings.pollAfterMs),
      };
      await changeStatus(tx, payout, write, { source: 'submit', trace: traceOf(payout), telemetry: deps.telemetry });
      deps.logger.warn({ payout_id: payout.payoutId, attempt: payout.attempt }, 'submit lease expired: payout unknown');
    }
    return expired.length;
  });
}
