import type { AccountRole, Direction } from './account.ts';
import { type EntryType, opposite, type RoleLine } from './journal-entry.ts';
import type { LifecycleEvent } from './lifecycle-event.ts';
import { activeReserve, type PayoutPostings, reservedAmount } from './payout-postings.ts';

/** An entry a rule wants posted; lines name accounts by role within the payout's scope. */
export interface PlannedEntry {
  readonly entryType: EntryType;
  readonly lines: readonly RoleLine[];
  readonly reversesEntryId: string | null;
  readonly description: string;
}

/** Why an event posts nothing. Stable codes: they label a metric and a log line. */
export type SkipReason =
  | 'shadow'
  | 'conflict'
  | 'no_rule'
  | 'already_reserved'
  | 'already_settled'
  | 'already_reversed'
  | 'payout_closed'
  | 'nothing_reserved'
  | 'nothing_settled';

/** What a rule decided: post one entry, post nothing (and why), or refuse an event that can never be posted. */
export type PostingDecision =
  | { readonly kind: 'post'; readonly entry: PlannedEntry }
  | { readonly kind: 'skip'; readonly reason: SkipReason }
  | { readonly kind: 'invalid'; readonly reason: string };

export type PostingRule = (event: LifecycleEvent, postings: PayoutPostings) => PostingDecision;

const line = (role: AccountRole, direction: Direction, amountMinor: bigint): RoleLine => ({
  role,
  direction,
  amountMinor,
});
const skip = (reason: SkipReason): PostingDecision => ({ kind: 'skip', reason });

/** submitting → reserve: beneficiary payable → payouts in flight, once per payout (a resubmission reserves nothing). */
export const reserve: PostingRule = (event, postings) => {
  if (postings.reserve) return skip('already_reserved');
  if (postings.settle || postings.void) return skip('payout_closed');
  if (event.amountMinor <= 0n) return { kind: 'invalid', reason: 'amount_minor must be positive' };
  return {
    kind: 'post',
    entry: {
      entryType: 'reserve',
      lines: [
        line('beneficiary_payable', 'debit', event.amountMinor),
        line('payouts_in_flight', 'credit', event.amountMinor),
      ],
      reversesEntryId: null,
      description: `Reserve payout ${event.payoutId}`,
    },
  };
};

/**
 * confirmed → settle: clears what the reserve put in flight and credits the provider funding account with what
 * settled, plus fee lines. A short settlement parks the shortfall in suspense (an over-settlement takes the excess from
 * suspense). Without an active reserve (a `confirmed` straight from `unknown` whose reserve the ledger never saw, or
 * one arriving after a void) one combined entry draws on the beneficiary payable directly: the payout is settled
 * exactly once and nothing is left in flight.
 */
export const settle: PostingRule = (event, postings) => {
  if (postings.settle) return skip('already_settled');
  const settledMinor = event.settledAmountMinor ?? event.amountMinor;
  const feeMinor = event.feeAmountMinor ?? 0n;
  if (settledMinor < 0n || feeMinor < 0n) return { kind: 'invalid', reason: 'settled and fee amounts must be >= 0' };
  const held = activeReserve(postings);
  const source: AccountRole = held ? 'payouts_in_flight' : 'beneficiary_payable';
  const clearedMinor = held ? reservedAmount(held) : event.amountMinor;
  if (clearedMinor <= 0n) return { kind: 'invalid', reason: 'amount_minor must be positive' };
  const shortfallMinor = clearedMinor - settledMinor;
  const lines = [
    line(source, 'debit', clearedMinor),
    line('provider_funding', 'credit', settledMinor),
    line('suspense', shortfallMinor > 0n ? 'credit' : 'debit', shortfallMinor > 0n ? shortfallMinor : -shortfallMinor),
    line('provider_fees', 'debit', feeMinor),
    line('provider_funding', 'credit', feeMinor),
  ].filter((candidate) => candidate.amountMinor > 0n);
  const how = held ? '' : ' without a prior reserve';
  const short = shortfallMinor > 0n ? `, short by ${shortfallMinor}` : shortfallMinor < 0n ? ', over-settled' : '';
  return {
    kind: 'post',
    entry: {
      entryType: 'settle',
      lines,
      reversesEntryId: null,
      description: `Settle payout ${event.payoutId}${how}${short}`,
    },
  };
};

/** failed or canceled with an active reserve → void: the exact mirror of the reserve. Otherwise nothing moved. */
export const voidReserve: PostingRule = (event, postings) => {
  const held = activeReserve(postings);
  if (!held) return skip('nothing_reserved');
  return {
    kind: 'post',
    entry: {
      entryType: 'void',
      lines: held.lines.map((l) => line(l.role, opposite(l.direction), l.amountMinor)),
      reversesEntryId: held.entryId,
      description: `Void reserve of payout ${event.payoutId} (${event.toStatus})`,
    },
  };
};

/**
 * reversed → reversal of the settlement: every settle line mirrored (funding, fees and suspense restored), except that
 * what the settlement cleared from payouts in flight goes back to the beneficiary payable: the payout is over, so
 * nothing may stay in flight, and the program owes the beneficiary again.
 */
export const reverseSettlement: PostingRule = (event, postings) => {
  if (!postings.settle) return skip('nothing_settled');
  if (postings.reversal) return skip('already_reversed');
  return {
    kind: 'post',
    entry: {
      entryType: 'reversal',
      lines: postings.settle.lines.map((l) =>
        line(l.role === 'payouts_in_flight' ? 'beneficiary_payable' : l.role, opposite(l.direction), l.amountMinor),
      ),
      reversesEntryId: postings.settle.entryId,
      description: `Reverse settlement of payout ${event.payoutId}`,
    },
  };
};

/** The posting rules: lifecycle status reached → rule. Statuses not listed move no money. */
export const POSTING_RULES: Readonly<Record<string, PostingRule>> = {
  submitting: reserve,
  confirmed: settle,
  failed: voidReserve,
  canceled: voidReserve,
  reversed: reverseSettlement,
};

/** Decides what one lifecycle event posts, given what the payout already has. */
export function decidePosting(event: LifecycleEvent, postings: PayoutPostings): PostingDecision {
  // Shadow mode never called the provider and a conflict changed nothing: in neither case did money move.
  if (event.shadow) return skip('shadow');
  if (event.conflict) return skip('conflict');
  const rule = Object.hasOwn(POSTING_RULES, event.toStatus) ? POSTING_RULES[event.toStatus] : undefined;
  return rule ? rule(event, postings) : skip('no_rule');
}
