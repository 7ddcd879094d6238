import { type FieldIssue, issue } from './field-issue.ts';

/** What was stored under (platform, key) when the first request with that key created a payout. */
export interface StoredResponse {
  readonly requestHash: string;
  readonly payoutId: string;
  readonly responseStatus: number;
  /** The exact bytes of the first response body, so a replay is byte-identical. */
  readonly responseBody: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

/** The answer to a request whose key is already stored. */
export type KeyOutcome =
  | { readonly kind: 'replay'; readonly status: number; readonly body: string; readonly payoutId: string }
  | { readonly kind: 'reused'; readonly code: 'idempotency_key_reused'; readonly payoutId: string }
  | { readonly kind: 'expired' };

export const IDEMPOTENCY_KEY_MAX_CHARS = 255;
/** Keys are kept at least this long; a platform retrying within a day must always get the same payout. */
export const MIN_KEY_TTL_HOURS = 24;
// Printable ASCII without spaces: keys travel in headers and Kafka keys, where anything else gets mangled.
const KEY_CHARS = /^[\x21-\x7e]+$/;

/** Checks an `Idempotency-Key` header or a topic `request_id`. */
export function validateIdempotencyKey(key: unknown, path = 'Idempotency-Key'): FieldIssue | undefined {
  if (typeof key !== 'string' || key.length === 0) {
    return issue(path, 'idempotency_key_missing', `${path} is required: one key per payout, reused on every retry`);
  }
  if (key.length > IDEMPOTENCY_KEY_MAX_CHARS || !KEY_CHARS.test(key)) {
    return issue(
      path,
      'idempotency_key_invalid',
      `${path} must be 1 to ${IDEMPOTENCY_KEY_MAX_CHARS} printable ASCII characters without spaces`,
    );
  }
  return undefined;
}

/**
 * Same key + same canonical body → the original response, replayed; same key + another body → refused, because
 * the platform is reusing a key for a different payout (paying the first one twice or the second one never are
 * both worse than an error). An expired key is treated as unused.
 */
export function outcomeForStoredKey(stored: StoredResponse, requestHash: string, now: Date): KeyOutcome {
  if (stored.expiresAt.getTime() <= now.getTime()) return { kind: 'expired' };
  if (stored.requestHash !== requestHash) {
    return { kind: 'reused', code: 'idempotency_key_reused', payoutId: stored.payoutId };
  }
  return { kind: 'replay', status: stored.responseStatus, body: stored.responseBody, payoutId: stored.payoutId };
}

/** When a key stored now stops protecting against duplicates. */
export function keyExpiry(now: Date, ttlHours: number): Date {
  if (!(ttlHours >= MIN_KEY_TTL_HOURS))
    throw new RangeError(`idempotency keys must live at least ${MIN_KEY_TTL_HOURS} h`);
  return new Date(now.getTime() + ttlHours * 3_600_000);
}
