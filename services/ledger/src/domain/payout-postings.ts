import type { RoleLine } from './journal-entry.ts';

/** An entry already posted for a payout, as the posting rules need to see it. */
export interface PostedEntryRef {
  readonly entryId: string;
  /** The entry's lines by role (its scope is the payout's). */
  readonly lines: readonly RoleLine[];
}

/** What the ledger has already posted for one payout: at most one entry of each payout entry type. */
export interface PayoutPostings {
  readonly reserve?: PostedEntryRef;
  readonly settle?: PostedEntryRef;
  readonly void?: PostedEntryRef;
  readonly reversal?: PostedEntryRef;
}

/** A reserve that has been neither voided nor settled: money still sits in payouts in flight. */
export const activeReserve = (postings: PayoutPostings): PostedEntryRef | undefined =>
  postings.reserve && !postings.void && !postings.settle ? postings.reserve : undefined;

/** Amount a reserve moved into payouts in flight. */
export const reservedAmount = (reserve: PostedEntryRef): bigint =>
  reserve.lines
    .filter((line) => line.role === 'payouts_in_flight' && line.direction === 'credit')
    .reduce((sum, line) => sum + line.amountMinor, 0n);
