import { sandboxRiskScoring } from './sandbox-risk.adapter.ts';

const scorer = sandboxRiskScoring();
const score = async (address: string | null, network: string | null = 'base') =>
  scorer.risk({ address, network, name: null });

describe('sandbox risk scorer', () => {
  it('is deterministic and low for ordinary addresses', async () => {
    const a = await score('0x1234567890abcdef1234567890abcdef12345678');
    expect(a).toEqual(await score('0x1234567890ABCDEF1234567890ABCDEF12345678'));
    expect(a.status === 'scored' && a.score).toBeLessThan(40);
  });

  it('scores the sandbox high and severe suffixes', async () => {
    expect(await score('0x1234567890abcdef1234567890abcdef1234beef')).toMatchObject({ score: 80 });
    expect(await score('0x1234567890abcdef1234567890abcdef1234DEAD')).toMatchObject({ score: 95 });
  });

  it('does not apply to bank destinations', async () => {
    expect(await score(null, null)).toMatchObject({ status: 'not_applicable' });
  });
});
