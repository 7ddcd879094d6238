import type { Logger } from '@sluice/service-kit';
import type { ApplyOutcome } from '../../app/apply-plan.ts';

/**
 * A signal for a payout intake never accepted is logged and skipped, not dead-lettered: intake's view is a
 * projection, and replaying such a message later could not apply it either. Stale signals are normal (two topics,
 * no order between them) and already recorded in the payout's history.
 */
export function logIgnored(logger: Logger, signal: string, outcome: ApplyOutcome): void {
  if (outcome.kind === 'unknown_payout') logger.warn({ signal }, 'status signal for an unknown payout skipped');
  else if (outcome.kind === 'ignored') logger.debug({ signal, reason: outcome.reason }, 'status signal not applied');
}
