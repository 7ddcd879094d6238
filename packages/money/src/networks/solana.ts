import { base58 } from '@scure/base';
import { accept, type DestinationResult, precheck, refuse } from '../destination-result.ts';

const PUBLIC_KEY_BYTES = 32;

/**
 * Validates a Solana address: base58 of exactly 32 bytes. Base58 has no checksum, so only the alphabet and the
 * length can be checked. The all-zero key (`111…1`, the System Program id) is refused: tokens sent there are lost.
 */
export function validateSolanaAddress(address: unknown): DestinationResult {
  const text = precheck(address);
  if (typeof text !== 'string') return text;
  let bytes: Uint8Array;
  try {
    bytes = base58.decode(text);
  } catch {
    return refuse('address_format_invalid', 'Solana address must be base58');
  }
  if (bytes.length !== PUBLIC_KEY_BYTES) {
    return refuse('address_length_invalid', `Solana address must decode to ${PUBLIC_KEY_BYTES} bytes`);
  }
  if (bytes.every((b) => b === 0)) return refuse('address_zero', 'the all-zero key cannot receive payouts');
  return accept(text);
}
