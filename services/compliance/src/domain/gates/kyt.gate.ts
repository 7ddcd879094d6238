import { allow, deny, type GateOutcome, hold } from '../gate-result.ts';
import type { RiskScreening, ScreeningSubject } from '../screening.ts';

/** Risk score thresholds (0–100): at or above `holdAt` a reviewer looks, at or above `denyAt` the payout is refused. */
export interface KytThresholds {
  readonly holdAt: number;
  readonly denyAt: number;
}

const RULE = 'kyt.risk_score';
const RULE_VERSION = '1';

/**
 * On-chain risk (KYT) of the destination: severe → deny, high → hold, otherwise allow. A bank destination has no
 * on-chain footprint (allow, recorded as not applicable); a scorer that did not answer holds.
 */
export function kytGate(subject: ScreeningSubject, risk: RiskScreening, thresholds: KytThresholds): GateOutcome {
  const base = {
    gate: 'kyt' as const,
    rule: RULE,
    ruleVersion: `${RULE_VERSION}+${thresholds.holdAt}/${thresholds.denyAt}`,
  };
  switch (risk.status) {
    case 'not_applicable':
      return { ...base, input: { subject, status: risk.status }, verdict: allow(), evidence: [] };
    case 'unavailable':
      return { ...base, input: { subject, status: risk.status }, verdict: hold('kyt_unavailable'), evidence: [] };
    case 'scored': {
      const verdict =
        risk.score >= thresholds.denyAt
          ? deny('kyt_severe_risk')
          : risk.score >= thresholds.holdAt
            ? hold('kyt_high_risk')
            : allow();
      return {
        ...base,
        input: { subject, provider: risk.provider, score: risk.score },
        verdict,
        evidence: [`kyt:${risk.provider}/${risk.reference}`],
      };
    }
  }
}
