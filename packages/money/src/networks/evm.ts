import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { accept, type DestinationResult, precheck, refuse } from '../destination-result.ts';

const HEX_BODY = /^[0-9a-fA-F]{40}$/;

/** EIP-55: upper-case each hex letter whose nibble in keccak256(lower-case hex) is >= 8. */
export function toChecksumAddress(address: string): string {
  const lower = address.replace(/^0x/i, '').toLowerCase();
  if (!/^[0-9a-f]{40}$/.test(lower)) throw new TypeError('expected 20 bytes of hex');
  const hash = bytesToHex(keccak_256(utf8ToBytes(lower)));
  let out = '0x';
  for (let i = 0; i < lower.length; i++) {
    const char = lower[i] ?? '';
    out += Number.parseInt(hash[i] ?? '0', 16) >= 8 ? char.toUpperCase() : char;
  }
  return out;
}

/**
 * Validates an EVM address (Ethereum, Polygon, Base, Arbitrum share the format).
 * All-lower-case or all-upper-case hex carries no checksum and is accepted; mixed case must match EIP-55
 * exactly, since a wrong mix is the typo signal EIP-55 exists to catch. The zero address is refused (a burn).
 * `normalized` is always the EIP-55 form.
 */
export function validateEvmAddress(address: unknown): DestinationResult {
  const text = precheck(address);
  if (typeof text !== 'string') return text;
  if (!text.startsWith('0x')) return refuse('address_format_invalid', 'EVM address must start with 0x');
  const body = text.slice(2);
  if (body.length !== 40) return refuse('address_length_invalid', 'EVM address must have 40 hex digits after 0x');
  if (!HEX_BODY.test(body)) return refuse('address_format_invalid', 'EVM address must be hexadecimal');
  if (/^0+$/.test(body)) return refuse('address_zero', 'the zero address cannot receive payouts');
  const checksummed = toChecksumAddress(body);
  const unchecksummed = body === body.toLowerCase() || body === body.toUpperCase();
  if (!unchecksummed && checksummed !== text) {
    return refuse('address_checksum_invalid', 'EVM address has mixed case that does not match its EIP-55 checksum');
  }
  return accept(checksummed);
}
