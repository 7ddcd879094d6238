import type { Outbox } from '@sluice/messaging';
import type { Database, EntityManager } from '@sluice/persistence';
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

/** Transactions over dispatch's database: events published inside commit with the state change. */
export function sqlTransactions(db: Database, outbox: Outbox): Transactions {
  return {
    run: (work) => db.transaction((em) => work(dispatchTx(em, outbox))),
    read: () => storesFor(db.fork()),
  };
}
