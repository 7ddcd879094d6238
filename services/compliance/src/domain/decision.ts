import type { Program, Responsibility } from '@sluice/program-config';
import { inputHash } from './canonical-hash.ts';
import { type CheckRecord, codeOf, type GateName, type GateOutcome } from './gate-result.ts';

export type AutomaticDecision = 'approved' | 'held' | 'denied';

/** Which responsibility owns each gate; the owner's name comes from the program config. */
export const GATE_OWNERS: Readonly<Record<GateName, Responsibility>> = {
  market_mode: 'blockedPayoutHandling',
  kyc: 'kycKytReview',
  sanctions: 'kycKytReview',
  kyt: 'kycKytReview',
  tax_artifacts: 'taxReview',
  limits: 'blockedPayoutHandling',
};

/** The owner's name for a responsibility, or an explicit `unassigned:<responsibility>` that readiness also flags. */
export function ownerOf(program: Program | undefined, responsibility: Responsibility): string {
  return program?.owners[responsibility] ?? `unassigned:${responsibility}`;
}

/** Turns gate outcomes into the records that go on the decision and into the gate-run table. */
export function recordChecks(outcomes: readonly GateOutcome[], program: Program | undefined, at: Date): CheckRecord[] {
  return outcomes.map((o) => ({
    gate: o.gate,
    rule: o.rule,
    ruleVersion: o.ruleVersion,
    inputHash: inputHash(o.input),
    result: o.verdict.result,
    code: codeOf(o.verdict),
    owner: ownerOf(program, GATE_OWNERS[o.gate]),
    checkedAt: at,
    evidence: o.evidence,
  }));
}

/** The combined verdict: any deny → denied, else any hold → held, else approved; with the codes that decided it. */
export function decide(checks: readonly Pick<CheckRecord, 'result' | 'code'>[]): {
  decision: AutomaticDecision;
  codes: string[];
} {
  const codesOf = (result: CheckRecord['result']) =>
    checks.filter((c) => c.result === result && c.code !== null).map((c) => c.code as string);
  const denies = codesOf('deny');
  if (denies.length > 0) return { decision: 'denied', codes: denies };
  const holds = codesOf('hold');
  if (holds.length > 0) return { decision: 'held', codes: holds };
  return { decision: 'approved', codes: [] };
}

/**
 * The config version a decision cites: the file's declared version plus a prefix of its content hash, so an edit
 * without a version bump is still told apart (the full hash is in the program_versions table).
 */
export const configVersionOf = (program: Pick<Program, 'version' | 'contentHash'>): string =>
  `${program.version}@${program.contentHash.slice(0, 16)}`;
