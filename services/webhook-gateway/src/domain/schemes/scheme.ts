import { timingSafeEqual } from 'node:crypto';
import { isActiveAt, type SigningKey } from '../signing-key.ts';
import { outsideWindow, type TimestampPolicy } from '../timestamp-window.ts';
import { refuse, type SchemeVerdict } from '../verdict.ts';

/** Every signature scheme the gateway knows; a provider is configured with exactly one. */
export const SCHEME_NAMES = ['x-pay', 'standard-webhooks', 'stripe', 'hmac-body', 'token'] as const;
export type SchemeName = (typeof SCHEME_NAMES)[number];

/** The raw request as a scheme sees it: lower-case header lookup and the body bytes exactly as received. */
export interface SignedRequest {
  /** The single value of a header; undefined when absent. A repeated header is given joined by `, `. */
  header(name: string): string | undefined;
  readonly body: Buffer;
}

/** What a scheme needs besides the request: the provider's keys and the receiver's clock and tolerance. */
export interface VerifyContext {
  readonly keys: readonly SigningKey[];
  readonly now: Date;
  readonly policy: TimestampPolicy;
}

/** One way of authenticating callbacks (the plugin port: `verify` before anything parses the body). */
export interface SignatureScheme {
  readonly name: SchemeName;
  /** False: a captured callback can be replayed at any time; only dedupe and a confirming poll protect us. */
  readonly signsTimestamp: boolean;
  /** False: the body is not covered; anyone who saw one request can send any body. */
  readonly signsBody: boolean;
  /** Headers whose values are credentials: never archived, never logged. */
  readonly secretHeaders: readonly string[];
  /** Headers that carry the signature material (recorded as evidence; they are MACs, not secrets). */
  readonly signatureHeaders: readonly string[];
  verify(request: SignedRequest, context: VerifyContext): SchemeVerdict;
}

/** True when callbacks verified by `scheme` must be confirmed with the provider before they change a payout. */
export const isWeak = (scheme: SignatureScheme): boolean => !scheme.signsTimestamp || !scheme.signsBody;

/** Constant-time equality; a length difference is not secret (every valid MAC has the same length). */
export function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export type KeyMatch =
  | { readonly kind: 'active'; readonly keyId: string }
  | { readonly kind: 'inactive'; readonly keyId: string }
  | { readonly kind: 'none' };

/**
 * Finds the key whose expected MAC equals one of the presented ones. Every key is computed and compared (no early
 * exit on the first miss), and an active key wins over a retired one that also matches.
 */
export function matchKey(
  presented: readonly Buffer[],
  context: VerifyContext,
  expectedFor: (key: SigningKey) => Buffer,
): KeyMatch {
  let inactive: string | undefined;
  for (const key of context.keys) {
    const expected = expectedFor(key);
    const hit = presented.some((candidate) => sameBytes(candidate, expected));
    if (!hit) continue;
    if (isActiveAt(key, context.now)) return { kind: 'active', keyId: key.keyId };
    inactive ??= key.keyId;
  }
  return inactive ? { kind: 'inactive', keyId: inactive } : { kind: 'none' };
}

/**
 * Turns a key match into a verdict: only an active key accepts, and then only inside the timestamp window. The
 * signature is judged first, so a timestamp refusal means the provider really signed it (a replay or a clock off),
 * never a forgery; a retired key is named in the refusal.
 */
export function verdictOf(
  match: KeyMatch,
  context: VerifyContext,
  accepted: { signedAtS: number | null; signedEventId: string | null },
): SchemeVerdict {
  switch (match.kind) {
    case 'active': {
      const late =
        accepted.signedAtS === null
          ? undefined
          : outsideWindow(accepted.signedAtS, context.now.getTime(), context.policy);
      return late ? { ...late, keyId: match.keyId } : { ok: true, keyId: match.keyId, ...accepted };
    }
    case 'inactive':
      return refuse('signature_invalid', 'key_inactive', 'signature made with a key that is not active', match.keyId);
    case 'none':
      return context.keys.length === 0
        ? refuse('signature_invalid', 'unknown_key', 'no signing key is configured for this provider')
        : refuse('signature_invalid', 'invalid', 'signature does not match');
  }
}
