import type { Database, EntityManager } from '@sluice/persistence';
import type { Stores, Transactions } from '../../app/ports.ts';
import { admissionStore } from './admission.store.ts';
import { callLogStore } from './call-log.store.ts';
import { callbackStore } from './callback.store.ts';
import { ledgerStore } from './ledger.store.ts';
import { payoutStore } from './payout.store.ts';

/** Every store bound to one EntityManager (one transaction, or a fork for reads). */
export function storesFor(em: EntityManager): Stores {
  return {
    payouts: payoutStore(em),
    ledger: ledgerStore(em),
    admission: admissionStore(em),
    callbacks: callbackStore(em),
    calls: callLogStore(em),
  };
}

/** Transactions over the sandbox database. */
export function sqlTransactions(db: Database): Transactions {
  return {
    run: (work) => db.transaction((em) => work(storesFor(em))),
    read: () => storesFor(db.fork()),
  };
}
