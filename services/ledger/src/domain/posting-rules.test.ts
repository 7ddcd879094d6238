import type { RoleLine } from './journal-entry.ts';
import type { LifecycleEvent } from './lifecycle-event.ts';
import type { PayoutPostings } from './payout-postings.ts';
import { decidePosting, type PostingDecision } from './posting-rules.ts';

const event = (toStatus: string, overrides: Partial<LifecycleEvent> = {}): LifecycleEvent => ({
  eventId: '0190a0a0-0000-7000-8000-000000000001',
  correlationId: 'corr-1',
  payoutId: 'po_1',
  fromStatus: null,
  toStatus,
  amountMinor: 10_000n,
  settledAmountMinor: null,
  feeAmountMinor: null,
  currency: 'USDC',
  provider: 'sandbox',
  providerReference: 'prv_1',
  programId: 'prog',
  shadow: false,
  conflict: false,
  occurredAtMs: 0,
  ...overrides,
});

const RESERVE: RoleLine[] = [
  { role: 'beneficiary_payable', direction: 'debit', amountMinor: 10_000n },
  { role: 'payouts_in_flight', direction: 'credit', amountMinor: 10_000n },
];
const reserved: PayoutPostings = { reserve: { entryId: 'e-reserve', lines: RESERVE } };

function posted(decision: PostingDecision) {
  if (decision.kind !== 'post') throw new Error(`expected a posting, got ${JSON.stringify(decision)}`);
  return decision.entry;
}
const compact = (lines: readonly RoleLine[]) => lines.map((l) => `${l.direction} ${l.role} ${l.amountMinor}`);

describe('posting rules', () => {
  it('submitting reserves: beneficiary payable → payouts in flight', () => {
    const entry = posted(decidePosting(event('submitting'), {}));
    expect(entry.entryType).toBe('reserve');
    expect(compact(entry.lines)).toEqual(['debit beneficiary_payable 10000', 'credit payouts_in_flight 10000']);
  });

  it('a second submitting (after funding_hold) reserves nothing', () => {
    expect(decidePosting(event('submitting', { fromStatus: 'funding_hold' }), reserved)).toEqual({
      kind: 'skip',
      reason: 'already_reserved',
    });
  });

  it('confirmed settles in flight → provider funding, with fee lines', () => {
    const entry = posted(decidePosting(event('confirmed', { feeAmountMinor: 150n }), reserved));
    expect(entry.entryType).toBe('settle');
    expect(compact(entry.lines)).toEqual([
      'debit payouts_in_flight 10000',
      'credit provider_funding 10000',
      'debit provider_fees 150',
      'credit provider_funding 150',
    ]);
  });

  it('a short settlement posts what settled and moves the shortfall to suspense', () => {
    const entry = posted(decidePosting(event('confirmed', { settledAmountMinor: 9_000n }), reserved));
    expect(compact(entry.lines)).toEqual([
      'debit payouts_in_flight 10000',
      'credit provider_funding 9000',
      'credit suspense 1000',
    ]);
    expect(entry.description).toContain('short by 1000');
  });

  it('an over-settlement takes the excess from suspense', () => {
    const entry = posted(decidePosting(event('confirmed', { settledAmountMinor: 10_500n }), reserved));
    expect(compact(entry.lines)).toEqual([
      'debit payouts_in_flight 10000',
      'credit provider_funding 10500',
      'debit suspense 500',
    ]);
  });

  it('confirmed straight from unknown without a reserve posts one combined entry from the payable', () => {
    const entry = posted(decidePosting(event('confirmed', { fromStatus: 'unknown', feeAmountMinor: 20n }), {}));
    expect(entry.entryType).toBe('settle');
    expect(compact(entry.lines)).toEqual([
      'debit beneficiary_payable 10000',
      'credit provider_funding 10000',
      'debit provider_fees 20',
      'credit provider_funding 20',
    ]);
  });

  it('a payout is settled once', () => {
    const settled = { ...reserved, settle: { entryId: 'e-settle', lines: [] } };
    expect(decidePosting(event('confirmed'), settled)).toEqual({ kind: 'skip', reason: 'already_settled' });
  });

  it('failed after a reserve voids it with the mirror lines', () => {
    const entry = posted(decidePosting(event('failed'), reserved));
    expect(entry.entryType).toBe('void');
    expect(entry.reversesEntryId).toBe('e-reserve');
    expect(compact(entry.lines)).toEqual(['credit beneficiary_payable 10000', 'debit payouts_in_flight 10000']);
  });

  it('canceled from funding_hold voids the reserve too', () => {
    expect(posted(decidePosting(event('canceled', { fromStatus: 'funding_hold' }), reserved)).entryType).toBe('void');
  });

  it('failed without a reserve posts nothing', () => {
    expect(decidePosting(event('failed'), {})).toEqual({ kind: 'skip', reason: 'nothing_reserved' });
  });

  it('reversed posts a reversal of the settlement that restores the payable', () => {
    const settleLines: RoleLine[] = [
      { role: 'payouts_in_flight', direction: 'debit', amountMinor: 10_000n },
      { role: 'provider_funding', direction: 'credit', amountMinor: 9_000n },
      { role: 'suspense', direction: 'credit', amountMinor: 1_000n },
    ];
    const entry = posted(
      decidePosting(event('reversed'), { ...reserved, settle: { entryId: 'e-settle', lines: settleLines } }),
    );
    expect(entry.entryType).toBe('reversal');
    expect(entry.reversesEntryId).toBe('e-settle');
    expect(compact(entry.lines)).toEqual([
      'credit beneficiary_payable 10000',
      'debit provider_funding 9000',
      'debit suspense 1000',
    ]);
  });

  it('reversed without a settlement posts nothing', () => {
    expect(decidePosting(event('reversed'), reserved)).toEqual({ kind: 'skip', reason: 'nothing_settled' });
  });

  it('shadow and conflict events post nothing, whatever the status', () => {
    expect(decidePosting(event('submitting', { shadow: true }), {})).toEqual({ kind: 'skip', reason: 'shadow' });
    expect(decidePosting(event('confirmed', { conflict: true }), reserved)).toEqual({
      kind: 'skip',
      reason: 'conflict',
    });
  });

  it('statuses without a rule post nothing', () => {
    for (const status of ['approved', 'pending', 'unknown', 'funding_hold', 'toString']) {
      expect(decidePosting(event(status), reserved)).toEqual({ kind: 'skip', reason: 'no_rule' });
    }
  });

  it('refuses amounts that can never post', () => {
    expect(decidePosting(event('submitting', { amountMinor: 0n }), {}).kind).toBe('invalid');
    expect(decidePosting(event('confirmed', { feeAmountMinor: -1n }), reserved).kind).toBe('invalid');
  });
});
