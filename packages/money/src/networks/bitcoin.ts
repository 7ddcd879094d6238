import { bech32, bech32m } from '@scure/base';
import { accept, type DestinationError, type DestinationOk, precheck, refuse } from '../destination-result.ts';
import { decodeVersionedHash160 } from './base58check.ts';

/**
 * What a mainnet address pays to. `witness_unknown` is a valid BIP-350 address for a witness version or
 * program length with no spending rules yet (anyone can spend it today); callers may choose to refuse it.
 */
export type BitcoinAddressKind = 'p2pkh' | 'p2sh' | 'p2wpkh' | 'p2wsh' | 'p2tr' | 'witness_unknown';
export type BitcoinAddressResult = (DestinationOk & { readonly kind: BitcoinAddressKind }) | DestinationError;

const P2PKH_VERSION = 0x00;
const P2SH_VERSION = 0x05;
const TESTNET_VERSIONS = new Set([0x6f, 0xc4]);
const TESTNET_HRPS = ['tb1', 'bcrt1'];
const BECH32_CHARSET = /^[qpzry9x8gf2tvdw0s3jn54khce6mua7l]+$/;
/** BIP-173: the whole string is at most 90 characters. */
const SEGWIT_MAX_CHARS = 90;

/**
 * Validates a Bitcoin mainnet address: base58check P2PKH (version 0x00) or P2SH (0x05), or native segwit
 * (`bc1…`) with bech32 for witness v0 and bech32m for v1–v16 (BIP-173, BIP-350) and the program length rules
 * of BIP-141. Testnet and regtest addresses are refused as `address_wrong_network`. Segwit addresses are
 * normalized to lower case.
 */
export function validateBitcoinAddress(address: unknown): BitcoinAddressResult {
  const text = precheck(address);
  if (typeof text !== 'string') return text;
  const lower = text.toLowerCase();
  if (lower.startsWith('bc1')) return validateSegwit(text, lower);
  if (TESTNET_HRPS.some((hrp) => lower.startsWith(hrp))) {
    return refuse('address_wrong_network', 'testnet or regtest address; only Bitcoin mainnet is supported');
  }
  return validateBase58(text);
}

function validateBase58(text: string): BitcoinAddressResult {
  const payload = decodeVersionedHash160(text, 'Bitcoin');
  if (!(payload instanceof Uint8Array)) return payload;
  const version = payload[0] ?? -1;
  if (version === P2PKH_VERSION) return { ...accept(text), kind: 'p2pkh' };
  if (version === P2SH_VERSION) return { ...accept(text), kind: 'p2sh' };
  if (TESTNET_VERSIONS.has(version)) {
    return refuse('address_wrong_network', 'testnet address; only Bitcoin mainnet is supported');
  }
  return refuse('address_format_invalid', `unknown Bitcoin address version byte 0x${version.toString(16)}`);
}

function validateSegwit(text: string, lower: string): BitcoinAddressResult {
  if (text.length > SEGWIT_MAX_CHARS) {
    return refuse('address_length_invalid', `segwit address is longer than ${SEGWIT_MAX_CHARS} characters`);
  }
  if (text !== lower && text !== text.toUpperCase()) {
    return refuse('address_format_invalid', 'segwit address mixes upper and lower case');
  }
  const data = lower.slice(lower.lastIndexOf('1') + 1);
  if (!BECH32_CHARSET.test(data)) return refuse('address_format_invalid', 'segwit address has a non-bech32 character');
  // A string can satisfy at most one of the two checksums; which one tells us the encoding used.
  const asBech32 = bech32.decodeUnsafe(lower, SEGWIT_MAX_CHARS);
  const asBech32m = asBech32 ? undefined : bech32m.decodeUnsafe(lower, SEGWIT_MAX_CHARS);
  const decoded = asBech32 ?? asBech32m;
  if (!decoded) return refuse('address_checksum_invalid', 'segwit address checksum does not match');
  if (decoded.prefix !== 'bc') return refuse('address_format_invalid', 'segwit address prefix must be bc');
  const [version, ...programWords] = decoded.words;
  if (version === undefined || version > 16) {
    return refuse('address_format_invalid', 'segwit address has no valid witness version');
  }
  // BIP-350: v0 must use bech32 and v1+ bech32m; the other checksum is how v1+ typos into v0 are caught.
  if ((version === 0) !== (asBech32 !== undefined)) {
    const expected = version === 0 ? 'bech32' : 'bech32m';
    return refuse('address_checksum_invalid', `witness v${version} requires a ${expected} checksum`);
  }
  const program = bech32.fromWordsUnsafe(programWords);
  if (!program) return refuse('address_format_invalid', 'segwit program has invalid padding');
  if (program.length < 2 || program.length > 40) {
    return refuse('address_length_invalid', 'segwit program must be 2 to 40 bytes');
  }
  if (version === 0 && program.length !== 20 && program.length !== 32) {
    return refuse('address_length_invalid', 'witness v0 program must be 20 or 32 bytes');
  }
  return { ...accept(lower), kind: segwitKind(version, program.length) };
}

function segwitKind(version: number, programBytes: number): BitcoinAddressKind {
  if (version === 0) return programBytes === 20 ? 'p2wpkh' : 'p2wsh';
  if (version === 1 && programBytes === 32) return 'p2tr';
  return 'witness_unknown';
}
