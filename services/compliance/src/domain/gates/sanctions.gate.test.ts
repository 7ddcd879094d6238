import type { SanctionsMatch } from '../sanctions-list.ts';
import { sanctionsGate } from './sanctions.gate.ts';

const subject = { network: 'base', address: '0xabc', name: 'Ada Lovelace' };
const match = (strength: SanctionsMatch['strength']): SanctionsMatch => ({
  list: 'sandbox',
  reference: 'SBX-1',
  matchedOn: strength === 'exact' ? 'address' : 'name',
  strength,
});

describe('sanctions gate', () => {
  it('allows a clean subject and names the list version in the rule version', () => {
    const outcome = sanctionsGate(subject, { status: 'screened', listVersion: 'abc123', matches: [] });
    expect(outcome.verdict).toEqual({ result: 'allow' });
    expect(outcome.ruleVersion).toBe('1+lists.abc123');
  });

  it('denies an exact match with the list entry as evidence', () => {
    const outcome = sanctionsGate(subject, { status: 'screened', listVersion: 'v', matches: [match('exact')] });
    expect(outcome.verdict).toEqual({ result: 'deny', code: 'sanctions_match' });
    expect(outcome.evidence).toEqual(['sanctions:sandbox#SBX-1']);
  });

  it('holds a partial name match for review', () => {
    const outcome = sanctionsGate(subject, { status: 'screened', listVersion: 'v', matches: [match('partial')] });
    expect(outcome.verdict).toEqual({ result: 'hold', code: 'sanctions_possible_match' });
  });

  it('holds when the lists could not be consulted', () => {
    const outcome = sanctionsGate(subject, { status: 'unavailable', reason: 'no lists loaded' });
    expect(outcome.verdict).toEqual({ result: 'hold', code: 'screening_unavailable' });
  });
});
