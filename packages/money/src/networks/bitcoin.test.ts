import { validateBitcoinAddress } from './bitcoin.ts';

describe('validateBitcoinAddress: BIP-350 valid segwit vectors', () => {
  // Mainnet entries of "Test vectors for v0-v16 native segregated witness addresses" (BIP-350).
  it.each([
    ['BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4', 'p2wpkh'],
    ['bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y', 'witness_unknown'],
    ['BC1SW50QGDZ25J', 'witness_unknown'],
    ['bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs', 'witness_unknown'],
    ['bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0', 'p2tr'],
  ])('accepts %s as %s, normalized to lower case', (address, kind) => {
    expect(validateBitcoinAddress(address)).toEqual({ ok: true, normalized: address.toLowerCase(), kind });
  });

  it.each([
    'tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7',
    'tb1qqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesrxh6hy',
    'tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn0c',
  ])('refuses the valid testnet address %s as address_wrong_network', (address) => {
    expect(validateBitcoinAddress(address)).toMatchObject({ ok: false, code: 'address_wrong_network' });
  });
});

describe('validateBitcoinAddress: BIP-350 and BIP-173 invalid segwit vectors', () => {
  it.each([
    // BIP-350 invalid list, mainnet entries.
    ['bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd', 'address_checksum_invalid', 'bech32 on v1'],
    ['BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL', 'address_checksum_invalid', 'bech32 on v16'],
    ['bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh', 'address_checksum_invalid', 'bech32m on v0'],
    ['bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4', 'address_format_invalid', 'bad checksum char'],
    ['BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R', 'address_format_invalid', 'witness v17'],
    ['bc1pw5dgrnzv', 'address_length_invalid', '1-byte program'],
    [
      'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav',
      'address_length_invalid',
      '41-byte program',
    ],
    ['BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P', 'address_length_invalid', '16-byte v0 program'],
    ['bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf', 'address_format_invalid', 'padding > 4 bits'],
    ['bc1gmk9yu', 'address_format_invalid', 'empty data'],
    // BIP-173 invalid list, mainnet entries.
    ['bc1zw508d6qejxtdg4y5r3zarvaryvqyzf3du', 'address_checksum_invalid', 'zero padding > 4 bits, bech32 on v2'],
    ['BC13W508D6QEJXTDG4Y5R3ZARVARY0C5XW7KN40WF2', 'address_format_invalid', 'witness v17'],
    ['bc1rw5uspcuh', 'address_checksum_invalid', 'v3 with bech32'],
    ['bc10w508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kw5rljs90', 'address_checksum_invalid', '41B'],
    // BIP-173 *valid* v1 address: its bech32 checksum became invalid for v1+ under BIP-350.
    [
      'bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7k7grplx',
      'address_checksum_invalid',
      'BIP-173 v1 form',
    ],
  ])('refuses %s as %s (%s)', (address, code) => {
    expect(validateBitcoinAddress(address)).toMatchObject({ ok: false, code });
  });

  it.each([
    ['tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut', 'address_format_invalid'],
    ['tb1z0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqglt7rf', 'address_wrong_network'],
    ['tb1q0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq24jc47', 'address_wrong_network'],
    ['tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq', 'address_wrong_network'],
  ])('refuses the non-mainnet invalid vector %s as %s', (address, code) => {
    expect(validateBitcoinAddress(address)).toMatchObject({ ok: false, code });
  });

  it('refuses mixed case on a mainnet address', () => {
    expect(validateBitcoinAddress('bc1qW508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4')).toMatchObject({
      ok: false,
      code: 'address_format_invalid',
    });
  });

  it('refuses a single substituted character in a valid v0 address', () => {
    expect(validateBitcoinAddress('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5')).toMatchObject({
      ok: false,
      code: 'address_checksum_invalid',
    });
  });
});

describe('validateBitcoinAddress: base58check', () => {
  it.each([
    ['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'p2pkh'], // genesis block coinbase
    ['1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2', 'p2pkh'],
    ['3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy', 'p2sh'],
  ])('accepts %s as %s unchanged', (address, kind) => {
    expect(validateBitcoinAddress(address)).toEqual({ ok: true, normalized: address, kind });
  });

  it.each([
    ['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb', 'address_checksum_invalid'],
    ['3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLz', 'address_checksum_invalid'],
    ['1A1zP1eP5QGefi2DMPTfTL5SLmv7Div', 'address_length_invalid'],
    ['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNaNa', 'address_length_invalid'],
    ['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfN0', 'address_format_invalid'],
    ['TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', 'address_format_invalid'],
    ['mipcBbFg9gMiCh81Kj8tqqdgoZub1ZJRfn', 'address_wrong_network'],
    ['2MzQwSSnBHWHqSAqtTVQ6v47XtaisrJa1Vc', 'address_wrong_network'],
    ['', 'address_empty'],
    [' 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'address_format_invalid'],
  ])('refuses %p as %s', (address, code) => {
    expect(validateBitcoinAddress(address)).toMatchObject({ ok: false, code });
  });
});
