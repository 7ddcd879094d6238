import { OUTBOX_COLUMNS, type Outbox, type OutgoingEvent } from '@sluice/messaging';
import { type Database, GroupCommit, preparedOn, type RunSql } from '@sluice/persistence';
import { CALLBACKS_TOPIC } from '../../app/callback-event.ts';
import type { ArchivedCallback, ArchiveResult, CallbackStore, Forward, Rejection } from '../../app/ports.ts';

const CALLBACK_COLUMNS = `id, provider, provider_event_id, event_type, outcome, provider_reference, client_reference,
  payout_id, provider_status, scheme, key_id, verdict, needs_confirmation, signed_at, headers, raw_body, raw_body_sha256,
  source_address, received_at, event_id`;
const CALLBACK_VALUES = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'valid', ?, ?, ?::jsonb, ?, ?, ?, ?, ?)";
const OUTBOX_VALUES = '(?::int, ?::uuid, ?, ?, ?::bytea, ?, ?)';

const COUNT_DUPLICATE = `update webhook_callbacks
  set duplicate_count = duplicate_count + 1,
      mismatched_duplicate_count = mismatched_duplicate_count + case when raw_body_sha256 = ? then 0 else 1 end,
      last_duplicate_at = ?
  where provider = ? and provider_event_id = ?
  returning id, raw_body_sha256 = ? as same_body`;

const INSERT_REJECTION = `insert into webhook_rejections (id, provider, reason, verdict, scheme, key_id, detail, headers,
    body_bytes, raw_body_sha256, raw_body, source_address, received_at)
  values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)`;

/** One callback waiting for its write, with the event it forwards when it turns out to be new. */
interface Pending {
  readonly callback: ArchivedCallback;
  readonly event: OutgoingEvent | null;
}

/**
 * The archive and the rejection log in the gateway's database; forwarded events go through the outbox. Callbacks
 * arriving together share one atomic statement (group commit): a provider's burst costs one commit, not one per
 * request, and each request is still answered only after its own row and event are durable.
 */
export function sqlCallbackStore(
  db: Database,
  messaging: { outbox: Outbox },
  options: { concurrency: number },
): CallbackStore {
  const { outbox } = messaging;
  const group = new GroupCommit<Pending, ArchiveResult>({
    concurrency: options.concurrency,
    run: async (items) => acceptAll(preparedOn(await db.pool()), outbox, items),
  });
  return {
    accept: (callback, forward) => group.submit({ callback, event: forwardEvent(outbox, forward) }),
    async reject(rejection: Rejection) {
      await db
        .fork()
        .execute(INSERT_REJECTION, [
          rejection.id,
          rejection.provider,
          rejection.reason,
          rejection.verdict,
          rejection.scheme,
          rejection.keyId,
          rejection.detail,
          JSON.stringify(rejection.headers),
          rejection.bodyBytes,
          rejection.rawBodySha256,
          rejection.rawBody,
          rejection.sourceAddress,
          rejection.receivedAt,
        ]);
    },
  };
}

const forwardEvent = (outbox: Outbox, forward: Forward | null): OutgoingEvent | null =>
  forward ? outbox.event(CALLBACKS_TOPIC, forward.payload, forward.trace) : null;

/**
 * Insert-or-count for a batch in ONE statement (one round trip, atomic without an explicit transaction): the archive
 * rows, then the outbox rows of exactly those that were inserted. `on conflict do nothing` skips rows whose (provider,
 * provider event id) is archived already — or earlier in the same batch — and a concurrent statement inserting the
 * same event makes this one wait for its commit, so exactly one delivery of an event is archived and forwarded.
 * The outbox rows are `Outbox.row` values (the columns `Outbox.append` writes, validated and Avro-encoded by the shared
 * codec); writing them here saves three round trips per batch, which is most of the gateway's cost per callback.
 * `run` sends it as a prepared statement (one text per batch shape), so values are not formatted into SQL per call.
 */
export async function acceptAll(run: RunSql, outbox: Outbox, items: readonly Pending[]): Promise<ArchiveResult[]> {
  // Rows go in key order, so concurrent batches take unique-index locks in one order and never deadlock each other.
  const ordered = [...items].sort((a, b) => compareKeys(a.callback, b.callback));
  const params: unknown[] = [];
  for (const { callback: c, event } of ordered) {
    params.push(c.id, c.provider, c.providerEventId, c.eventType, c.outcome, c.providerReference, c.clientReference);
    params.push(c.payoutId, c.providerStatus, c.scheme, c.keyId, c.needsConfirmation, c.signedAt);
    params.push(JSON.stringify(c.headers), c.rawBody, c.rawBodySha256, c.sourceAddress, c.receivedAt);
    params.push(event?.event.event_id ?? null);
  }
  // Outbox rows in arrival order (the relay publishes by outbox id, and per-payout order is arrival order).
  const forwarded = items.filter((item) => item.event !== null);
  for (const [ordinal, { event }] of forwarded.entries()) {
    params.push(ordinal, ...outbox.row(event!));
  }
  const outboxInsert = forwarded.length
    ? `, queued as (
        insert into outbox (${OUTBOX_COLUMNS})
        select o.event_id, o.topic, o.message_key, o.payload, o.payout_id, o.correlation_id
        from (values ${forwarded.map(() => OUTBOX_VALUES).join(', ')})
          as o(ordinal, event_id, topic, message_key, payload, payout_id, correlation_id)
        join archived on archived.event_id = o.event_id
        order by o.ordinal)`
    : '';
  const inserted = await run(
    `with archived as (
       insert into webhook_callbacks (${CALLBACK_COLUMNS}) values ${ordered.map(() => CALLBACK_VALUES).join(', ')}
       on conflict (provider, provider_event_id) do nothing returning id, event_id)${outboxInsert}
     select id from archived`,
    params,
  );
  const fresh = new Set(inserted.map((row) => String(row.id)));
  const results: ArchiveResult[] = [];
  for (const { callback, event } of items) {
    results.push(
      fresh.has(callback.id)
        ? { kind: 'archived', eventId: event?.event.event_id ?? null }
        : await countDuplicate(run, callback),
    );
  }
  return results;
}

const compareKeys = (a: ArchivedCallback, b: ArchivedCallback): number =>
  a.provider === b.provider
    ? a.providerEventId < b.providerEventId
      ? -1
      : a.providerEventId > b.providerEventId
        ? 1
        : 0
    : a.provider < b.provider
      ? -1
      : 1;

async function countDuplicate(run: RunSql, callback: ArchivedCallback): Promise<ArchiveResult> {
  const [existing] = await run(COUNT_DUPLICATE, [
    callback.rawBodySha256,
    callback.receivedAt,
    callback.provider,
    callback.providerEventId,
    callback.rawBodySha256,
  ]);
  if (!existing) throw new Error('callback neither inserted nor found: the unique index is missing');
  return { kind: 'duplicate', callbackId: String(existing.id), sameBody: existing.same_body === true };
}
