import {
  addMoney,
  formatMinor,
  MAX_AMOUNT_MINOR,
  money,
  parseAmountMinor,
  parseDecimalMajor,
  subtractMoney,
} from './amount.ts';
import { MoneyError, type MoneyErrorCode } from './errors.ts';

function errorCode(fn: () => unknown): MoneyErrorCode | 'no error' {
  try {
    fn();
  } catch (error) {
    if (error instanceof MoneyError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('parseAmountMinor', () => {
  it.each([
    [1250, 'USD', 1250n],
    ['1250', 'USD', 1250n],
    [1250n, 'USD', 1250n],
    [1, 'JPY', 1n],
    ['1', 'BHD', 1n],
    [Number.MAX_SAFE_INTEGER, 'USD', 9007199254740991n],
    ['999999999999999999', 'ETH', MAX_AMOUNT_MINOR],
  ])('parses %p %s as %p', (input, currency, expected) => {
    expect(parseAmountMinor(input, currency)).toEqual({ amountMinor: expected, currency });
  });

  it.each([
    [12.5, 'amount_not_integer'],
    [0.1, 'amount_not_integer'],
    [Number.NaN, 'amount_not_integer'],
    [Number.POSITIVE_INFINITY, 'amount_not_integer'],
    ['12.50', 'amount_not_integer'],
    ['12.', 'amount_not_integer'],
    ['.5', 'amount_not_integer'],
    ['1e3', 'amount_not_integer'],
    ['1E3', 'amount_not_integer'],
    ['1.5e2', 'amount_not_integer'],
    ['NaN', 'amount_format_invalid'],
    ['Infinity', 'amount_format_invalid'],
    ['+1250', 'amount_format_invalid'],
    [' 1250', 'amount_format_invalid'],
    ['1250 ', 'amount_format_invalid'],
    ['1250\n', 'amount_format_invalid'],
    ['1_250', 'amount_format_invalid'],
    ['1,250', 'amount_format_invalid'],
    ['0x10', 'amount_format_invalid'],
    ['٣', 'amount_format_invalid'],
    ['', 'amount_format_invalid'],
    ['01250', 'amount_format_invalid'],
    [0, 'amount_not_positive'],
    [-0, 'amount_not_positive'],
    [-5, 'amount_not_positive'],
    ['0', 'amount_not_positive'],
    ['-5', 'amount_not_positive'],
    [0n, 'amount_not_positive'],
    [-1n, 'amount_not_positive'],
    [2 ** 53, 'amount_too_large'],
    [1e21, 'amount_too_large'],
    ['1000000000000000000', 'amount_too_large'],
    [10n ** 18n, 'amount_too_large'],
    ['9'.repeat(100), 'amount_too_large'],
    [null, 'amount_invalid_type'],
    [undefined, 'amount_invalid_type'],
    [{ amount: 1 }, 'amount_invalid_type'],
    [true, 'amount_invalid_type'],
  ])('refuses %p with %s', (input, code) => {
    expect(errorCode(() => parseAmountMinor(input, 'USD'))).toBe(code);
  });

  it('refuses an unknown currency before looking at the amount', () => {
    expect(errorCode(() => parseAmountMinor(100, 'usd'))).toBe('currency_unknown');
    expect(errorCode(() => parseAmountMinor(12.5, 'XXX'))).toBe('currency_unknown');
  });

  it('throws a MoneyError that carries a message', () => {
    expect(() => parseAmountMinor('12.50', 'USD')).toThrow(/integer/);
  });
});

describe('parseDecimalMajor', () => {
  it.each([
    ['12.50', 'USD', 1250n],
    ['12.5', 'USD', 1250n],
    ['12', 'USD', 1200n],
    ['0.01', 'USD', 1n],
    ['1250', 'JPY', 1250n],
    ['1.234', 'BHD', 1234n],
    ['0.00000001', 'BTC', 1n],
    ['21000000', 'BTC', 2100000000000000n],
    ['0.000000000000000001', 'ETH', 1n],
    ['0.999999999999999999', 'ETH', MAX_AMOUNT_MINOR],
    ['1.000001', 'USDC', 1000001n],
  ])('parses %s %s as %p', (input, currency, expected) => {
    expect(parseDecimalMajor(input, currency)).toEqual({ amountMinor: expected, currency });
  });

  it.each([
    ['12.505', 'USD', 'amount_precision_exceeded'],
    ['12.500', 'USD', 'amount_precision_exceeded'],
    ['1.5', 'JPY', 'amount_precision_exceeded'],
    ['1.2345', 'BHD', 'amount_precision_exceeded'],
    ['0.0000001', 'USDC', 'amount_precision_exceeded'],
    ['0', 'USD', 'amount_not_positive'],
    ['0.00', 'USD', 'amount_not_positive'],
    ['-1.00', 'USD', 'amount_not_positive'],
    ['1', 'ETH', 'amount_too_large'],
    ['10000000000000000', 'USD', 'amount_too_large'],
    ['012.50', 'USD', 'amount_format_invalid'],
    ['12.', 'USD', 'amount_format_invalid'],
    ['.50', 'USD', 'amount_format_invalid'],
    ['+12.50', 'USD', 'amount_format_invalid'],
    ['12,50', 'USD', 'amount_format_invalid'],
    ['1e2', 'USD', 'amount_format_invalid'],
    [' 12.50', 'USD', 'amount_format_invalid'],
    ['', 'USD', 'amount_format_invalid'],
    [12.5, 'USD', 'amount_invalid_type'],
    ['12.50', 'XYZ', 'currency_unknown'],
  ])('refuses %p %s with %s', (input, currency, code) => {
    expect(errorCode(() => parseDecimalMajor(input, currency))).toBe(code);
  });
});

describe('formatMinor', () => {
  it.each([
    [1250n, 'USD', '12.50'],
    [1n, 'USD', '0.01'],
    [0n, 'USD', '0.00'],
    [-1250n, 'USD', '-12.50'],
    [-5n, 'USD', '-0.05'],
    [1250n, 'JPY', '1250'],
    [1234n, 'BHD', '1.234'],
    [100000000n, 'BTC', '1.00000000'],
    [1n, 'ETH', '0.000000000000000001'],
  ])('formats %p %s as %s', (amountMinor, currency, expected) => {
    expect(formatMinor(amountMinor, currency)).toBe(expected);
  });

  it('round-trips with parseDecimalMajor', () => {
    for (const text of ['12.50', '0.01', '999999.99']) {
      expect(formatMinor(parseDecimalMajor(text, 'USD').amountMinor, 'USD')).toBe(text);
    }
  });
});

describe('money arithmetic', () => {
  it('adds and subtracts amounts of one currency, allowing negative results', () => {
    expect(addMoney(money(1250n, 'USD'), money(50n, 'USD'))).toEqual({ amountMinor: 1300n, currency: 'USD' });
    expect(subtractMoney(money(50n, 'USD'), money(1250n, 'USD'))).toEqual({ amountMinor: -1200n, currency: 'USD' });
  });

  it('refuses to combine currencies', () => {
    expect(errorCode(() => addMoney(money(1n, 'USD'), money(1n, 'EUR')))).toBe('currency_mismatch');
    expect(errorCode(() => subtractMoney(money(1n, 'USDC'), money(1n, 'USDT')))).toBe('currency_mismatch');
  });

  it('refuses results outside the signed 64-bit range of the Avro contracts', () => {
    const max = money(2n ** 63n - 1n, 'USD');
    expect(errorCode(() => addMoney(max, money(1n, 'USD')))).toBe('amount_too_large');
    expect(errorCode(() => subtractMoney(money(-(2n ** 63n), 'USD'), money(1n, 'USD')))).toBe('amount_too_large');
    expect(errorCode(() => money(2n ** 63n, 'USD'))).toBe('amount_too_large');
  });

  it('refuses an unknown currency when building an amount', () => {
    expect(errorCode(() => money(1n, 'DOGE'))).toBe('currency_unknown');
  });
});
