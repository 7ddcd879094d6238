import type { Logger } from '@sluice/service-kit';

/** Longest pause between ticks while they keep failing. */
const MAX_ERROR_BACKOFF_MS = 5_000;

/** A background worker that can be stopped; `stop()` resolves once its current tick has finished. */
export interface PollLoop {
  stop(): Promise<void>;
}

/**
 * Runs `tick` every `intervalMs`, never two at once, and again at once when a tick did work (a backlog drains
 * without waiting an interval per batch). Errors are logged and the loop goes on, backing off while they last: a
 * database blip must not end it.
 */
export function startPollLoop(name: string, intervalMs: number, tick: () => Promise<number>, logger: Logger): PollLoop {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = run();
    }, delayMs);
  };
  let failures = 0;
  const run = async () => {
    try {
      const didWork = (await tick()) > 0;
      failures = 0;
      schedule(didWork ? 0 : intervalMs);
    } catch (error) {
      // Back off while the database is away, so an outage is a few log lines, not ten a second.
      failures += 1;
      logger.error({ err: error, loop: name, failures }, 'background tick failed');
      schedule(Math.min(MAX_ERROR_BACKOFF_MS, intervalMs * 2 ** Math.min(failures, 10)));
    }
  };
  schedule(0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
