import type { EntityManager } from '@sluice/persistence';
import type { EntryPublisher, JournalStore, LedgerTx } from '../../app/ports.ts';
import type { PayoutPostings } from '../../domain/payout-postings.ts';
import { journalStore } from './journal.store.ts';
import { ledgerTx } from './transactions.ts';

// Why this exists: the posting rules read a payout's history before every event, one round trip each, and that read
// was the gap between the consumer and the chunked engine (issue 8). The consumer handles a chunk of events in one
// transaction, so the runner's `prepare` hook reads the histories of all the chunk's payouts in one query, and the
// journal below answers from that read. What keeps it correct:
// - the read belongs to one transaction: it is keyed by that transaction's EntityManager (a WeakMap, so it dies with
//   it); a retry or the runner's per-message fallback runs on another EntityManager and reads the database;
// - writing an entry for a payout drops its history first, so the next event of the same payout in the chunk reads
//   again and sees that entry: a history is never answered stale by our own writes;
// - every entry the consumer's transaction writes goes through `chunkJournal` (it is the handler's only journal).
// Other transactions: the read happens at the start of the chunk rather than just before the event, but it never was
// a lock; a concurrent twin posting is still refused by the unique indexes at insert ("exists"), as before.
const prepared = new WeakMap<EntityManager, Map<string, PayoutPostings>>();

/** Reads the histories of the given payouts in one query, for `chunkJournal` on the same transaction to answer from. */
export async function preparePayoutPostings(em: EntityManager, payoutIds: readonly string[]): Promise<void> {
  const loaded = await journalStore(em).payoutPostingsMany(payoutIds);
  const cache = prepared.get(em) ?? new Map<string, PayoutPostings>();
  for (const [payoutId, postings] of loaded) cache.set(payoutId, postings);
  prepared.set(em, cache);
}

/** The journal of a transaction that may have been prepared: prepared histories first, dropped on every write. */
export function chunkJournal(em: EntityManager): JournalStore {
  const journal = journalStore(em);
  return {
    ...journal,
    async payoutPostings(payoutId) {
      return prepared.get(em)?.get(payoutId) ?? journal.payoutPostings(payoutId);
    },
    async insert(entry) {
      // Dropped before the write, whatever its outcome: a twin that made it "exists" changed the history too.
      if (entry.payoutId !== null) prepared.get(em)?.delete(entry.payoutId);
      return journal.insert(entry);
    },
  };
}

/** `ledgerTx` over `chunkJournal`: what the status-changed consumer posts through. */
export function chunkLedgerTx(em: EntityManager, publisher: EntryPublisher): LedgerTx {
  return { ...ledgerTx(em, publisher), journal: chunkJournal(em) };
}
