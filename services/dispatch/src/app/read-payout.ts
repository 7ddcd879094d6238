import type { AttemptEntry, ConflictEntry, PayoutRecord, Transactions, TransitionEntry } from './ports.ts';

/** A payout as an operator inspects it: its state plus every attempt, transition and refused conflict. */
export interface PayoutDetails {
  readonly payout: PayoutRecord;
  readonly attempts: readonly AttemptEntry[];
  readonly transitions: readonly TransitionEntry[];
  readonly conflicts: readonly ConflictEntry[];
}

export async function readPayout(transactions: Transactions, payoutId: string): Promise<PayoutDetails | null> {
  const stores = transactions.read();
  const payout = await stores.payouts.find(payoutId);
  if (!payout) return null;
  const [attempts, transitions, conflicts] = await Promise.all([
    stores.journal.attempts(payoutId),
    stores.journal.transitions(payoutId),
    stores.journal.conflicts(payoutId),
  ]);
  return { payout, attempts, transitions, conflicts };
}
