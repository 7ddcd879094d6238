import { type Database, type EntityManager, GroupCommit } from '@sluice/persistence';
import { InsufficientBalance, type Reserve, type Stores, type Transactions } from '../../app/ports.ts';
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

type Work = (stores: Stores) => Promise<unknown>;

/** Works per shared transaction, and shared transactions in flight (each holds a pooled connection). */
const GROUP_MAX = 100;
const GROUP_CONCURRENCY = 2;

/** Transactions over the sandbox database. */
export function sqlTransactions(db: Database): Transactions {
  const group = new GroupCommit<Work, unknown>({
    run: (works) =>
      db.transaction(async (em) => {
        const stores = storesFor(em);
        const reserves: Reserve[] = [];
        const deferring: Stores = {
          ...stores,
          ledger: {
            ...stores.ledger,
            reserve: async (currency, amountMinor, payoutId, at) => {
              reserves.push({ currency, amountMinor, payoutId, at });
              return true;
            },
          },
        };
        const results: unknown[] = [];
        for (const work of works) results.push(await work(deferring));
        if (!(await stores.ledger.reserveMany(reserves))) {
          // Alone (GroupCommit re-runs each work by itself), the reserve that does not fit refuses only its own work.
          throw new InsufficientBalance(reserves[0]!.currency);
        }
        return results;
      }),
    maxBatch: GROUP_MAX,
    concurrency: GROUP_CONCURRENCY,
  });
  return {
    run: (work) => db.transaction((em) => work(storesFor(em))),
    grouped: <T>(work: (stores: Stores) => Promise<T>) => group.submit(work) as Promise<T>,
    read: () => storesFor(db.fork()),
  };
}
