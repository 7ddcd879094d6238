import type { Outbox } from '@sluice/messaging';
import type { Database, EntityManager } from '@sluice/persistence';
import type { IntakeTx, Stores, Transactions } from '../../app/ports.ts';
import { idempotencyStore } from './idempotency.store.ts';
import { partyStore } from './party.store.ts';
import { payoutStore } from './payout.store.ts';
import { platformStore } from './platform.store.ts';

/** Every store bound to one EntityManager (one transaction, or a fork for reads). */
export function storesFor(em: EntityManager): Stores {
  return {
    payouts: payoutStore(em),
    keys: idempotencyStore(em),
    parties: partyStore(em),
    platforms: platformStore(em),
  };
}

/** The stores of an open transaction plus its outbox: used by REST use cases and, with the runner's `em`, by handlers. */
export function intakeTx(em: EntityManager, outbox: Outbox): IntakeTx {
  return {
    ...storesFor(em),
    publish: ({ topic, payload, trace }) => outbox.append(em, [outbox.event(topic, payload, trace)]),
  };
}

/** Transactions over the service database; events published inside commit with the state change. */
export function sqlTransactions(db: Database, outbox: Outbox): Transactions {
  return {
    run: (work) => db.transaction((em) => work(intakeTx(em, outbox))),
    read: () => storesFor(db.fork()),
  };
}
