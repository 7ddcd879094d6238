import type { Envelope, EventHandler, Outbox, OutgoingEvent } from '@sluice/messaging';
import type { EntityManager } from '@sluice/persistence';
import type { AttemptEntry, DispatchTx, TransitionEntry } from '../../app/ports.ts';
import { insertAttempts, insertTransitions, journalStore } from './journal.store.ts';
import { payoutStore } from './payout.store.ts';
import { providerSwitchStore } from './provider-switch.store.ts';

export const storesFor = (em: EntityManager): Omit<DispatchTx, 'publish'> => ({
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
