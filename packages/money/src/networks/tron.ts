import { accept, type DestinationResult, precheck, refuse } from '../destination-result.ts';
import { decodeVersionedHash160 } from './base58check.ts';

/** Tron mainnet addresses are 0x41 + 20 bytes, which base58 renders with a leading `T`. */
const TRON_VERSION = 0x41;

/** Validates a Tron address: base58check, 21 bytes, version byte 0x41. The zero account is refused. */
export function validateTronAddress(address: unknown): DestinationResult {
  const text = precheck(address);
  if (typeof text !== 'string') return text;
  const payload = decodeVersionedHash160(text, 'Tron');
  if (!(payload instanceof Uint8Array)) return payload;
  if (payload[0] !== TRON_VERSION) {
    return refuse('address_wrong_network', 'not a Tron address (version byte is not 0x41)');
  }
  if (payload.subarray(1).every((b) => b === 0))
    return refuse('address_zero', 'the zero address cannot receive payouts');
  return accept(text);
}
