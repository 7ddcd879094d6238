import { type Database, type EntityManager, GroupCommit } from '@sluice/persistence';
import {
  type CallbackEvent,
  InsufficientBalance,
  type NewDelivery,
  type PayoutCall,
  type Reserve,
  type StoredPayout,
  type Stores,
  type Transactions,
} from '../../app/ports.ts';
import type { Payout } from '../../domain/payout.ts';
import type { PayoutStatus } from '../../domain/payout-status.ts';
import { admissionStore } from './admission.store.ts';
import { callLogStore, insertCalls } from './call-log.store.ts';
import { callbackStore, insertEvents } from './callback.store.ts';
import { ledgerStore } from './ledger.store.ts';
import { insertPayouts, insertTransitions, lockAndFindKeys, payoutStore, updatePayouts } from './payout.store.ts';

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

// What a transaction creates (payouts, their status history, callback events with their deliveries, the call log)
// waits here and is inserted with one statement per table just before it commits, followed by its balance changes
// (reserves checked against the available balance, then lifecycle moves: one update per currency each), so the hot
// balance row of a currency is locked by the last statements of a transaction only. A create cost five inserts of its
// own and a lifecycle step three, each a round trip, and under the end-to-end benchmark's load every round trip waits
// for a core. Nothing in a transaction reads these rows back (a create reads its key before it writes; a step claims
// committed payouts only, and nothing reads a payout after updating it), so deferring them changes no answer; so are
// lifecycle steps' updates of payouts (one statement for a transaction's steps, after the inserts). A reserve that does not fit fails the flush with
// `InsufficientBalance`, rolling the transaction back; in a shared transaction the group commit then runs each work
// alone, so only the creates the balance cannot cover are refused.
interface Deferred {
  readonly payouts: StoredPayout[];
  /** The last state written per payout: an update sets every lifecycle column, so the last one is the outcome. */
  readonly updates: Map<string, Payout>;
  readonly transitions: { payoutId: string; status: PayoutStatus; at: Date }[];
  readonly events: { event: CallbackEvent; deliveries: readonly NewDelivery[] }[];
  readonly calls: PayoutCall[];
  readonly reserves: Reserve[];
  readonly moves: Parameters<Stores['ledger']['moveMany']>[0][number][];
}

/** The stores of one transaction with its inserts and balance changes deferred, and the flush that makes them. */
function deferringStores(em: EntityManager): { stores: Stores; flush(): Promise<void> } {
  const stores = storesFor(em);
  const later: Deferred = {
    payouts: [],
    updates: new Map(),
    transitions: [],
    events: [],
    calls: [],
    reserves: [],
    moves: [],
  };
  return {
    stores: {
      ...stores,
      payouts: {
        ...stores.payouts,
        insert: async (stored) => void later.payouts.push(stored),
        update: async (payout) => void later.updates.set(payout.id, payout),
        recordTransition: async (payoutId, status, at) => void later.transitions.push({ payoutId, status, at }),
      },
      callbacks: {
        ...stores.callbacks,
        addEvent: async (event, deliveries) => void later.events.push({ event, deliveries }),
      },
      calls: { ...stores.calls, record: async (call) => void later.calls.push(call) },
      ledger: {
        ...stores.ledger,
        reserve: async (currency, amountMinor, payoutId, at) => {
          later.reserves.push({ currency, amountMinor, payoutId, at });
          return true;
        },
        moveMany: async (moves) => void later.moves.push(...moves),
      },
    },
    async flush() {
      // Parents first: transitions and events reference their payout, deliveries their event.
      await insertPayouts(em, later.payouts);
      await updatePayouts(em, [...later.updates.values()]);
      await insertTransitions(em, later.transitions);
      await insertEvents(em, later.events);
      await insertCalls(em, later.calls);
      if (!(await stores.ledger.reserveMany(later.reserves))) {
        throw new InsufficientBalance(later.reserves[0]!.currency);
      }
      await stores.ledger.moveMany(later.moves);
    },
  };
}

/**
 * The works' idempotency keys locked and read in one statement each; `lockKey` and `findByKey` answer those keys from
 * there (each key's stored payout once: a second create with the same key in the group reads it again, and finds
 * nothing either, since the first one's insert waits for the flush, which then fails on the key's unique index and
 * the group commit runs both again alone).
 */
async function prefetchKeys(em: EntityManager, stores: Stores, works: readonly Work[]): Promise<Stores> {
  const keys = works.flatMap((work) => (work.idempotencyKey === undefined ? [] : [work.idempotencyKey]));
  if (keys.length === 0) return stores;
  const locked = new Set(keys);
  const found = await lockAndFindKeys(em, keys);
  const unread = new Set(keys);
  return {
    ...stores,
    payouts: {
      ...stores.payouts,
      lockKey: async (key) => (locked.has(key) ? undefined : stores.payouts.lockKey(key)),
      findByKey: async (key) => {
        if (!unread.delete(key)) return stores.payouts.findByKey(key);
        return found.get(key) ?? null;
      },
    },
  };
}

/** Runs `work` in a transaction whose inserts and balance changes are made together before it commits. */
const inTransaction = <T>(db: Database, work: (stores: Stores, em: EntityManager) => Promise<T>): Promise<T> =>
  db.transaction(async (em) => {
    const { stores, flush } = deferringStores(em);
    const result = await work(stores, em);
    await flush();
    return result;
  });

interface Work {
  readonly run: (stores: Stores) => Promise<unknown>;
  readonly idempotencyKey: string | undefined;
}

/** Works per shared transaction, and shared transactions in flight (each holds a pooled connection). */
const GROUP_MAX = 100;
const GROUP_CONCURRENCY = 2;

/** Transactions over the sandbox database. */
export function sqlTransactions(db: Database): Transactions {
  const group = new GroupCommit<Work, unknown>({
    run: (works) =>
      inTransaction(db, async (stores, em) => {
        const keyed = await prefetchKeys(em, stores, works);
        const results: unknown[] = [];
        for (const work of works) results.push(await work.run(keyed));
        return results;
      }),
    maxBatch: GROUP_MAX,
    concurrency: GROUP_CONCURRENCY,
  });
  return {
    run: (work) => inTransaction(db, work),
    grouped: <T>(run: (stores: Stores) => Promise<T>, options?: { idempotencyKey?: string }) =>
      group.submit({ run, idempotencyKey: options?.idempotencyKey }) as Promise<T>,
    read: () => storesFor(db.fork()),
  };
}
