/**
 * Stable error codes of the sandbox API (the `error.code` of every error body). HTTP statuses are chosen by the
 * router from the code, never below it.
 */
export type SandboxErrorCode =
  | 'bad_request'
  | 'invalid_credentials'
  | 'insufficient_funds'
  | 'not_found'
  | 'idempotency_key_mismatch'
  | 'request_too_large'
  | 'internal_error'
  | 'bad_gateway'
  | 'service_unavailable';

/** A refused call as a value: the code clients switch on and a message for humans. */
export interface SandboxFailure {
  readonly code: SandboxErrorCode;
  readonly message: string;
}

export const failure = (code: SandboxErrorCode, message: string): SandboxFailure => ({ code, message });
