import type { Outbox } from '@sluice/messaging';
import { type Database, type EntityManager, GroupCommit } from '@sluice/persistence';
import type { DispatchTx, Transactions } from '../../app/ports.ts';
import { journalStore } from './journal.store.ts';
import { payoutStore } from './payout.store.ts';
import { providerSwitchStore } from './provider-switch.store.ts';

const storesFor = (em: EntityManager): Omit<DispatchTx, 'publish'> => ({
  payouts: payoutStore(em),
  journal: journalStore(em),
  switches: providerSwitchStore(em),
});

/** The stores of one open transaction plus its outbox; used by the loop, the HTTP API and (with the runner's em) handlers. */
export function dispatchTx(em: EntityManager, outbox: Outbox): DispatchTx {
  return {
    ...storesFor(em),
    // The outbox codec validates every payload against its topic's schema before it is written.
    publish: (event, trace) =>
      outbox.append(em, [outbox.event(event.topic, event.payload as Record<string, unknown>, trace)]),
  };
}

type Work = (tx: DispatchTx) => Promise<unknown>;

/** Works per shared transaction, and shared transactions in flight (each holds a pooled connection). */
const GROUP_MAX = 64;
const GROUP_CONCURRENCY = 2;

/** Transactions over dispatch's database: events published inside commit with the state change. */
export function sqlTransactions(db: Database, outbox: Outbox): Transactions {
  const run = <T>(work: (tx: DispatchTx) => Promise<T>) => db.transaction((em) => work(dispatchTx(em, outbox)));
  const group = new GroupCommit<Work, unknown>({
    run: (works) =>
      run(async (tx) => {
        const results: unknown[] = [];
        for (const work of works) results.push(await work(tx));
        return results;
      }),
    maxBatch: GROUP_MAX,
    concurrency: GROUP_CONCURRENCY,
  });
  return {
    run,
    grouped: <T>(work: (tx: DispatchTx) => Promise<T>) => group.submit(work) as Promise<T>,
    read: () => storesFor(db.fork()),
  };
}
