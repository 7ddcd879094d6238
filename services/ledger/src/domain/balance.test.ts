import type { AccountRole } from './account.ts';
import { TYPE_OF_ROLE } from './account.ts';
import { type AccountTotals, deriveBalances } from './balance.ts';

const account = (role: AccountRole, debitsMinor: bigint, creditsMinor: bigint, programId = 'p'): AccountTotals => ({
  accountId: `${programId}-${role}`,
  role,
  type: TYPE_OF_ROLE[role],
  programId,
  provider: 'sandbox',
  currency: 'USD',
  externalCode: 'x',
  debitsMinor,
  creditsMinor,
});

describe('deriveBalances', () => {
  it('orients balances to the normal side and counts payouts in flight as pending on the funding account', () => {
    // Funded 1000, reserved 300 of which 100 settled: funding 900 posted, 200 still in flight.
    const views = deriveBalances([
      account('provider_funding', 1000n, 100n),
      account('beneficiary_payable', 300n, 1000n),
      account('payouts_in_flight', 100n, 300n),
      account('provider_funding', 50n, 0n, 'other'),
    ]);
    const byId = new Map(views.map((v) => [v.accountId, v]));
    expect(byId.get('p-provider_funding')).toMatchObject({
      postedMinor: 900n,
      pendingMinor: 200n,
      availableMinor: 700n,
    });
    expect(byId.get('p-beneficiary_payable')).toMatchObject({
      postedMinor: 700n,
      pendingMinor: 0n,
      availableMinor: 700n,
    });
    expect(byId.get('p-payouts_in_flight')).toMatchObject({
      postedMinor: 200n,
      pendingMinor: 200n,
      availableMinor: 0n,
    });
    // Another program's in-flight amounts never leak into this scope.
    expect(byId.get('other-provider_funding')).toMatchObject({ pendingMinor: 0n, availableMinor: 50n });
  });
});
