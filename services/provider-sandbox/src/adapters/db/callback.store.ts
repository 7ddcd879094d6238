import type { EntityManager } from '@sluice/persistence';
import { dateOrNull, intOrNull, nativeOn, placeholders, query, type Row, text, textOrNull } from '@sluice/persistence';
import type { CallbackEvent, CallbackStore, DeliveryState, DeliveryView, NewDelivery } from '../../app/ports.ts';
import type { EventType } from '../../domain/payout-status.ts';

/** Longest error text kept per delivery: enough to diagnose, bounded against a receiver echoing megabytes. */
const MAX_ERROR_CHARS = 500;

/** Callback events with their deliveries, in two statements. */
export async function insertEvents(
  em: EntityManager,
  events: readonly { event: CallbackEvent; deliveries: readonly NewDelivery[] }[],
): Promise<void> {
  if (events.length === 0) return;
  await query(
    em,
    `insert into sbx_events (id, payout_id, type, body, created_at) values ${placeholders(events.length, 5)}`,
    events.flatMap(({ event }) => [event.id, event.payoutId, event.type, event.body, event.createdAt]),
  );
  const deliveries = events.flatMap(({ event, deliveries }) => deliveries.map((delivery) => ({ event, delivery })));
  if (deliveries.length === 0) return;
  await query(
    em,
    `insert into sbx_deliveries (event_id, payout_id, state, held, next_attempt_at, last_error, created_at)
     values ${placeholders(deliveries.length, 7)}`,
    deliveries.flatMap(({ event, delivery }) => [
      event.id,
      event.payoutId,
      delivery.state,
      delivery.held,
      event.createdAt,
      delivery.note,
      event.createdAt,
    ]),
  );
}

/** Callback events and deliveries; claims use a lease so a crashed worker's tries are picked up again. */
export function callbackStore(em: EntityManager): CallbackStore {
  return {
    addEvent: (event, deliveries) => insertEvents(em, [{ event, deliveries }]),
    async claimDue(now, leaseMs, limit) {
      const rows = await query(
        em,
        `update sbx_deliveries d set attempts = d.attempts + 1, lease_until = ?
         from sbx_events e
         where e.id = d.event_id and d.id in (
           select id from sbx_deliveries
           where state = 'queued' and not held and next_attempt_at <= ? and (lease_until is null or lease_until < ?)
           order by next_attempt_at, id limit ? for update skip locked)
         returning d.id, d.event_id, d.payout_id, d.attempts, e.body`,
        [new Date(now.getTime() + leaseMs), now, now, limit],
      );
      return rows.map((row) => ({
        id: text(row.id),
        eventId: text(row.event_id),
        payoutId: text(row.payout_id),
        attempts: Number(row.attempts),
        body: text(row.body),
      }));
    },
    async finish(tries, now) {
      if (tries.length === 0) return;
      await nativeOn(em)(
        `update sbx_deliveries d set state = v.state, last_status = v.last_status, last_error = v.last_error,
           next_attempt_at = v.next_attempt_at, lease_until = null, delivered_at = v.delivered_at
         from unnest(?::bigint[], ?::text[], ?::int[], ?::text[], ?::timestamptz[], ?::timestamptz[])
           as v (id, state, last_status, last_error, next_attempt_at, delivered_at)
         where d.id = v.id`,
        [
          tries.map((t) => t.deliveryId),
          tries.map(({ result }): DeliveryState => (result.kind === 'retry' ? 'queued' : result.kind)),
          tries.map(({ result }) => result.status),
          tries.map(({ result }) => (result.kind === 'delivered' ? null : result.error.slice(0, MAX_ERROR_CHARS))),
          tries.map(({ result }) => (result.kind === 'retry' ? result.nextAttemptAt : now)),
          tries.map(({ result }) => (result.kind === 'delivered' ? now : null)),
        ],
      );
    },
    async releaseHeld(payoutIds, now) {
      if (payoutIds.length === 0) return;
      await nativeOn(em)(
        'update sbx_deliveries set held = false, next_attempt_at = ? where payout_id = any(?::text[]) and held',
        [now, payoutIds],
      );
    },
    async listForPayout(payoutId) {
      const rows = await query(
        em,
        `select d.id, d.event_id, e.type, d.state, d.held, d.attempts, d.last_status, d.last_error, d.delivered_at
         from sbx_deliveries d join sbx_events e on e.id = d.event_id where d.payout_id = ? order by d.id`,
        [payoutId],
      );
      return rows.map(toView);
    },
  };
}

function toView(row: Row): DeliveryView {
  return {
    id: text(row.id),
    eventId: text(row.event_id),
    type: text(row.type) as EventType,
    state: text(row.state) as DeliveryState,
    held: Boolean(row.held),
    attempts: Number(row.attempts),
    lastStatus: intOrNull(row.last_status),
    lastError: textOrNull(row.last_error),
    deliveredAt: dateOrNull(row.delivered_at),
  };
}
