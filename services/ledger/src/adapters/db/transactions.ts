import type { Outbox } from '@sluice/messaging';
import type { Database, EntityManager } from '@sluice/persistence';
import type { EntryPublisher, LedgerTx } from '../../app/ports.ts';
import { outboxPublisher } from '../kafka/entry-publisher.ts';
import { journalStore } from './journal.store.ts';
import { postingRequestStore } from './posting-request.store.ts';

/** The stores of one open transaction plus the publisher of its posted entries. */
export function ledgerTx(em: EntityManager, publisher: EntryPublisher): LedgerTx {
  return { journal: journalStore(em), publisher, requests: postingRequestStore(em) };
}

/** Transactions over the ledger database; everything posted inside publishes with the commit, or not at all. */
export function sqlTransactions(db: Database, outbox: Outbox) {
  return {
    run: <T>(work: (tx: LedgerTx) => Promise<T>): Promise<T> =>
      db.transaction((em) => work(ledgerTx(em, outboxPublisher(em, outbox)))),
  };
}
