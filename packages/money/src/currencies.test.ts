import { CURRENCIES, getCurrency, requireCurrency } from './currencies.ts';
import { MoneyError } from './errors.ts';

describe('currency registry', () => {
  it.each([
    ['USD', 2],
    ['EUR', 2],
    ['GBP', 2],
    ['JPY', 0],
    ['BHD', 3],
    ['KWD', 3],
    ['MXN', 2],
    ['BRL', 2],
    ['INR', 2],
    ['NGN', 2],
    ['KES', 2],
    ['PHP', 2],
    ['CAD', 2],
    ['AUD', 2],
    ['CHF', 2],
    ['KRW', 0],
    ['CLP', 0],
    ['HUF', 2],
    ['COP', 2],
  ])('fiat %s has ISO 4217 exponent %i', (code, exponent) => {
    expect(getCurrency(code)).toEqual({ code, exponent, kind: 'fiat' });
  });

  it.each([
    ['USDC', 6],
    ['USDT', 6],
    ['EURC', 6],
    ['PYUSD', 6],
    ['BTC', 8],
    ['ETH', 18],
    ['SOL', 9],
    ['TRX', 6],
  ])('asset %s has exponent %i', (code, exponent) => {
    expect(getCurrency(code)).toEqual({ code, exponent, kind: 'crypto' });
  });

  it('keys every entry by its own three-to-five letter upper-case code', () => {
    for (const [key, info] of CURRENCIES) {
      expect(info.code).toBe(key);
      expect(key).toMatch(/^[A-Z]{3,5}$/);
      expect(Number.isInteger(info.exponent) && info.exponent >= 0 && info.exponent <= 18).toBe(true);
    }
  });

  it('is case-sensitive and throws currency_unknown for unknown codes', () => {
    expect(getCurrency('usd')).toBeUndefined();
    expect(() => requireCurrency('XYZ')).toThrow(expect.objectContaining({ code: 'currency_unknown' }));
    expect(() => requireCurrency(undefined)).toThrow(MoneyError);
  });
});
