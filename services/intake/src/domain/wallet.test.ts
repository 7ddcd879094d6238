import { validateWallet } from './wallet.ts';

const check = (network: string, address: string, asset: string) => {
  const result = validateWallet({ network, address, asset });
  return result.ok
    ? { ok: true, address: result.value.address }
    : { ok: false, codes: result.issues.map((i) => i.code) };
};

describe('validateWallet: published address vectors per network', () => {
  // EIP-55 test vectors (eips.ethereum.org/EIPS/eip-55)
  const eip55 = [
    '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
    '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
    '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
    '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
  ];

  it.each(['ethereum', 'polygon', 'base', 'arbitrum'])('accepts EIP-55 addresses on %s', (network) => {
    for (const address of eip55) expect(check(network, address, 'USDC')).toEqual({ ok: true, address });
  });

  it('normalizes an all-lowercase EVM address to its checksum form', () => {
    expect(check('base', eip55[0]!.toLowerCase(), 'USDC')).toEqual({ ok: true, address: eip55[0] });
  });

  it('refuses an EVM address with one letter in the wrong case, and the zero address', () => {
    expect(check('ethereum', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD', 'USDC')).toEqual({
      ok: false,
      codes: ['address_checksum_invalid'],
    });
    expect(check('ethereum', `0x${'0'.repeat(40)}`, 'USDC')).toEqual({ ok: false, codes: ['address_zero'] });
    expect(check('polygon', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeA', 'USDC').ok).toBe(false);
  });

  it('accepts Solana public keys (the USDC mint) and refuses the system program and non-base58', () => {
    expect(check('solana', 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v', 'USDC').ok).toBe(true);
    expect(check('solana', '11111111111111111111111111111111', 'USDC')).toEqual({ ok: false, codes: ['address_zero'] });
    expect(check('solana', 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt10', 'USDC').ok).toBe(false);
  });

  it('accepts Tron base58check (the USDT contract) and refuses a broken checksum', () => {
    expect(check('tron', 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', 'USDT').ok).toBe(true);
    expect(check('tron', 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u', 'USDT')).toEqual({
      ok: false,
      codes: ['address_checksum_invalid'],
    });
  });

  it('accepts Bitcoin P2PKH, P2SH, bech32 (BIP-173) and bech32m (BIP-350); refuses testnet and bad checksums', () => {
    for (const address of [
      '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2',
      '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy',
      'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
      'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0',
    ]) {
      expect(check('bitcoin', address, 'BTC')).toEqual({ ok: true, address });
    }
    expect(check('bitcoin', 'BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4', 'BTC')).toEqual({
      ok: true,
      address: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
    });
    expect(check('bitcoin', 'tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx', 'BTC')).toEqual({
      ok: false,
      codes: ['address_wrong_network'],
    });
    expect(check('bitcoin', 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5', 'BTC').ok).toBe(false);
    expect(check('bitcoin', '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3', 'BTC').ok).toBe(false);
  });
});

describe('validateWallet: network and asset', () => {
  it('refuses an asset not issued on the network, and unknown assets', () => {
    expect(check('tron', 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', 'USDC')).toEqual({
      ok: false,
      codes: ['asset_not_on_network'],
    });
    expect(check('base', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', 'USD')).toEqual({
      ok: false,
      codes: ['asset_unknown'],
    });
  });

  it('refuses bank rails and unknown chains as wallet networks', () => {
    expect(check('iban', 'GB82WEST12345698765432', 'USDC')).toEqual({ ok: false, codes: ['network_unsupported'] });
    expect(check('dogecoin', 'D', 'USDC')).toEqual({ ok: false, codes: ['network_unsupported'] });
  });

  it('refuses server-owned fields', () => {
    const result = validateWallet({
      network: 'base',
      address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
      asset: 'USDC',
      state: 'active',
    });
    expect(result.ok ? [] : result.issues.map((i) => `${i.path}:${i.code}`)).toEqual(['state:server_owned_field']);
  });
});
