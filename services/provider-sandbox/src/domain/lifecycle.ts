import type { Payout } from './payout.ts';
import { canTransition, type PayoutStatus } from './payout-status.ts';
import { settle } from './settlement.ts';

/**
 * A movement of the sandbox account's balance in one currency: `reserve` on create (available → pending),
 * `settle` on completion (pending leaves), `release` on failure (pending → available), `return` on reversal
 * (the settled amount comes back to available).
 */
export interface LedgerMove {
  readonly kind: 'reserve' | 'settle' | 'release' | 'return';
  readonly availableDeltaMinor: bigint;
  readonly pendingDeltaMinor: bigint;
}

export const reserveMove = (amountMinor: bigint): LedgerMove => ({
  kind: 'reserve',
  availableDeltaMinor: -amountMinor,
  pendingDeltaMinor: amountMinor,
});

/** The payout after one scripted step, and the balance movement that goes with it. */
export interface StepOutcome {
  readonly status: PayoutStatus;
  readonly stepIndex: number;
  readonly nextStepAt: Date | null;
  readonly settledAmountMinor: bigint | null;
  readonly feeAmountMinor: bigint | null;
  readonly failureCode: string | null;
  readonly move: LedgerMove | null;
}

export type StepResult = { ok: true; outcome: StepOutcome } | { ok: false; reason: 'plan_done' | 'illegal_transition' };

/** When the first step of a fresh payout is due. */
export function firstStepAt(plan: Payout['plan'], createdAt: Date): Date | null {
  const first = plan.steps[0];
  return first ? new Date(createdAt.getTime() + first.afterMs) : null;
}

/** Applies the payout's next scripted step at `now`; refuses a step the transition table does not allow. */
export function applyNextStep(payout: Payout, now: Date): StepResult {
  const step = payout.plan.steps[payout.stepIndex];
  if (!step) return { ok: false, reason: 'plan_done' };
  if (!canTransition(payout.status, step.status)) return { ok: false, reason: 'illegal_transition' };
  const following = payout.plan.steps[payout.stepIndex + 1];
  const base = {
    status: step.status,
    stepIndex: payout.stepIndex + 1,
    nextStepAt: following ? new Date(now.getTime() + following.afterMs) : null,
    settledAmountMinor: payout.settledAmountMinor,
    feeAmountMinor: payout.feeAmountMinor,
    failureCode: payout.failureCode,
  };
  switch (step.status) {
    case 'processing':
      return { ok: true, outcome: { ...base, move: null } };
    case 'completed': {
      const { settledAmountMinor, feeAmountMinor } = settle(payout.amountMinor, payout.plan.feeBps);
      const move: LedgerMove = { kind: 'settle', availableDeltaMinor: 0n, pendingDeltaMinor: -payout.amountMinor };
      return { ok: true, outcome: { ...base, settledAmountMinor, feeAmountMinor, move } };
    }
    case 'failed': {
      const amount = payout.amountMinor;
      const move: LedgerMove = { kind: 'release', availableDeltaMinor: amount, pendingDeltaMinor: -amount };
      return { ok: true, outcome: { ...base, failureCode: payout.plan.failureCode, move } };
    }
    case 'reversed': {
      // The network keeps its fee: only what reached the beneficiary comes back.
      const returned = payout.settledAmountMinor ?? payout.amountMinor;
      const move: LedgerMove = { kind: 'return', availableDeltaMinor: returned, pendingDeltaMinor: 0n };
      return { ok: true, outcome: { ...base, failureCode: payout.plan.failureCode, move } };
    }
    default:
      return assertNeverStep(step.status);
  }
}

function assertNeverStep(value: never): never {
  throw new Error(`unhandled step status: ${String(value)}`);
}
