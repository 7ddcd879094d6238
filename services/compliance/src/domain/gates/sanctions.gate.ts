import { allow, deny, type GateOutcome, hold } from '../gate-result.ts';
import type { SanctionsScreening, ScreeningSubject } from '../screening.ts';

const RULE = 'sanctions.list_match';
const RULE_BASE_VERSION = '1';

/**
 * Sanctions screening of the destination address and the beneficiary's name: an exact match denies, a partial
 * name match holds for the KYC/KYT reviewer, lists that could not be consulted hold (never approve blind).
 * The rule version includes the list version, so a decision names the exact list contents it was checked against.
 */
export function sanctionsGate(subject: ScreeningSubject, screening: SanctionsScreening): GateOutcome {
  if (screening.status === 'unavailable') {
    return {
      gate: 'sanctions',
      rule: RULE,
      ruleVersion: RULE_BASE_VERSION,
      input: { subject, status: 'unavailable' },
      verdict: hold('screening_unavailable'),
      evidence: [],
    };
  }
  const evidence = screening.matches.map((m) => `sanctions:${m.list}#${m.reference}`);
  const exact = screening.matches.some((m) => m.strength === 'exact');
  return {
    gate: 'sanctions',
    rule: RULE,
    ruleVersion: `${RULE_BASE_VERSION}+lists.${screening.listVersion}`,
    input: { subject, list_version: screening.listVersion, matches: screening.matches },
    verdict: exact
      ? deny('sanctions_match')
      : screening.matches.length > 0
        ? hold('sanctions_possible_match')
        : allow(),
    evidence,
  };
}
