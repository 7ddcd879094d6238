/** Delivery retry policy: exponential from `baseMs`, capped at `maxMs`, at most `maxAttempts` tries in all. */
export interface BackoffPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
  readonly maxAttempts: number;
}

/**
 * Wait before the next try after `attempts` failed ones (1 → base, 2 → 2×base, …). No jitter: the sandbox must be
 * reproducible for a seed, and it has one receiver, not a fleet to de-synchronise.
 */
export function retryDelayMs(attempts: number, policy: BackoffPolicy): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 30));
  return Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
}

/** True when no further try is allowed after `attempts` tries. */
export const exhausted = (attempts: number, policy: BackoffPolicy): boolean => attempts >= policy.maxAttempts;
