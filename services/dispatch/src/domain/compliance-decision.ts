/** What a compliance decision means to dispatch. */
export type DecisionEffect = 'approve' | 'hold' | 'deny' | 'ignore';

/**
 * `approved` and `released` let the payout proceed; `held` and `denied` are recorded only (compliance owns them).
 * A decision value this version does not know is recorded and ignored: never read as an approval.
 */
export function effectOf(decision: string): DecisionEffect {
  switch (decision) {
    case 'approved':
    case 'released':
      return 'approve';
    case 'held':
      return 'hold';
    case 'denied':
      return 'deny';
    default:
      return 'ignore';
  }
}

/**
 * Shadow (read-only) mode unless the decision says exactly `live`: a missing, misspelt or future mode value must
 * never make money move (ARCHITECTURE.md §4: read-only is the default until launch readiness passes).
 */
export const isShadowMode = (mode: string): boolean => mode !== 'live';
