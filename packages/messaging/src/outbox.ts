import { type EntityManager, placeholders } from '@sluice/persistence';
import type { EventCodec } from './codec.ts';
import { type Envelope, envelope, type Trace } from './envelope.ts';

/** An event ready for the outbox: its topic and the full record (envelope + payload). */
export interface OutgoingEvent {
  readonly topic: string;
  readonly event: Envelope & Record<string, unknown>;
}

/** The outbox table's columns, in the order `Outbox.row` returns their values. */
export const OUTBOX_COLUMNS = 'event_id, topic, message_key, payload, payout_id, correlation_id';

/** A payload without the envelope fields; `Outbox.event` adds them. */
export type Payload<E> = Omit<E, keyof Envelope>;

/**
 * Writes events into the outbox table inside the caller's transaction, so the state change and the promise to
 * publish commit or roll back together. The relay publishes them later; nothing here touches Kafka.
 */
export class Outbox {
  readonly #codec: EventCodec;
  readonly #producer: string;

  constructor(options: { codec: EventCodec; producer: string }) {
    this.#codec = options.codec;
    this.#producer = options.producer;
  }

  /** A complete event for `topic`: fresh envelope from the trace, then the payload. */
  event<E extends Envelope>(topic: string, payload: Payload<E>, trace: Trace): OutgoingEvent {
    const head = envelope(topic, this.#producer, trace);
    return { topic, event: { ...head, ...payload } as Envelope & Record<string, unknown> };
  }

  /**
   * The values of one outbox row, in `OUTBOX_COLUMNS` order: the event validated against its topic's schema and
   * Avro-encoded. For services that fold the outbox insert into a larger statement of their own (one round trip).
   */
  row({ topic, event }: OutgoingEvent): unknown[] {
    const payload = this.#codec.encode(topic, event);
    return [
      event.event_id,
      topic,
      this.#codec.keyOf(topic, event),
      payload,
      event.payout_id ?? null,
      event.correlation_id,
    ];
  }

  /** Validates and encodes every event, then inserts them with one multi-row statement in `em`'s transaction. */
  async append(em: EntityManager, events: readonly OutgoingEvent[]): Promise<void> {
    if (events.length === 0) return;
    await em.execute(
      `insert into outbox (${OUTBOX_COLUMNS}) values ${placeholders(events.length, 6)}`,
      events.flatMap((outgoing) => this.row(outgoing)),
    );
  }
}
