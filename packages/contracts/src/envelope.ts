/**
 * The event envelope (ARCHITECTURE.md §3): the first fields of every topic record, flat, in this order.
 * `schema-conventions.ts` enforces it on every schema; generated payload interfaces all extend this shape.
 */
export interface EventEnvelope {
  /** Unique id of the event (UUIDv7); consumers deduplicate on it. */
  event_id: string;
  /** The fact, i.e. the topic name without its version suffix (e.g. `payouts.requested`). */
  event_type: string;
  /** When the fact happened, milliseconds since the Unix epoch (UTC). */
  occurred_at: number;
  /** Producing service, e.g. `intake`. */
  producer: string;
  /** Trace id of the payout, copied onto every event about it. */
  correlation_id: string;
  /** `event_id` of the event that caused this one, or null when the cause is outside Sluice. */
  causation_id: string | null;
  /** The payout the event is about; null only on topics where it does not always apply. */
  payout_id: string | null;
}

/** Envelope field names in schema order. */
export const ENVELOPE_FIELDS = [
  'event_id',
  'event_type',
  'occurred_at',
  'producer',
  'correlation_id',
  'causation_id',
  'payout_id',
] as const satisfies readonly (keyof EventEnvelope)[];

/** `event_type` of a topic: its name without the `.v<major>` suffix. */
export function eventTypeOf(topic: string): string {
  return topic.replace(/\.v\d+$/, '');
}
