import { sha256 } from '@noble/hashes/sha2.js';
import { base58, createBase58check } from '@scure/base';
import { type DestinationError, refuse } from '../destination-result.ts';

const base58check = createBase58check(sha256);

/** Version byte plus a 20-byte hash, as used by Bitcoin P2PKH/P2SH and Tron. */
const VERSIONED_HASH160_BYTES = 21;
const CHECKSUM_BYTES = 4;

/**
 * Decodes a base58check string carrying a version byte and a 20-byte hash. Decoding runs in two steps so that a
 * bad alphabet, a bad length and a bad checksum get distinct codes.
 */
export function decodeVersionedHash160(text: string, label: string): Uint8Array | DestinationError {
  let raw: Uint8Array;
  try {
    raw = base58.decode(text);
  } catch {
    return refuse('address_format_invalid', `${label} address must be base58`);
  }
  if (raw.length !== VERSIONED_HASH160_BYTES + CHECKSUM_BYTES) {
    return refuse('address_length_invalid', `${label} address must decode to ${VERSIONED_HASH160_BYTES} bytes`);
  }
  try {
    return base58check.decode(text);
  } catch {
    return refuse('address_checksum_invalid', `${label} address checksum does not match`);
  }
}
