import type { RequestHandler } from 'express';
import { ProblemError } from './problem.ts';

export interface RateLimitOptions {
  /** Sustained requests per second allowed for one key. */
  readonly ratePerSecond: number;
  /** Short bursts above the rate that are still accepted. */
  readonly burst: number;
  /** Which bucket a request draws from (an API key id, a source address …). */
  readonly keyOf: (req: Parameters<RequestHandler>[0], res: Parameters<RequestHandler>[1]) => string;
  /** Upper bound on tracked keys so a flood of distinct keys cannot grow memory without limit. */
  readonly maxKeys?: number;
  readonly now?: () => number;
}

interface Bucket {
  tokens: number;
  updatedAtMs: number;
}

/**
 * Token-bucket limiter in process memory: 429 with `Retry-After` once a key's bucket is empty. Per instance, which
 * is enough to protect one process; a fleet-wide quota would need a shared store.
 */
export function rateLimit(options: RateLimitOptions): RequestHandler {
  const buckets = new Map<string, Bucket>();
  const maxKeys = options.maxKeys ?? 100_000;
  const now = options.now ?? Date.now;
  return (req, res, next) => {
    const key = options.keyOf(req, res);
    const nowMs = now();
    let bucket = buckets.get(key);
    if (!bucket) {
      if (buckets.size >= maxKeys) buckets.delete(buckets.keys().next().value as string);
      bucket = { tokens: options.burst, updatedAtMs: nowMs };
      buckets.set(key, bucket);
    }
    const elapsedSeconds = (nowMs - bucket.updatedAtMs) / 1000;
    bucket.tokens = Math.min(options.burst, bucket.tokens + elapsedSeconds * options.ratePerSecond);
    bucket.updatedAtMs = nowMs;
    if (bucket.tokens < 1) {
      const retryAfterSeconds = Math.max(1, Math.ceil((1 - bucket.tokens) / options.ratePerSecond));
      next(
        new ProblemError({
          status: 429,
          code: 'rate_limited',
          title: 'Too many requests',
          detail: `rate limit of ${options.ratePerSecond}/s exceeded`,
          headers: { 'Retry-After': String(retryAfterSeconds) },
        }),
      );
      return;
    }
    bucket.tokens -= 1;
    next();
  };
}
