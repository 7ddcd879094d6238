/** Stable reasons a destination (address, IBAN, routing number) is refused. */
export type DestinationErrorCode =
  | 'address_empty'
  | 'address_format_invalid'
  | 'address_length_invalid'
  | 'address_checksum_invalid'
  | 'address_wrong_network'
  | 'address_zero'
  | 'address_unsupported'
  | 'country_unsupported'
  | 'network_unsupported';

/** A destination accepted, in the one form Sluice stores and compares. */
export type DestinationOk = { readonly ok: true; readonly normalized: string };
/** A destination refused, with a stable code and a message safe to show to the requester. */
export type DestinationError = { readonly ok: false; readonly code: DestinationErrorCode; readonly message: string };
/** The value every validator returns: validation never throws. */
export type DestinationResult = DestinationOk | DestinationError;

/**
 * Longest input any validator decodes; longer strings are refused before decoding (base58 decoding is
 * quadratic in length, and no supported address format is longer than 90 characters).
 */
export const MAX_DESTINATION_CHARS = 128;

/** Builds a refusal value. */
export function refuse(code: DestinationErrorCode, message: string): DestinationError {
  return { ok: false, code, message };
}

/** Builds an acceptance value. */
export function accept(normalized: string): DestinationOk {
  return { ok: true, normalized };
}

/** Shared first checks: a non-empty string of bounded length with no surrounding whitespace. */
export function precheck(address: unknown): DestinationError | string {
  if (address === undefined || address === null || address === '')
    return refuse('address_empty', 'address is required');
  if (typeof address !== 'string') return refuse('address_format_invalid', 'address must be a string');
  if (address.length > MAX_DESTINATION_CHARS) {
    return refuse('address_length_invalid', `address is longer than ${MAX_DESTINATION_CHARS} characters`);
  }
  if (address.trim() !== address) {
    return refuse('address_format_invalid', 'address has leading or trailing whitespace');
  }
  return address;
}
