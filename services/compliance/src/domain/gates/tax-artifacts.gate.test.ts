import type { TaxArtifact, TaxArtifactStatus } from '../tax-artifact.ts';
import { taxArtifactsGate } from './tax-artifacts.gate.ts';

const now = new Date('2026-05-01T00:00:00Z');
const artifact = (type: string, status: TaxArtifactStatus, expiresAt: Date | null = null): TaxArtifact => ({
  id: `${type}-${status}`,
  beneficiaryId: 'ben-1',
  type,
  status,
  expiresAt,
  maskedIdentifier: '…6789',
  evidenceRef: 'docs/1',
  recordedBy: 'op',
  recordedAt: now,
});
const accepted = ['W-9', 'W-8BEN'];

describe('tax artifacts gate', () => {
  it('allows when one accepted artifact is present and unexpired', () => {
    const outcome = taxArtifactsGate(accepted, [artifact('W-9', 'present', new Date('2027-01-01'))], now);
    expect(outcome.verdict).toEqual({ result: 'allow' });
    expect(outcome.evidence).toEqual(['tax:W-9-present']);
  });

  it('holds as missing when nothing accepted is on file (another market’s artifact does not count)', () => {
    expect(taxArtifactsGate(accepted, [artifact('DAC8', 'present')], now).verdict).toEqual({
      result: 'hold',
      code: 'tax_artifact_missing',
    });
    expect(taxArtifactsGate(accepted, [], now).verdict).toEqual({ result: 'hold', code: 'tax_artifact_missing' });
  });

  it('holds as expired when the artifact lapsed', () => {
    expect(taxArtifactsGate(accepted, [artifact('W-9', 'present', now)], now).verdict).toEqual({
      result: 'hold',
      code: 'tax_artifact_expired',
    });
  });

  it('prefers under_review over expired', () => {
    const outcome = taxArtifactsGate(accepted, [artifact('W-9', 'expired'), artifact('W-8BEN', 'under_review')], now);
    expect(outcome.verdict).toEqual({ result: 'hold', code: 'tax_artifact_under_review' });
  });

  it('holds when the market accepts no artifact at all (configuration gap)', () => {
    expect(taxArtifactsGate([], [artifact('W-9', 'present')], now).verdict).toEqual({
      result: 'hold',
      code: 'tax_artifacts_not_configured',
    });
  });

  it('never denies', () => {
    for (const status of ['missing', 'expired', 'under_review', 'present'] as const) {
      expect(taxArtifactsGate(accepted, [artifact('W-9', status)], now).verdict.result).not.toBe('deny');
    }
  });
});
