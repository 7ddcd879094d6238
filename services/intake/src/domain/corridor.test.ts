import { corridorMismatches, parseCorridor } from './corridor.ts';

describe('parseCorridor', () => {
  it('splits <MARKET>-<CURRENCY>-<RAIL>', () => {
    expect(parseCorridor('PH-USDC-POLYGON')).toEqual({
      corridor: { code: 'PH-USDC-POLYGON', market: 'PH', currency: 'USDC', rail: 'POLYGON' },
    });
  });

  it('refuses other spellings so compliance can look corridors up verbatim', () => {
    for (const code of ['us-usdc-base', 'USA-USDC-BASE', 'US-USDC', 'US_USDC_BASE', '']) {
      expect(parseCorridor(code)).toHaveProperty('issue');
    }
  });
});

describe('corridorMismatches', () => {
  const corridor = { code: 'US-USDC-BASE', market: 'US', currency: 'USDC', rail: 'BASE' };

  it('accepts a payout that fits the corridor', () => {
    expect(corridorMismatches(corridor, { currency: 'USDC', destinationType: 'wallet', network: 'base' })).toEqual([]);
  });

  it('names a currency or wallet network that does not fit', () => {
    const issues = corridorMismatches(corridor, { currency: 'USDT', destinationType: 'wallet', network: 'tron' });
    expect(issues.map((i) => i.code)).toEqual(['corridor_currency_mismatch', 'corridor_network_mismatch']);
  });

  it('leaves bank rails to compliance', () => {
    const sepa = { code: 'DE-EUR-SEPA', market: 'DE', currency: 'EUR', rail: 'SEPA' };
    expect(corridorMismatches(sepa, { currency: 'EUR', destinationType: 'bank_account', network: 'iban' })).toEqual([]);
  });
});
