import { validateDestination } from '@sluice/money';
import { loadSanctionsLists } from './adapters/providers/screening/list-sanctions.adapter.ts';
import { sandboxRiskScoring } from './adapters/providers/screening/sandbox-risk.adapter.ts';
import { SANDBOX_SCREENING_ADDRESSES as A } from './sandbox-addresses.ts';

describe('sandbox screening addresses', () => {
  const lists = loadSanctionsLists();
  const risk = sandboxRiskScoring();
  // Intake forwards the EIP-55 form of EVM addresses; screening must reach the same outcome on it.
  const normalized = (network: string, address: string) => {
    const result = validateDestination({ network, address });
    if (!result.ok) throw new Error(`${address} is not a valid ${network} address`);
    return result.normalized;
  };

  it('puts the sanctioned ones on the shipped lists', () => {
    expect(lists.match({ network: 'base', address: normalized('base', A.sanctionedEvm), name: null })).toHaveLength(1);
    expect(
      lists.match({ network: 'solana', address: normalized('solana', A.sanctionedSolana), name: null }),
    ).toHaveLength(1);
  });

  it('scores the risky ones high and severe', async () => {
    const score = async (address: string) =>
      risk.risk({ network: 'base', address: normalized('base', address), name: null });
    expect(await score(A.highRiskEvm)).toMatchObject({ score: 80 });
    expect(await score(A.severeRiskEvm)).toMatchObject({ score: 95 });
  });
});
