/**
 * Why a callback was refused before anything else happened. Every code is answered with 401 except
 * `provider_unknown` (404), `payload_invalid` (422) and `body_too_large` (413); the router owns that mapping.
 */
export const REJECTION_CODES = [
  'provider_unknown',
  'signature_missing',
  'signature_malformed',
  'signature_invalid',
  'timestamp_stale',
  'timestamp_in_future',
  'payload_invalid',
  'body_too_large',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

/**
 * The verdict recorded on the archive (and, for `valid`, on the event): finer than the rejection code so an operator
 * can tell a forgery (`invalid`) from a replay of a real callback (`expired`) or a retired key (`key_inactive`).
 */
export type Verdict = 'valid' | 'missing' | 'malformed' | 'invalid' | 'expired' | 'key_inactive' | 'unknown_key';

/** A signature check that failed: the code answered, the verdict recorded, and the key involved when one was. */
export interface Refusal {
  readonly ok: false;
  readonly code: RejectionCode;
  readonly verdict: Verdict;
  readonly keyId: string | null;
  /** Safe to return to the sender: says what was wrong, never what a valid signature would be. */
  readonly detail: string;
}

/** A signature check that passed. */
export interface Acceptance {
  readonly ok: true;
  readonly keyId: string;
  /** The timestamp the signature covers (unix seconds); null for schemes that sign none. */
  readonly signedAtS: number | null;
  /** The event id when the scheme signs it in a header (Standard Webhooks' `webhook-id`); else null. */
  readonly signedEventId: string | null;
}

export type SchemeVerdict = Acceptance | Refusal;

export const refuse = (
  code: RejectionCode,
  verdict: Verdict,
  detail: string,
  keyId: string | null = null,
): Refusal => ({
  ok: false,
  code,
  verdict,
  keyId,
  detail,
});
