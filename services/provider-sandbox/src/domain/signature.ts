import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header names of a signed callback (HTTP header names are case-insensitive; these are the documented forms). */
export const SIGNATURE_HEADER = 'X-PAY-SIGNATURE';
export const TIMESTAMP_HEADER = 'X-PAY-TIMESTAMP';
export const EVENT_ID_HEADER = 'X-PAY-EVENT-ID';

/**
 * The callback signature: lowercase hex HMAC-SHA256 over `{timestamp}.{raw body}` with the callback secret.
 * The timestamp is inside the MAC so a captured callback cannot be replayed later under a fresh timestamp.
 */
export function signCallback(secret: string, timestampS: number, rawBody: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestampS}.`).update(rawBody).digest('hex');
}

/** Why a callback signature was refused; `ok` when it was accepted. */
export type SignatureVerdict = 'ok' | 'malformed' | 'stale' | 'mismatch';

export interface VerifyOptions {
  readonly nowS: number;
  /** Largest accepted distance between the timestamp and now, both ways. */
  readonly toleranceS: number;
}

const HEX_SHA256 = /^[0-9a-f]{64}$/;
const UNIX_SECONDS = /^[0-9]{1,12}$/;

/**
 * Verifies a callback the way a receiver should: over the raw bytes, with a constant-time compare, refusing stale
 * timestamps. Used by the sandbox's own tests and documented for receivers.
 */
export function verifyCallback(
  secret: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  rawBody: string | Buffer,
  options: VerifyOptions,
): SignatureVerdict {
  const { signature, timestamp } = headers;
  if (!signature || !timestamp || !HEX_SHA256.test(signature) || !UNIX_SECONDS.test(timestamp)) return 'malformed';
  const timestampS = Number(timestamp);
  if (Math.abs(options.nowS - timestampS) > options.toleranceS) return 'stale';
  const expected = Buffer.from(signCallback(secret, timestampS, rawBody), 'hex');
  return timingSafeEqual(expected, Buffer.from(signature, 'hex')) ? 'ok' : 'mismatch';
}
