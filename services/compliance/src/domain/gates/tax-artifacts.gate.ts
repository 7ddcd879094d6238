import { allow, type GateOutcome, hold } from '../gate-result.ts';
import { effectiveStatus, type TaxArtifact } from '../tax-artifact.ts';

export const TAX_RULE = { rule: 'tax.artifact_readiness', ruleVersion: '1' } as const;

/**
 * Tax-artifact readiness for the market: one accepted artifact `present` and unexpired → allow; otherwise hold
 * with the most actionable reason (under review, then expired, then missing). A tax gap never denies: it is fixed by
 * collecting a document, after which the beneficiary's holds are re-evaluated.
 */
export function taxArtifactsGate(
  accepted: readonly string[],
  artifacts: readonly TaxArtifact[],
  now: Date,
): GateOutcome {
  const relevant = artifacts.filter((a) => accepted.includes(a.type));
  const statuses = relevant.map((a) => ({ id: a.id, type: a.type, status: effectiveStatus(a, now) }));
  const input = { accepted: [...accepted].sort(), artifacts: statuses, as_of: now };
  const base = { gate: 'tax_artifacts' as const, ...TAX_RULE, input };
  const present = statuses.filter((s) => s.status === 'present');
  if (accepted.length === 0) return { ...base, verdict: hold('tax_artifacts_not_configured'), evidence: [] };
  if (present.length > 0) return { ...base, verdict: allow(), evidence: present.map((s) => `tax:${s.id}`) };
  const evidence = statuses.map((s) => `tax:${s.id}`);
  const has = (status: string) => statuses.some((s) => s.status === status);
  const code = has('under_review')
    ? 'tax_artifact_under_review'
    : has('expired')
      ? 'tax_artifact_expired'
      : 'tax_artifact_missing';
  return { ...base, verdict: hold(code), evidence };
}
