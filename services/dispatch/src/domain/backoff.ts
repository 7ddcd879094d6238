/** Bounds of an exponential schedule: first delay, ceiling. */
export interface BackoffPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
}

/**
 * Delay before try number `count + 1`: base · 2^count, capped. Deterministic on purpose: polls are already spread by
 * when each payout entered its status, and tests can predict the schedule.
 */
export function backoffMs(count: number, policy: BackoffPolicy): number {
  const exponent = Math.min(Math.max(count, 0), 30);
  return Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
}
