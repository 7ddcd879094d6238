import { buildSanctionsIndex, nameTokens, normalizeAddress, type SanctionsEntry } from './sanctions-list.ts';

const entries: SanctionsEntry[] = [
  {
    list: 'sandbox',
    kind: 'address',
    value: '0xAbCdEf0000000000000000000000000000000001',
    network: null,
    reference: 'SBX-1',
  },
  {
    list: 'sandbox',
    kind: 'address',
    value: 'So1anaSanctioned111111111111111111111111111',
    network: 'solana',
    reference: 'SBX-2',
  },
  { list: 'sandbox', kind: 'name', value: 'Ivan Q. Sanctionov', network: null, reference: 'SBX-3' },
];
const index = buildSanctionsIndex(entries, 'v1');

describe('sanctions list', () => {
  it('matches EVM addresses whatever their case, on any network when the entry has none', () => {
    expect(index.match({ network: 'base', address: '0xabcdef0000000000000000000000000000000001', name: null })).toEqual(
      [{ list: 'sandbox', reference: 'SBX-1', matchedOn: 'address', strength: 'exact' }],
    );
  });

  it('matches case-sensitive addresses exactly and only on their network', () => {
    const address = 'So1anaSanctioned111111111111111111111111111';
    expect(index.match({ network: 'solana', address, name: null })).toHaveLength(1);
    expect(index.match({ network: 'solana', address: address.toLowerCase(), name: null })).toEqual([]);
    expect(index.match({ network: 'tron', address, name: null })).toEqual([]);
  });

  it('matches names exactly regardless of order, accents and punctuation', () => {
    expect(index.match({ network: null, address: null, name: 'SANCTIONOV, Ivan Q' })).toEqual([
      { list: 'sandbox', reference: 'SBX-3', matchedOn: 'name', strength: 'exact' },
    ]);
  });

  it('reports an overlapping name as a partial match', () => {
    expect(index.match({ network: null, address: null, name: 'Ivan Q Petrov Sanctionov' })[0]?.strength).toBe(
      'partial',
    );
    expect(index.match({ network: null, address: null, name: 'Ivan Sanctionov' })[0]?.strength).toBe('partial');
  });

  it('does not match a single shared first name', () => {
    expect(index.match({ network: null, address: null, name: 'Ivan' })).toEqual([]);
    expect(
      index.match({ network: 'base', address: '0x1111111111111111111111111111111111111111', name: 'Ada' }),
    ).toEqual([]);
  });

  it('normalizes tokens and addresses', () => {
    expect(nameTokens('  Jöhn-Paul  DOE ')).toEqual(['john', 'paul', 'doe']);
    expect(normalizeAddress('bc1QXY', 'bitcoin')).toBe('bc1qxy');
    expect(normalizeAddress('TXyz', 'tron')).toBe('TXyz');
  });
});
