import { loadPrograms } from '@sluice/program-config';
import { decide, ownerOf, recordChecks } from './decision.ts';
import { allow, deny, type GateOutcome, hold } from './gate-result.ts';

const program = loadPrograms().program('sandbox-global');
const outcome = (gate: GateOutcome['gate'], verdict: GateOutcome['verdict']): GateOutcome => ({
  gate,
  rule: `${gate}.rule`,
  ruleVersion: '1',
  input: { gate },
  verdict,
  evidence: [],
});

describe('decision', () => {
  it('approves when every gate allows', () => {
    expect(decide([{ result: 'allow', code: null }])).toEqual({ decision: 'approved', codes: [] });
  });

  it('holds with every hold code when nothing denies', () => {
    expect(
      decide([
        { result: 'hold', code: 'kyc_unknown' },
        { result: 'allow', code: null },
        { result: 'hold', code: 'tax_artifact_missing' },
      ]),
    ).toEqual({ decision: 'held', codes: ['kyc_unknown', 'tax_artifact_missing'] });
  });

  it('denies when any gate denies, whatever the holds', () => {
    expect(
      decide([
        { result: 'hold', code: 'kyc_unknown' },
        { result: 'deny', code: 'sanctions_match' },
      ]),
    ).toEqual({ decision: 'denied', codes: ['sanctions_match'] });
  });

  it('records rule, version, input hash, result, owner and time for each gate', () => {
    const at = new Date('2026-05-01T00:00:00Z');
    const [kyc, tax] = recordChecks(
      [outcome('kyc', hold('kyc_unknown')), outcome('tax_artifacts', allow())],
      program,
      at,
    );
    expect(kyc).toMatchObject({
      gate: 'kyc',
      rule: 'kyc.rule',
      result: 'hold',
      code: 'kyc_unknown',
      owner: 'compliance-analysts',
    });
    expect(kyc?.inputHash).toMatch(/^[0-9a-f]{64}$/);
    expect(kyc?.checkedAt).toBe(at);
    expect(tax).toMatchObject({ result: 'allow', code: null, owner: 'tax-team' });
    expect(recordChecks([outcome('limits', deny('x'))], undefined, at)[0]?.owner).toBe(
      'unassigned:blockedPayoutHandling',
    );
  });

  it('names an unassigned owner explicitly', () => {
    expect(ownerOf(undefined, 'taxReview')).toBe('unassigned:taxReview');
  });
});
