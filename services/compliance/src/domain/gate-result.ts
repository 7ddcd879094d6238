/** Gates compliance runs; the names are the `gate` values of compliance.decided.v1 checks. */
export type GateName = 'market_mode' | 'kyc' | 'sanctions' | 'kyt' | 'tax_artifacts' | 'limits';

/** What one gate says about a payout: a value, never an exception (STYLE.md: guards return allow | block(code)). */
export type GateVerdict =
  | { readonly result: 'allow' }
  | { readonly result: 'hold'; readonly code: string }
  | { readonly result: 'deny'; readonly code: string };

export const allow = (): GateVerdict => ({ result: 'allow' });
export const hold = (code: string): GateVerdict => ({ result: 'hold', code });
export const deny = (code: string): GateVerdict => ({ result: 'deny', code });

/**
 * One gate evaluation before it is recorded: which rule at which version saw which inputs, and what it said.
 * `input` is hashed into the record (so the record proves what was checked without copying personal data).
 */
export interface GateOutcome {
  readonly gate: GateName;
  readonly rule: string;
  readonly ruleVersion: string;
  readonly input: unknown;
  readonly verdict: GateVerdict;
  /** References to the evidence the gate relied on (list entries, risk reports, artifact ids). */
  readonly evidence: readonly string[];
}

/** A recorded gate run: the shape of one `checks[]` item of compliance.decided.v1. */
export interface CheckRecord {
  readonly gate: GateName;
  readonly rule: string;
  readonly ruleVersion: string;
  readonly inputHash: string;
  readonly result: GateVerdict['result'];
  readonly code: string | null;
  readonly owner: string;
  readonly checkedAt: Date;
  readonly evidence: readonly string[];
}

export const codeOf = (verdict: GateVerdict): string | null => (verdict.result === 'allow' ? null : verdict.code);
