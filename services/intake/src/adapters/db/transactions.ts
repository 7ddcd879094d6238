import type { Outbox } from '@sluice/messaging';
import type { Database, EntityManager } from '@sluice/persistence';
import type { AdmissionRepository, IntakeTx, Stores, Transactions } from '../../app/ports.ts';
import { admissionStore, groupedAdmissions } from './admission.store.ts';
import { idempotencyStore } from './idempotency.store.ts';
import { partyStore } from './party.store.ts';
import { payoutStore } from './payout.store.ts';
import { platformStore } from './platform.store.ts';

/** How events reach the outbox: messaging's outbox (it validates and encodes them). */
export interface OutboxWriter {
  readonly outbox: Outbox;
}

/**
 * Every store bound to one EntityManager (one transaction, or a fork whose statements autocommit). `admit` replaces
 * the admission statement on `em` (outside a transaction: the group-committed one).
 */
export function storesFor(em: EntityManager, writer: OutboxWriter, admit?: AdmissionRepository['admit']): Stores {
  return {
    admission: admissionStore(em, writer.outbox, admit),
    payouts: payoutStore(em),
    keys: idempotencyStore(em),
    parties: partyStore(em),
    platforms: platformStore(em),
  };
}

/** The stores of an open transaction plus its outbox: used by REST use cases and, with the runner's `em`, by handlers. */
export function intakeTx(em: EntityManager, writer: OutboxWriter): IntakeTx {
  const { outbox } = writer;
  return {
    ...storesFor(em, writer),
    // The union is narrowed by the outbox codec, which validates every payload against its topic's schema.
    publish: (event) =>
      outbox.append(em, [outbox.event(event.topic, event.payload as Record<string, unknown>, event.trace)]),
  };
}

/**
 * Transactions over the service database; events published inside commit with the state change. Outside a
 * transaction, admissions of concurrent requests share a statement (group commit); `writeConcurrency` is how many such
 * statements may be in flight, each on its own pooled connection.
 */
export function sqlTransactions(
  db: Database,
  writer: OutboxWriter,
  options: { writeConcurrency: number } = { writeConcurrency: 2 },
): Transactions {
  const admissions = groupedAdmissions(db, writer.outbox, { concurrency: options.writeConcurrency });
  return {
    run: (work) => db.transaction((em) => work(intakeTx(em, writer))),
    read: () => storesFor(db.fork(), writer, admissions.admit),
  };
}
