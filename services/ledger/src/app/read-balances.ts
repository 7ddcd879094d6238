import { type BalanceView, deriveBalances } from '../domain/balance.ts';
import type { AccountFilter, LedgerReader } from './ports.ts';

/**
 * Balances (posted, pending, available) of the accounts matching `filter`, now or as of an instant. Pending depends on
 * the scope's payouts in flight, so the whole scope is read even when one account is asked for.
 */
export async function readBalances(reader: LedgerReader, filter: AccountFilter, asOf?: Date): Promise<BalanceView[]> {
  if (filter.accountId === undefined) return deriveBalances(await reader.totals(filter, asOf));
  const [account] = await reader.totals({ accountId: filter.accountId });
  if (!account) return [];
  const scope = { programId: account.programId, provider: account.provider, currency: account.currency };
  return deriveBalances(await reader.totals(scope, asOf)).filter((view) => view.accountId === filter.accountId);
}
