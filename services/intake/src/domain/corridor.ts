import { type FieldIssue, issue } from './field-issue.ts';

/** A corridor code split into its parts: `US-USDC-BASE` → market US, currency USDC, rail BASE. */
export interface Corridor {
  readonly code: string;
  /** Market of the destination (ISO 3166 alpha-2): decides read_only vs live mode in compliance. */
  readonly market: string;
  readonly currency: string;
  /** Settlement rail: a chain (`BASE`, `POLYGON`, `SOLANA` …) or a fiat rail (`SEPA`, `ACH`, `SWIFT` …). */
  readonly rail: string;
}

// <MARKET>-<CURRENCY>-<RAIL>, upper case: one spelling per corridor, so compliance can look it up verbatim.
const CORRIDOR = /^([A-Z]{2})-([A-Z0-9]{2,12})-([A-Z0-9_]{2,24})$/;

/** Parses a corridor code; compliance owns what corridors exist, intake only checks the shape and consistency. */
export function parseCorridor(code: unknown, path = 'corridor'): { corridor: Corridor } | { issue: FieldIssue } {
  if (typeof code !== 'string' || code.length === 0) return { issue: issue(path, 'required', `${path} is required`) };
  const match = CORRIDOR.exec(code);
  if (!match) {
    return {
      issue: issue(path, 'corridor_invalid', `${path} must look like <MARKET>-<CURRENCY>-<RAIL>, e.g. US-USDC-BASE`),
    };
  }
  return { corridor: { code, market: match[1]!, currency: match[2]!, rail: match[3]! } };
}

/**
 * Checks that the corridor fits the payout: its currency is the payout's, and for a wallet its rail is the wallet's
 * network (a USDC payout to a Solana wallet cannot ride a BASE corridor). Bank rails are left to compliance.
 */
export function corridorMismatches(
  corridor: Corridor,
  payout: { currency: string; destinationType: 'wallet' | 'bank_account'; network: string },
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (corridor.currency !== payout.currency) {
    issues.push(
      issue(
        'corridor',
        'corridor_currency_mismatch',
        `corridor ${corridor.code} carries ${corridor.currency}, not ${payout.currency}`,
      ),
    );
  }
  if (payout.destinationType === 'wallet' && corridor.rail !== payout.network.toUpperCase()) {
    issues.push(
      issue(
        'corridor',
        'corridor_network_mismatch',
        `corridor ${corridor.code} settles on ${corridor.rail}, the wallet is on ${payout.network}`,
      ),
    );
  }
  return issues;
}
