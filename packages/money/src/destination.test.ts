import { validateDestination } from './destination.ts';
import { ASSET_NETWORKS, assetOnNetwork, CHAIN_NETWORKS, SUPPORTED_NETWORKS } from './networks/supported.ts';

describe('validateDestination', () => {
  it.each([
    ['ethereum', '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'],
    ['polygon', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'],
    ['base', '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359', '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359'],
    ['arbitrum', '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb', '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb'],
    ['solana', 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v', 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v'],
    ['tron', 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t'],
    ['bitcoin', 'BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4', 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4'],
    ['iban', 'DE89 3704 0044 0532 0130 00', 'DE89370400440532013000'],
    ['aba_routing', '021000021', '021000021'],
  ])('routes %s to its validator and normalizes %s', (network, address, normalized) => {
    expect(validateDestination({ network, address })).toMatchObject({ ok: true, normalized });
  });

  it.each([
    ['ethereum', 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t'],
    ['solana', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'],
    ['tron', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa'],
    ['bitcoin', 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t'],
    ['iban', '021000021'],
    ['aba_routing', 'DE89370400440532013000'],
  ])('refuses an address of another network on %s', (network, address) => {
    expect(validateDestination({ network, address })).toMatchObject({ ok: false });
  });

  it.each(['ETHEREUM', 'bsc', 'bitcoin-testnet', '', undefined, 1])('refuses the network %p', (network) => {
    expect(validateDestination({ network, address: '021000021' })).toMatchObject({
      ok: false,
      code: 'network_unsupported',
    });
  });
});

describe('assetOnNetwork', () => {
  it.each([
    ['USDC', ['ethereum', 'polygon', 'base', 'arbitrum', 'solana']],
    ['USDT', ['ethereum', 'tron', 'polygon', 'solana']],
    ['BTC', ['bitcoin']],
    ['SOL', ['solana']],
    ['TRX', ['tron']],
  ])('%s is payable exactly on %p', (asset, networks) => {
    const payable = CHAIN_NETWORKS.filter((network) => assetOnNetwork(asset, network));
    expect([...payable].sort()).toEqual([...networks].sort());
  });

  it('only lists registered assets on supported chains', () => {
    for (const [asset, networks] of Object.entries(ASSET_NETWORKS)) {
      for (const network of networks) {
        expect(SUPPORTED_NETWORKS).toContain(network);
        expect(assetOnNetwork(asset, network)).toBe(true);
      }
    }
  });

  it('maps fiat to bank rails: USD over ABA, any registered fiat to an IBAN, no fiat on chains', () => {
    expect(assetOnNetwork('USD', 'aba_routing')).toBe(true);
    expect(assetOnNetwork('EUR', 'aba_routing')).toBe(false);
    expect(assetOnNetwork('EUR', 'iban')).toBe(true);
    expect(assetOnNetwork('USD', 'ethereum')).toBe(false);
    expect(assetOnNetwork('USDC', 'iban')).toBe(false);
  });

  it('is false for unknown assets and networks', () => {
    expect(assetOnNetwork('DOGE', 'ethereum')).toBe(false);
    expect(assetOnNetwork('USDC', 'bsc')).toBe(false);
    expect(assetOnNetwork('usdc', 'ethereum')).toBe(false);
  });
});
