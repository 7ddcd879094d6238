import type { Envelope, EventHandler, Outbox, OutgoingEvent } from '@sluice/messaging';
import { type Database, type EntityManager, GroupCommit } from '@sluice/persistence';
import type { AttemptEntry, DispatchTx, Transactions, TransitionEntry } from '../../app/ports.ts';
import { insertAttempts, insertTransitions, journalStore } from './journal.store.ts';
import { payoutStore } from './payout.store.ts';
import { byPayoutId } from './payout-row.ts';
import { providerSwitchStore } from './provider-switch.store.ts';

const storesFor = (em: EntityManager): Omit<DispatchTx, 'publish'> => ({
  payouts: payoutStore(em),
  journal: journalStore(em),
  switches: providerSwitchStore(em),
});

// What a transaction appends (events for the outbox, attempts, transitions) waits here and is written in one
// statement per table just before it commits: a status change used to cost a transition insert and an outbox insert
// of its own, and a busy transaction (a consumer chunk, a group-committed batch of provider outcomes) makes dozens.
// Keyed by the transaction's EntityManager; where no buffer is open (the runner's one-event fallback) rows go
// straight in. Nothing in a transaction reads these rows back, so deferring them to its end changes no answer.
interface Appended {
  readonly events: OutgoingEvent[];
  readonly attempts: AttemptEntry[];
  readonly transitions: TransitionEntry[];
}

const buffers = new WeakMap<EntityManager, Appended>();

/** Opens the append buffer of `em`'s transaction. */
export function openAppendBuffer(em: EntityManager): void {
  buffers.set(em, { events: [], attempts: [], transitions: [] });
}

/** Writes and closes the append buffer of `em`'s transaction (before it commits). */
export async function flushAppendBuffer(em: EntityManager, outbox: Outbox): Promise<void> {
  const appended = buffers.get(em);
  buffers.delete(em);
  if (!appended) return;
  await insertAttempts(em, appended.attempts);
  await insertTransitions(em, appended.transitions);
  await outbox.append(em, appended.events);
}

/** The stores of one open transaction plus its outbox; used by the loop, the HTTP API and (with the runner's em) handlers. */
export function dispatchTx(em: EntityManager, outbox: Outbox): DispatchTx {
  const stores = storesFor(em);
  return {
    ...stores,
    journal: {
      ...stores.journal,
      recordAttempt: async (attempt) => {
        const buffer = buffers.get(em);
        if (buffer) buffer.attempts.push(attempt);
        else await stores.journal.recordAttempt(attempt);
      },
      recordTransition: async (transition) => {
        const buffer = buffers.get(em);
        if (buffer) buffer.transitions.push(transition);
        else await stores.journal.recordTransition(transition);
      },
    },
    async publish(event, trace) {
      // The outbox codec validates every payload against its topic's schema here, before anything is written.
      const outgoing = outbox.event(event.topic, event.payload as Record<string, unknown>, trace);
      const buffer = buffers.get(em);
      if (buffer) buffer.events.push(outgoing);
      else await outbox.append(em, [outgoing]);
    },
  };
}

/** A handler whose appended rows are buffered per chunk: `prepare` opens the buffer, `finish` writes it. */
export function withAppendBuffer<E extends Envelope>(handler: EventHandler<E>, outbox: Outbox): EventHandler<E> {
  return {
    ...handler,
    async prepare(events, context) {
      openAppendBuffer(context.em);
      await handler.prepare?.(events, context);
    },
    async finish(context) {
      await handler.finish?.(context);
      await flushAppendBuffer(context.em, outbox);
    },
  };
}

interface Work {
  readonly run: (tx: DispatchTx) => Promise<unknown>;
  /** The payout the work locks: a shared transaction runs its works in payout id order (see sqlTransactions). */
  readonly payoutId: string;
}

/** Works per shared transaction, and shared transactions in flight (each holds a pooled connection). */
const GROUP_MAX = 64;
const GROUP_CONCURRENCY = 2;

/** Transactions over dispatch's database: events published inside commit with the state change. */
export function sqlTransactions(db: Database, outbox: Outbox): Transactions {
  const run = <T>(work: (tx: DispatchTx) => Promise<T>) =>
    db.transaction(async (em) => {
      openAppendBuffer(em);
      const result = await work(dispatchTx(em, outbox));
      await flushAppendBuffer(em, outbox);
      return result;
    });
  const group = new GroupCommit<Work, unknown>({
    // Works run in payout id order, the order every multi-row lock in dispatch takes (consumer chunks, claims): a
    // shared transaction locking its payouts in arrival order deadlocked against a chunk of callbacks now and then.
    run: (works) =>
      run(async (tx) => {
        const order = [...works.keys()].sort((a, b) => byPayoutId(works[a]!, works[b]!));
        const results: unknown[] = new Array(works.length);
        for (const i of order) results[i] = await works[i]!.run(tx);
        return results;
      }),
    maxBatch: GROUP_MAX,
    concurrency: GROUP_CONCURRENCY,
  });
  return {
    run,
    grouped: <T>(work: (tx: DispatchTx) => Promise<T>, payoutId: string) =>
      group.submit({ run: work, payoutId }) as Promise<T>,
    read: () => storesFor(db.fork()),
  };
}
