import { requireCurrency } from './currencies.ts';
import { MoneyError } from './errors.ts';

/** An amount in integer minor units of one currency or asset. Never a float. */
export type Money = { readonly amountMinor: bigint; readonly currency: string };

/** At most 18 digits: every accepted amount fits an Avro `long` (signed 64-bit) with room for sums. */
export const MAX_AMOUNT_DIGITS = 18;
export const MAX_AMOUNT_MINOR = 10n ** BigInt(MAX_AMOUNT_DIGITS) - 1n;
/** Bounds of a signed 64-bit integer: the contracts carry `amount_minor` as an Avro `long`. */
const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

const DIGITS = /^[0-9]+$/;
const NEGATIVE_DIGITS = /^-[0-9]+$/;
// A decimal or exponent form: a float in disguise, refused in minor units.
const FLOAT_LIKE = /^[-+]?([0-9]*\.[0-9]*|[0-9]+(\.[0-9]*)?[eE][-+]?[0-9]+)$/;
const DECIMAL_MAJOR = /^(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;
// Inputs longer than this cannot be valid and are refused before any regex runs on them.
const MAX_INPUT_CHARS = 64;

/** Builds a Money from a bigint (zero and negative allowed, e.g. balances); checks the currency and int64 range. */
export function money(amountMinor: bigint, currency: string): Money {
  const info = requireCurrency(currency);
  return { amountMinor: checkInt64(amountMinor), currency: info.code };
}

/**
 * Parses a positive amount already in minor units (`"1250"` USD = 12.50).
 * Accepts a safe integer number, a bigint, or a string of ASCII digits (no sign, no leading zeros, no whitespace,
 * at most 18 digits). Floats, exponents, NaN, zero and negatives throw a {@link MoneyError}.
 */
export function parseAmountMinor(input: unknown, currency: string): Money {
  const info = requireCurrency(currency);
  return { amountMinor: toPositiveMinor(input), currency: info.code };
}

/**
 * Parses a positive decimal string in major units (`"12.50"` USD → 1250n). The number of decimals must not
 * exceed the currency's exponent (`"12.505"` USD and `"1.5"` JPY throw `amount_precision_exceeded`).
 */
export function parseDecimalMajor(input: unknown, currency: string): Money {
  const info = requireCurrency(currency);
  if (typeof input !== 'string') throw new MoneyError('amount_invalid_type', 'decimal amount must be a string');
  const match = input.length <= MAX_INPUT_CHARS ? DECIMAL_MAJOR.exec(input) : null;
  if (!match) {
    if (/^-[0-9]/.test(input)) throw new MoneyError('amount_not_positive', 'amount must be positive');
    throw new MoneyError('amount_format_invalid', 'amount must look like 123 or 123.45 (no sign, spaces or exponent)');
  }
  const whole = match[1] ?? '';
  const fraction = match[2] ?? '';
  if (fraction.length > info.exponent) {
    throw new MoneyError(
      'amount_precision_exceeded',
      `${info.code} allows at most ${info.exponent} decimal places, got ${fraction.length}`,
    );
  }
  const digits = (whole + fraction.padEnd(info.exponent, '0')).replace(/^0+(?=[0-9])/, '');
  return { amountMinor: checkPositiveDigits(digits), currency: info.code };
}

/** Formats minor units as a plain decimal in major units: `formatMinor(1250n, 'USD')` → `"12.50"`. */
export function formatMinor(amountMinor: bigint, currency: string): string {
  const { exponent } = requireCurrency(currency);
  const sign = amountMinor < 0n ? '-' : '';
  const digits = (amountMinor < 0n ? -amountMinor : amountMinor).toString();
  if (exponent === 0) return sign + digits;
  const padded = digits.padStart(exponent + 1, '0');
  return `${sign}${padded.slice(0, -exponent)}.${padded.slice(-exponent)}`;
}

/** Adds two amounts of the same currency; throws `currency_mismatch` otherwise, `amount_too_large` past int64. */
export function addMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return { amountMinor: checkInt64(a.amountMinor + b.amountMinor), currency: a.currency };
}

/** Subtracts `b` from `a` (the result may be negative); same rules as {@link addMoney}. */
export function subtractMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return { amountMinor: checkInt64(a.amountMinor - b.amountMinor), currency: a.currency };
}

function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new MoneyError('currency_mismatch', `cannot combine ${a.currency} with ${b.currency}`);
  }
}

function toPositiveMinor(input: unknown): bigint {
  if (typeof input === 'number') return fromNumber(input);
  if (typeof input === 'bigint') return checkPositive(input);
  if (typeof input === 'string') return fromString(input);
  throw new MoneyError('amount_invalid_type', 'amount must be an integer number, a bigint or a string of digits');
}

function fromNumber(input: number): bigint {
  if (!Number.isInteger(input)) throw new MoneyError('amount_not_integer', 'amount in minor units must be an integer');
  if (input <= 0) throw new MoneyError('amount_not_positive', 'amount must be positive');
  // Above 2^53 a number has already lost digits before we see it, so it cannot be trusted.
  if (!Number.isSafeInteger(input)) {
    throw new MoneyError('amount_too_large', 'amount exceeds the safe integer range; send it as a string');
  }
  return BigInt(input);
}

function fromString(input: string): bigint {
  if (input.length > MAX_INPUT_CHARS) throw new MoneyError('amount_too_large', 'amount has too many characters');
  if (!DIGITS.test(input)) {
    if (NEGATIVE_DIGITS.test(input)) throw new MoneyError('amount_not_positive', 'amount must be positive');
    if (FLOAT_LIKE.test(input)) {
      throw new MoneyError('amount_not_integer', 'amount in minor units must be an integer (no decimals or exponent)');
    }
    throw new MoneyError('amount_format_invalid', 'amount must be ASCII digits only (no sign, spaces or separators)');
  }
  if (input.length > 1 && input.startsWith('0')) {
    throw new MoneyError('amount_format_invalid', 'amount must not have leading zeros');
  }
  return checkPositiveDigits(input);
}

function checkPositiveDigits(digits: string): bigint {
  if (digits.length > MAX_AMOUNT_DIGITS) {
    throw new MoneyError('amount_too_large', `amount exceeds ${MAX_AMOUNT_DIGITS} digits in minor units`);
  }
  return checkPositive(BigInt(digits));
}

function checkPositive(value: bigint): bigint {
  if (value <= 0n) throw new MoneyError('amount_not_positive', 'amount must be positive');
  if (value > MAX_AMOUNT_MINOR) {
    throw new MoneyError('amount_too_large', `amount exceeds ${MAX_AMOUNT_DIGITS} digits in minor units`);
  }
  return value;
}

function checkInt64(value: bigint): bigint {
  if (value > INT64_MAX || value < INT64_MIN) {
    throw new MoneyError('amount_too_large', 'amount is outside the signed 64-bit range');
  }
  return value;
}
