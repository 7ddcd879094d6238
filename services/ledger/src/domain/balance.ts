import { type AccountRole, type AccountType, accountKeyString, normalBalance } from './account.ts';

/** An account's debit and credit totals (cached, or summed from lines up to an instant). */
export interface AccountTotals {
  readonly accountId: string;
  readonly role: AccountRole;
  readonly type: AccountType;
  readonly programId: string;
  readonly provider: string;
  readonly currency: string;
  readonly externalCode: string;
  readonly debitsMinor: bigint;
  readonly creditsMinor: bigint;
}

/**
 * Balances oriented to each account's normal side:
 * - `posted`: the sum of the account's posted lines;
 * - `pending`: what submitted, unsettled payouts have committed against the account. For the provider funding account
 *   it is the scope's payouts in flight (they will leave it when they settle); for payouts in flight it is the whole
 *   balance; other accounts have none;
 * - `available`: posted − pending, e.g. how much of the funding can still be dispatched.
 * All three derive from lines, so they exist for any past instant too.
 */
export interface BalanceView extends AccountTotals {
  readonly postedMinor: bigint;
  readonly pendingMinor: bigint;
  readonly availableMinor: bigint;
}

const scopeOf = (a: AccountTotals) => accountKeyString({ ...a, role: 'payouts_in_flight' });

export function deriveBalances(accounts: readonly AccountTotals[]): BalanceView[] {
  const inFlight = new Map<string, bigint>();
  for (const account of accounts) {
    if (account.role === 'payouts_in_flight') {
      inFlight.set(scopeOf(account), normalBalance(account.type, account.debitsMinor, account.creditsMinor));
    }
  }
  return accounts.map((account) => {
    const postedMinor = normalBalance(account.type, account.debitsMinor, account.creditsMinor);
    const pendingMinor = pendingOf(account.role, postedMinor, inFlight.get(scopeOf(account)) ?? 0n);
    return { ...account, postedMinor, pendingMinor, availableMinor: postedMinor - pendingMinor };
  });
}

function pendingOf(role: AccountRole, postedMinor: bigint, scopeInFlightMinor: bigint): bigint {
  switch (role) {
    case 'provider_funding':
      return scopeInFlightMinor;
    case 'payouts_in_flight':
      return postedMinor;
    case 'beneficiary_payable':
    case 'provider_fees':
    case 'suspense':
      return 0n;
  }
}
