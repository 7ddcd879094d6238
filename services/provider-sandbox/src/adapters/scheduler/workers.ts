import type { Logger } from '@sluice/service-kit';
import { advanceDuePayouts } from '../../app/advance-lifecycle.ts';
import { deliverDueCallbacks } from '../../app/deliver-callbacks.ts';
import type { Clock, Transactions } from '../../app/ports.ts';
import type { SandboxSwitches } from '../../app/switches.ts';
import type { SandboxConfig } from '../../config.ts';
import type { SeededIds } from '../../domain/ids.ts';
import { fetchCallbackSender } from '../callbacks/fetch-callback.sender.ts';
import type { SandboxMetrics } from '../metrics/sandbox-metrics.ts';
import { startPollLoop } from './poll-loop.ts';

export interface WorkerDeps {
  readonly config: SandboxConfig;
  readonly transactions: Transactions;
  readonly ids: SeededIds;
  readonly switches: SandboxSwitches;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly counters: SandboxMetrics;
}

/**
 * The two background workers, both driven only by database state so a restart resumes them: the scripted
 * lifecycle (due steps) and callback delivery (due tries). Resolves `stop()` once both current ticks are done.
 */
export function startWorkers(deps: WorkerDeps): { stop(): Promise<void> } {
  const { config, transactions, ids, switches, clock, logger, counters } = deps;
  const lifecycle = startPollLoop(
    'lifecycle',
    config.SANDBOX_POLL_INTERVAL_MS,
    () =>
      advanceDuePayouts({
        transactions,
        ids,
        switches,
        clock,
        logger,
        onStep: (p) => counters.lifecycleSteps.inc({ status: p.status, scenario: p.plan.scenario }),
      }),
    logger,
  );
  const sender = fetchCallbackSender();
  const policy = {
    baseMs: config.SANDBOX_CALLBACK_BACKOFF_MS,
    maxMs: config.SANDBOX_CALLBACK_MAX_BACKOFF_MS,
    maxAttempts: config.SANDBOX_CALLBACK_MAX_ATTEMPTS,
  };
  const deliveries = startPollLoop(
    'callbacks',
    config.SANDBOX_POLL_INTERVAL_MS,
    () =>
      deliverDueCallbacks({
        transactions,
        sender,
        switches,
        clock,
        logger,
        policy,
        timeoutMs: config.SANDBOX_CALLBACK_TIMEOUT_MS,
        onResult: (result) => counters.callbackTries.inc({ result: result.kind }),
      }),
    logger,
  );
  return {
    async stop() {
      await Promise.all([lifecycle.stop(), deliveries.stop()]);
    },
  };
}
