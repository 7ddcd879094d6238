import { applyNextStep, firstStepAt, type LedgerMove, reserveMove } from './lifecycle.ts';
import type { Payout } from './payout.ts';
import { planScenario, type ScenarioName, scenarioOptions } from './scenario.ts';

const timings = { stepDelayMs: 300, stepDelayMaxMs: 300, slowStepDelayMs: 3_000, timeoutDelayMs: 6_000 };
const created = new Date('2025-03-01T10:00:00.000Z');

function freshPayout(scenario: ScenarioName, amountMinor = 10_000_000n): Payout {
  const options = scenarioOptions({ scenario });
  if (!options.ok) throw new Error(options.message);
  const plan = planScenario(options.value, timings, 100);
  return {
    id: 'sbx_po_1',
    idempotencyKey: 'k',
    clientReference: 'ref',
    amountMinor,
    currency: 'USDC',
    destination: { type: 'bank_account', token: 't' },
    plan,
    status: 'pending',
    stepIndex: 0,
    nextStepAt: firstStepAt(plan, created),
    settledAmountMinor: null,
    feeAmountMinor: null,
    failureCode: null,
    createdAt: created,
    updatedAt: created,
  };
}

/** Runs the whole plan, returning the payout at the end and every balance movement including the reserve. */
function runToEnd(payout: Payout): { payout: Payout; moves: LedgerMove[] } {
  const moves = [reserveMove(payout.amountMinor)];
  let current = payout;
  for (;;) {
    const now = current.nextStepAt ?? created;
    const result = applyNextStep(current, now);
    if (!result.ok) return { payout: current, moves };
    const { move, ...rest } = result.outcome;
    if (move) moves.push(move);
    current = { ...current, ...rest, updatedAt: now };
  }
}

const sum = (moves: LedgerMove[], field: 'availableDeltaMinor' | 'pendingDeltaMinor') =>
  moves.reduce((total, move) => total + move[field], 0n);

describe('applyNextStep', () => {
  it('schedules the first step one step delay after creation', () => {
    expect(firstStepAt(freshPayout('success').plan, created)).toEqual(new Date('2025-03-01T10:00:00.300Z'));
  });

  it('completes a success with the whole amount and leaves nothing pending', () => {
    const { payout, moves } = runToEnd(freshPayout('success'));
    expect(payout).toMatchObject({ status: 'completed', settledAmountMinor: 10_000_000n, feeAmountMinor: 0n });
    expect(payout.nextStepAt).toBeNull();
    expect(sum(moves, 'pendingDeltaMinor')).toBe(0n);
    expect(sum(moves, 'availableDeltaMinor')).toBe(-10_000_000n);
  });

  it('settles short by the plan fee, debiting the whole instructed amount', () => {
    const { payout, moves } = runToEnd(freshPayout('short_settlement'));
    expect(payout).toMatchObject({ status: 'completed', settledAmountMinor: 9_900_000n, feeAmountMinor: 100_000n });
    expect(sum(moves, 'availableDeltaMinor')).toBe(-10_000_000n);
  });

  it('gives the money back when a payout fails after pending', () => {
    const { payout, moves } = runToEnd(freshPayout('failure_after_pending'));
    expect(payout).toMatchObject({ status: 'failed', failureCode: 'destination_rejected', settledAmountMinor: null });
    expect(sum(moves, 'availableDeltaMinor')).toBe(0n);
    expect(sum(moves, 'pendingDeltaMinor')).toBe(0n);
  });

  it('returns the settled amount on a reversal and keeps the settlement figures', () => {
    const { payout, moves } = runToEnd(freshPayout('reversal_after_confirmation'));
    expect(payout).toMatchObject({
      status: 'reversed',
      settledAmountMinor: 10_000_000n,
      failureCode: 'payout_returned',
    });
    expect(moves.map((m) => m.kind)).toEqual(['reserve', 'settle', 'return']);
    expect(sum(moves, 'availableDeltaMinor')).toBe(0n);
  });

  it('refuses to step past the end of the plan', () => {
    const { payout } = runToEnd(freshPayout('success'));
    expect(applyNextStep(payout, created)).toEqual({ ok: false, reason: 'plan_done' });
  });

  it('refuses a step the transition table forbids (a plan edited by hand in the database)', () => {
    const done = { ...freshPayout('success'), status: 'failed' as const };
    expect(applyNextStep(done, created)).toEqual({ ok: false, reason: 'illegal_transition' });
  });
});
