/**
 * What a provider call's outcome means for the payout (the `error_class` of dispatch.attempted.v1):
 * - `none`: the provider answered with its record of the payout;
 * - `retryable`: provably not accepted (rate limited, breaker open, never connected): send the same request later;
 * - `permanent`: refused for good (400-class): the payout fails with the provider's error kept;
 * - `funding`: insufficient funds: `funding_hold`, re-sent under the same key once the balance allows;
 * - `auth`: our credentials are refused: stop sending to this provider and alert a human;
 * - `unknown`: the request may have been acted on (timeout, 5xx, connection lost mid-call): only the provider's
 *   record resolves it, never a send under a new key.
 */
export type FailureClass = 'none' | 'retryable' | 'permanent' | 'funding' | 'auth' | 'unknown';

/** How a call ended at the transport level, before any HTTP status. */
export type TransportOutcome =
  | { readonly kind: 'response'; readonly httpStatus: number; readonly errorCode: string | null }
  | { readonly kind: 'timeout' }
  /** The connection failed before the request could be written (ECONNREFUSED, DNS): nothing reached the provider. */
  | { readonly kind: 'not_connected' }
  /** The connection broke after the request may have been written. */
  | { readonly kind: 'connection_lost' }
  /** The circuit breaker or the provider-disabled switch refused the call locally. */
  | { readonly kind: 'not_sent' };

/**
 * Classifies a submit call. A positive mapping: every status not named here is either a 2xx or, for safety,
 * `unknown` (an unexpected answer must never be read as "not sent").
 */
export function classifySubmit(outcome: TransportOutcome): FailureClass {
  switch (outcome.kind) {
    case 'timeout':
    case 'connection_lost':
      return 'unknown';
    case 'not_connected':
    case 'not_sent':
      return 'retryable';
    case 'response':
      return classifyStatus(outcome.httpStatus, outcome.errorCode);
    default:
      return assertNever(outcome);
  }
}

function classifyStatus(httpStatus: number, errorCode: string | null): FailureClass {
  if (httpStatus >= 200 && httpStatus < 300) return 'none';
  if (httpStatus === 402 || errorCode === 'insufficient_funds') return 'funding';
  if (httpStatus === 401 || httpStatus === 403) return 'auth';
  // 429 is a refusal to look at the request at all: the same request later is safe.
  if (httpStatus === 429) return 'retryable';
  // 409 (in progress) and 422 idempotency_key_mismatch both say the provider holds *something* under our key:
  // the outcome is unknown until we read its record.
  if (httpStatus === 409 || httpStatus === 422) return 'unknown';
  if (httpStatus >= 400 && httpStatus < 500) return 'permanent';
  return 'unknown';
}

/**
 * Classifies a poll (a read): a 404 is an answer ("no such payout"), not a failure; nothing a poll gets back can
 * fail a payout, so there is no `funding` here and 4xx other than auth and 429 only count as `permanent` for metrics.
 */
export function classifyPoll(outcome: TransportOutcome): FailureClass {
  switch (outcome.kind) {
    case 'timeout':
    case 'connection_lost':
      return 'unknown';
    case 'not_connected':
    case 'not_sent':
      return 'retryable';
    case 'response': {
      const status = outcome.httpStatus;
      if ((status >= 200 && status < 300) || status === 404) return 'none';
      if (status === 401 || status === 403) return 'auth';
      if (status === 429) return 'retryable';
      return status < 500 ? 'permanent' : 'unknown';
    }
    default:
      return assertNever(outcome);
  }
}

/** Whether a class counts against the provider's health (circuit breaker): only signs of an unwell provider do. */
export const isProviderFault = (outcome: TransportOutcome): boolean =>
  outcome.kind === 'timeout' ||
  outcome.kind === 'connection_lost' ||
  outcome.kind === 'not_connected' ||
  (outcome.kind === 'response' && outcome.httpStatus >= 500);

/** Compile-time exhaustiveness: a new variant that is not handled fails the typecheck here. */
export function assertNever(value: never): never {
  throw new Error(`unhandled variant: ${JSON.stringify(value)}`);
}
