/**
 * How a failed message is treated. `retryable`: try again with backoff (a database blip, a lock timeout).
 * `non_retryable`: retrying cannot help (a broken invariant in the payload); dead-letter it now.
 * `undecodable` / `invalid_envelope`: the bytes are not an event we can read; dead-letter without running a handler.
 */
export type ErrorClass = 'retryable' | 'non_retryable' | 'undecodable' | 'invalid_envelope' | 'retries_exhausted';

/** Thrown by handlers when the event can never succeed; the runner dead-letters it at once with `code` as reason. */
export class NonRetryableError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'NonRetryableError';
    this.code = code;
  }
}

/** PostgreSQL SQLSTATEs that mean "the same statement may succeed if tried again". */
const RETRYABLE_SQLSTATES = new Set(['40001', '40P01', '55P03', '57P01', '08006', '08001', '08003', '53300']);

/** Errors are retryable unless they say otherwise: losing an event to a transient fault is worse than a slow DLQ. */
export function classify(error: unknown): 'retryable' | 'non_retryable' {
  if (error instanceof NonRetryableError) return 'non_retryable';
  const sqlState = (error as { code?: unknown } | null)?.code;
  if (typeof sqlState === 'string' && /^[0-9A-Z]{5}$/.test(sqlState)) {
    // Data and constraint errors (class 22 and 23) will fail the same way every time.
    if (RETRYABLE_SQLSTATES.has(sqlState)) return 'retryable';
    if (sqlState.startsWith('22') || sqlState.startsWith('23')) return 'non_retryable';
  }
  return 'retryable';
}

export function errorMessage(error: unknown): string {
  if (error instanceof NonRetryableError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
