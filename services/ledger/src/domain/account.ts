/** The five kinds of ledger account (issue 8). Clearing and suspense are credit-normal here: see {@link NORMAL_SIDE}. */
export const ACCOUNT_TYPES = ['asset', 'liability', 'expense', 'clearing', 'suspense'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

/**
 * What an account is for. Every role exists once per scope (program, provider, currency):
 * - `provider_funding` (asset): the program's prefunded balance held at the provider; settlements draw on it.
 * - `beneficiary_payable` (liability): funds we hold for the program's beneficiaries, not yet committed to a payout.
 * - `payouts_in_flight` (clearing): amounts reserved by submitted payouts until they settle or fail.
 * - `provider_fees` (expense): fees the provider charged.
 * - `suspense` (suspense): unexplained differences (short or over settlement) parked for reconciliation.
 */
export const ACCOUNT_ROLES = [
  'provider_funding',
  'beneficiary_payable',
  'payouts_in_flight',
  'provider_fees',
  'suspense',
] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

export const isAccountRole = (value: unknown): value is AccountRole => ACCOUNT_ROLES.includes(value as AccountRole);

export const TYPE_OF_ROLE = {
  provider_funding: 'asset',
  beneficiary_payable: 'liability',
  payouts_in_flight: 'clearing',
  provider_fees: 'expense',
  suspense: 'suspense',
} as const satisfies Record<AccountRole, AccountType>;

export type Direction = 'debit' | 'credit';

/** The side on which an account's balance normally grows; balances are shown oriented to it (positive = normal). */
export const NORMAL_SIDE = {
  asset: 'debit',
  expense: 'debit',
  liability: 'credit',
  clearing: 'credit',
  suspense: 'credit',
} as const satisfies Record<AccountType, Direction>;

/**
 * ERP chart-of-accounts base codes. The external code of an account is `<base>-<currency>-<provider>-<program>`, so an
 * ERP can map on the base code alone (its GL account) and use the rest as dimensions.
 */
export const CHART_BASE_CODES = {
  provider_funding: '1110',
  payouts_in_flight: '1190',
  beneficiary_payable: '2110',
  suspense: '2990',
  provider_fees: '6110',
} as const satisfies Record<AccountRole, string>;

/** Where an account lives: every posting touches accounts of exactly one scope (manual adjustments excepted). */
export interface AccountScope {
  readonly programId: string;
  readonly provider: string;
  readonly currency: string;
}

/** The natural key of an account: its scope and role. */
export interface AccountKey extends AccountScope {
  readonly role: AccountRole;
}

/** Identifiers in a scope: what programs, providers and currencies may be named (they end up in ERP codes). */
export const SCOPE_PART = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

/** `program|provider|currency|role`: a stable string form of the key, used for account ids and caches. */
export const accountKeyString = (key: AccountKey): string =>
  `${key.programId}|${key.provider}|${key.currency}|${key.role}`;

export const externalCodeOf = (key: AccountKey): string =>
  `${CHART_BASE_CODES[key.role]}-${key.currency}-${key.provider}-${key.programId}`;

export const accountNameOf = (key: AccountKey): string =>
  `${key.role.replaceAll('_', ' ')} ${key.currency} ${key.provider} ${key.programId}`;

/** Balance oriented to the account's normal side from its debit and credit totals. */
export function normalBalance(type: AccountType, debitsMinor: bigint, creditsMinor: bigint): bigint {
  return NORMAL_SIDE[type] === 'debit' ? debitsMinor - creditsMinor : creditsMinor - debitsMinor;
}
