import { type EntityManager, nativeOn, query } from '@sluice/persistence';
import type { EntryPublisher, JournalStore, LedgerTx, NewEntry } from '../../app/ports.ts';
import type { PayoutPostings } from '../../domain/payout-postings.ts';
import { insertEntries, journalStore } from './journal.store.ts';
import { ledgerTx } from './transactions.ts';

// Why this exists: the posting rules read a payout's history before every event and the journal wrote each entry with
// a statement of its own: two round trips per event, the gap between the consumer and the chunked engine (issue 8) and
// the ledger's largest statement count in the end-to-end benchmark. The consumer handles a chunk of events in one
// transaction, so the runner's `prepare` reads the histories of all the chunk's payouts in one query, the journal
// below answers from that read and buffers the chunk's entries, and `finish` writes them in one statement. What keeps
// it correct:
// - the state belongs to one transaction: it is keyed by that transaction's EntityManager (a WeakMap, so it dies with
//   it); a retry or the runner's per-message fallback runs on another EntityManager and reads and writes directly;
// - writing an entry for a payout drops its history, and the next read of a payout with a buffered entry writes the
//   buffer first, so a history is never answered stale by our own writes;
// - a buffered entry is answered "posted" at once; if the write then finds one of them exists already (a concurrent
//   twin, refused by the unique indexes as before), `finish` throws and the whole chunk is rolled back and handled
//   again event by event, where the twin is an ordinary "exists";
// - every entry the consumer's transaction writes goes through `chunkJournal` (it is the handler's only journal).
interface Chunk {
  readonly histories: Map<string, PayoutPostings>;
  readonly buffered: NewEntry[];
  readonly bufferedPayouts: Set<string>;
  /** The transaction's start, which is what the database stamps as `posted_at`. */
  readonly now: Date;
}

const chunks = new WeakMap<EntityManager, Chunk>();

/** Reads the histories of the given payouts in one query and opens the chunk's entry buffer. */
export async function preparePayoutPostings(em: EntityManager, payoutIds: readonly string[]): Promise<void> {
  const histories = new Map(await journalStore(em).payoutPostingsMany(payoutIds));
  const [row] = await query(em, 'select now() as now');
  chunks.set(em, { histories, buffered: [], bufferedPayouts: new Set(), now: new Date(row!.now as Date) });
}

/** Writes the chunk's buffered entries and closes it; called inside the chunk's transaction, before it commits. */
export async function finishPayoutPostings(em: EntityManager): Promise<void> {
  const chunk = chunks.get(em);
  chunks.delete(em);
  if (chunk) await writeBuffered(em, chunk);
}

/** The journal of a transaction that may have been prepared: prepared histories and buffered entries first. */
export function chunkJournal(em: EntityManager): JournalStore {
  const journal = journalStore(em);
  const flushed = async () => {
    const chunk = chunks.get(em);
    if (chunk) await writeBuffered(em, chunk);
  };
  return {
    async payoutPostings(payoutId) {
      const chunk = chunks.get(em);
      if (chunk?.bufferedPayouts.has(payoutId)) await writeBuffered(em, chunk);
      return chunk?.histories.get(payoutId) ?? journal.payoutPostings(payoutId);
    },
    async payoutPostingsMany(payoutIds) {
      await flushed();
      return journal.payoutPostingsMany(payoutIds);
    },
    async insert(entry) {
      const chunk = chunks.get(em);
      if (!chunk) return journal.insert(entry);
      if (entry.payoutId !== null) {
        if (chunk.bufferedPayouts.has(entry.payoutId)) await writeBuffered(em, chunk);
        chunk.histories.delete(entry.payoutId);
        chunk.bufferedPayouts.add(entry.payoutId);
      }
      chunk.buffered.push(entry);
      return chunk.now;
    },
    async findByCause(causeEventId) {
      await flushed();
      return journal.findByCause(causeEventId);
    },
  };
}

/** `ledgerTx` over `chunkJournal`: what the status-changed consumer posts through. */
export function chunkLedgerTx(em: EntityManager, publisher: EntryPublisher): LedgerTx {
  return { ...ledgerTx(em, publisher), journal: chunkJournal(em) };
}

async function writeBuffered(em: EntityManager, chunk: Chunk): Promise<void> {
  const entries = chunk.buffered.splice(0);
  chunk.bufferedPayouts.clear();
  const written = await insertEntries(nativeOn(em), entries);
  if (written !== entries.length) {
    throw new Error(
      `${entries.length - written} of ${entries.length} buffered entries exist already; handling the chunk event by event`,
    );
  }
}
