import type { CurrencyLimits } from '@sluice/program-config';
import { allow, deny, type GateOutcome, hold } from '../gate-result.ts';

/** What the limits rule sees: the payout and what was already committed today (UTC) before it. */
export interface LimitsInput {
  readonly amountMinor: bigint;
  readonly currency: string;
  readonly limits: CurrencyLimits | undefined;
  /** Approved or held payouts of this beneficiary today, before this one. */
  readonly beneficiaryDayTotalMinor: bigint;
  /** Approved or held payouts of the program in this market today, before this one. */
  readonly programDayTotalMinor: bigint;
  /** The UTC day the totals are for (YYYY-MM-DD). */
  readonly day: string;
}

export const LIMITS_RULE = { rule: 'limits.per_payout_and_velocity', ruleVersion: '1' } as const;

/**
 * Per-payout cap (over it: deny, the platform must split or arrange otherwise) and daily velocity per beneficiary
 * and per program (over it: hold, a reviewer decides whether today's volume is legitimate). No limits configured
 * for the currency holds: an unbounded corridor is a configuration gap, not a licence.
 */
export function limitsGate(input: LimitsInput): GateOutcome {
  const base = { gate: 'limits' as const, ...LIMITS_RULE, input, evidence: [] };
  const { limits, amountMinor } = input;
  if (!limits) return { ...base, verdict: hold('limits_not_configured') };
  if (amountMinor > limits.perPayoutMinor) return { ...base, verdict: deny('limit_per_payout_exceeded') };
  if (input.beneficiaryDayTotalMinor + amountMinor > limits.dailyPerBeneficiaryMinor) {
    return { ...base, verdict: hold('velocity_beneficiary_exceeded') };
  }
  if (input.programDayTotalMinor + amountMinor > limits.dailyPerProgramMinor) {
    return { ...base, verdict: hold('velocity_program_exceeded') };
  }
  return { ...base, verdict: allow() };
}
