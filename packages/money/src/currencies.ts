import { MoneyError } from './errors.ts';

/** A currency (ISO 4217 fiat) or an on-chain asset, with the exponent of its minor unit. */
export type CurrencyInfo = {
  readonly code: string;
  /** Number of decimal places between the major and the minor unit (USD 2: 1 USD = 100 minor). */
  readonly exponent: number;
  readonly kind: 'fiat' | 'crypto';
};

// ISO 4217 minor units as published by the maintenance agency, not CLDR's display digits (Intl shows COP, HUF,
// IDR and PKR with 0 decimals; ISO and payout providers use 2).
// Grouped by exponent; kept as word lists so the table stays readable after formatting.
const FIAT_BY_EXPONENT: Readonly<Record<number, string>> = {
  0: 'CLP ISK JPY KRW RWF UGX VND XAF XOF',
  2:
    'AED ARS AUD BDT BRL CAD CHF CNY COP CZK DKK EGP EUR GBP GHS HKD HUF IDR ILS INR KES LKR MAD MXN MYR NGN ' +
    'NOK NPR NZD PEN PHP PKR PLN QAR RON SAR SEK SGD THB TRY TWD TZS USD UYU ZAR ZMW',
  3: 'BHD JOD KWD OMR TND',
};

// Token decimals as deployed on every network in SUPPORTED_NETWORKS (USDT is 6 on Ethereum, Tron, Polygon
// and Solana; only chains we do not support, such as BNB Chain, use 18). Native coins use their base unit:
// satoshi (8), wei (18), lamport (9), sun (6).
const ASSET_EXPONENTS: Readonly<Record<string, number>> = {
  USDC: 6,
  USDT: 6,
  EURC: 6,
  PYUSD: 6,
  BTC: 8,
  ETH: 18,
  SOL: 9,
  TRX: 6,
};

function buildRegistry(): ReadonlyMap<string, CurrencyInfo> {
  const registry = new Map<string, CurrencyInfo>();
  for (const [exponent, codes] of Object.entries(FIAT_BY_EXPONENT)) {
    for (const code of codes.split(' ')) {
      registry.set(code, Object.freeze({ code, exponent: Number(exponent), kind: 'fiat' }));
    }
  }
  for (const [code, exponent] of Object.entries(ASSET_EXPONENTS)) {
    registry.set(code, Object.freeze({ code, exponent, kind: 'crypto' }));
  }
  return registry;
}

/** Every currency and asset Sluice can hold an amount in, keyed by its exact (upper-case) code. */
export const CURRENCIES: ReadonlyMap<string, CurrencyInfo> = buildRegistry();

/** Looks a code up; codes are case-sensitive (`usd` is unknown) because contracts carry them upper-case. */
export function getCurrency(code: string): CurrencyInfo | undefined {
  return CURRENCIES.get(code);
}

/** Like {@link getCurrency} but throws `MoneyError('currency_unknown')` for an unknown code. */
export function requireCurrency(code: unknown): CurrencyInfo {
  const info = typeof code === 'string' ? CURRENCIES.get(code) : undefined;
  if (!info) throw new MoneyError('currency_unknown', `unknown currency or asset: ${String(code).slice(0, 16)}`);
  return info;
}
