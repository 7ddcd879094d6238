import { DISPATCH_STATUSES, type PayoutStatus } from './payout-lifecycle.ts';
import { type ObservedStatus, type ProviderObservation, planObservation, reasonFor } from './provider-observation.ts';

const OBSERVED: readonly ObservedStatus[] = ['pending', 'confirmed', 'failed', 'reversed'];

// Every (current, observed) pair with the expected plan: the table of what polls and callbacks may do.
const EXPECTED: Record<PayoutStatus, Record<ObservedStatus, string>> = {
  approved: { pending: 'conflict', confirmed: 'conflict', failed: 'conflict', reversed: 'conflict' },
  funding_hold: { pending: 'conflict', confirmed: 'conflict', failed: 'conflict', reversed: 'conflict' },
  canceled: { pending: 'conflict', confirmed: 'conflict', failed: 'conflict', reversed: 'conflict' },
  submitting: {
    pending: 'advance:pending',
    confirmed: 'advance:pending,confirmed',
    failed: 'advance:failed',
    reversed: 'advance:pending,confirmed,reversed',
  },
  unknown: {
    pending: 'advance:pending',
    confirmed: 'advance:confirmed',
    failed: 'advance:failed',
    reversed: 'advance:confirmed,reversed',
  },
  pending: {
    pending: 'same',
    confirmed: 'advance:confirmed',
    failed: 'advance:failed',
    reversed: 'advance:confirmed,reversed',
  },
  confirmed: { pending: 'stale', confirmed: 'same', failed: 'conflict', reversed: 'advance:reversed' },
  failed: { pending: 'stale', confirmed: 'conflict', failed: 'same', reversed: 'conflict' },
  reversed: { pending: 'stale', confirmed: 'stale', failed: 'conflict', reversed: 'same' },
};

const describePlan = (current: PayoutStatus, observed: ObservedStatus): string => {
  const plan = planObservation(current, observed);
  return plan.kind === 'advance' ? `advance:${plan.steps.join(',')}` : plan.kind;
};

describe('planObservation', () => {
  const pairs = DISPATCH_STATUSES.flatMap((current) => OBSERVED.map((observed) => [current, observed] as const));

  test.each(pairs)('%s observed as %s', (current, observed) => {
    expect(describePlan(current, observed)).toBe(EXPECTED[current][observed]);
  });

  test('out-of-order callbacks converge: completed before pending ends confirmed, the late pending is stale', () => {
    expect(describePlan('pending', 'confirmed')).toBe('advance:confirmed');
    expect(describePlan('confirmed', 'pending')).toBe('stale');
  });

  test('a regression is never applied: failed after confirmed is a conflict', () => {
    expect(planObservation('confirmed', 'failed')).toEqual({ kind: 'conflict' });
  });
});

describe('reasonFor', () => {
  const base: ProviderObservation = {
    status: 'confirmed',
    providerReference: 'sbx_po_1',
    providerStatus: 'completed',
    settledAmountMinor: 1_000_000n,
    feeAmountMinor: null,
    failureCode: null,
    failureMessage: null,
    detail: 'poll',
  };

  test('names a short settlement so reconciliation can find it', () => {
    expect(reasonFor('confirmed', { ...base, settledAmountMinor: 990_000n }, 1_000_000n)).toBe('short_settlement');
    expect(reasonFor('confirmed', base, 1_000_000n)).toBe('provider_completed');
    expect(reasonFor('confirmed', { ...base, settledAmountMinor: null }, 1_000_000n)).toBe('provider_completed');
  });

  test('keeps the provider failure code', () => {
    const failed = { ...base, status: 'failed' as const, failureCode: 'destination_rejected' };
    expect(reasonFor('failed', failed, 1n)).toBe('provider_failed:destination_rejected');
    expect(reasonFor('failed', { ...failed, failureCode: null }, 1n)).toBe('provider_failed');
    expect(reasonFor('reversed', base, 1n)).toBe('provider_reversed');
    expect(reasonFor('pending', base, 1n)).toBe('provider_accepted');
  });
});
