import { setTimeout as sleep } from 'node:timers/promises';

export type WaitOutcome = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** How to wait for a condition: a limit, a polling interval, and an early stop (e.g. the process died). */
export interface WaitOptions {
  readonly timeoutMs: number;
  readonly intervalMs: number;
  /** A reason to give up before the timeout, or undefined to keep waiting. */
  readonly stopIf?: () => string | undefined;
}

/** Polls `ready` until it answers true, the timeout passes or `stopIf` gives a reason to stop. */
export async function waitFor(ready: () => Promise<boolean>, options: WaitOptions): Promise<WaitOutcome> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (await ready()) return { ok: true };
    const stop = options.stopIf?.();
    if (stop !== undefined) return { ok: false, reason: stop };
    if (Date.now() >= deadline)
      return { ok: false, reason: `not ready after ${Math.round(options.timeoutMs / 1000)} s` };
    await sleep(options.intervalMs);
  }
}

/** Runs `work`, logging `still <label> (N s)` every `everyMs` so a long first-run download does not look hung. */
export async function withHeartbeat<T>(
  work: Promise<T>,
  label: string,
  log: (line: string) => void,
  everyMs = 15_000,
): Promise<T> {
  const started = Date.now();
  const timer = setInterval(() => log(`${label} (${Math.round((Date.now() - started) / 1000)} s)`), everyMs);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}

/** Seconds since `startedMs`, one decimal, for progress lines. */
export const secondsSince = (startedMs: number) => ((performance.now() - startedMs) / 1000).toFixed(1);
