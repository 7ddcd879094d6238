import { kytGate } from './kyt.gate.ts';

const subject = { network: 'base', address: '0xabc', name: null };
const thresholds = { holdAt: 70, denyAt: 90 };
const scored = (score: number) => ({ status: 'scored' as const, provider: 'sandbox-risk', score, reference: 'r-1' });

describe('kyt gate', () => {
  it('allows a low score', () => {
    const outcome = kytGate(subject, scored(69), thresholds);
    expect(outcome.verdict).toEqual({ result: 'allow' });
    expect(outcome.evidence).toEqual(['kyt:sandbox-risk/r-1']);
    expect(outcome.ruleVersion).toBe('1+70/90');
  });

  it('holds a high score', () => {
    expect(kytGate(subject, scored(70), thresholds).verdict).toEqual({ result: 'hold', code: 'kyt_high_risk' });
  });

  it('denies a severe score', () => {
    expect(kytGate(subject, scored(90), thresholds).verdict).toEqual({ result: 'deny', code: 'kyt_severe_risk' });
  });

  it('holds when the scorer is unavailable and allows a bank destination', () => {
    expect(kytGate(subject, { status: 'unavailable', reason: 'timeout' }, thresholds).verdict).toEqual({
      result: 'hold',
      code: 'kyt_unavailable',
    });
    expect(kytGate(subject, { status: 'not_applicable', reason: 'bank account' }, thresholds).verdict).toEqual({
      result: 'allow',
    });
  });
});
