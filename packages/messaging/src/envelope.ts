import { v7 as uuidv7 } from 'uuid';

/** The fields every event carries (ARCHITECTURE.md §3), flat at the top of each Avro record. */
export interface Envelope {
  event_id: string;
  event_type: string;
  occurred_at: number;
  producer: string;
  correlation_id: string;
  causation_id: string | null;
  payout_id?: string | null;
}

/** Where an event sits in a payout's story: the trace it belongs to and the event that caused it. */
export interface Trace {
  readonly correlationId: string;
  readonly causationId?: string | null;
  readonly payoutId?: string | null;
}

/** UUIDv7: time-ordered, so ids sort by creation and index well. */
export const newEventId = (): string => uuidv7();

/** `payouts.requested.v1` → `payouts.requested`: the fact, without the contract version. */
export const eventTypeOf = (topic: string): string => topic.replace(/\.v\d+$/, '');

/** Builds the envelope for a new event on `topic`. */
export function envelope(topic: string, producer: string, trace: Trace, nowMs = Date.now()): Envelope {
  return {
    event_id: newEventId(),
    event_type: eventTypeOf(topic),
    occurred_at: nowMs,
    producer,
    correlation_id: trace.correlationId,
    causation_id: trace.causationId ?? null,
    ...(trace.payoutId !== undefined ? { payout_id: trace.payoutId } : {}),
  };
}

/** The trace of events caused by `cause`: same correlation, causation = the cause's id, same payout. */
export function traceFrom(cause: Envelope): Trace {
  return { correlationId: cause.correlation_id, causationId: cause.event_id, payoutId: cause.payout_id ?? null };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Why a decoded value cannot be handled as an event, or undefined when its envelope is sound. */
export function envelopeProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'event is not a record';
  const event = value as Partial<Envelope>;
  if (typeof event.event_id !== 'string' || !UUID.test(event.event_id)) return 'event_id is not a UUID';
  if (typeof event.correlation_id !== 'string' || event.correlation_id.length === 0) return 'correlation_id is missing';
  return undefined;
}
