import { parseDecimalMajor } from '@sluice/money';

/** Approvals needed above the threshold (four eyes besides the requester's). */
export const DUAL_APPROVALS = 2;

/**
 * How many approvals a manual posting needs: none at or below the threshold, two above it in any of its currencies.
 * The threshold is in major units (e.g. "10000") so one setting means the same for USD (2 decimals) and USDC (6).
 */
export function approvalsRequired(totalsMinor: ReadonlyMap<string, bigint>, thresholdMajor: string): number {
  for (const [currency, totalMinor] of totalsMinor) {
    if (totalMinor > parseDecimalMajor(thresholdMajor, currency).amountMinor) return DUAL_APPROVALS;
  }
  return 0;
}

export interface ApprovalState {
  readonly status: 'pending_approval' | 'posted' | 'rejected';
  readonly requestedBy: string;
  readonly approvedBy: readonly string[];
}

/** Why `operatorId` may not approve (or reject) this request now. */
export type ApprovalProblem = 'not_pending' | 'own_request' | 'already_approved';

export function approvalProblem(state: ApprovalState, operatorId: string): ApprovalProblem | undefined {
  if (state.status !== 'pending_approval') return 'not_pending';
  // Maker-checker: whoever asked for the money to move cannot be one of the two who allow it.
  if (state.requestedBy === operatorId) return 'own_request';
  if (state.approvedBy.includes(operatorId)) return 'already_approved';
  return undefined;
}
