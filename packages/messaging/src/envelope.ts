import { type EventEnvelope, eventTypeOf } from '@sluice/contracts';
import { v7 as uuidv7 } from 'uuid';

/** The fields every event carries (ARCHITECTURE.md §3), flat at the top of each Avro record; owned by the contracts. */
export type Envelope = EventEnvelope;

/** Where an event sits in a payout's story: the trace it belongs to and the event that caused it. */
export interface Trace {
  readonly correlationId: string;
  readonly causationId?: string | null;
  readonly payoutId?: string | null;
}

/** UUIDv7: time-ordered, so ids sort by creation and index well. */
export const newEventId = (): string => uuidv7();

/** Builds the envelope for a new event on `topic`. */
export { eventTypeOf };

export function envelope(topic: string, producer: string, trace: Trace, nowMs = Date.now()): Envelope {
  return {
    event_id: newEventId(),
    event_type: eventTypeOf(topic),
    occurred_at: nowMs,
    producer,
    correlation_id: trace.correlationId,
    causation_id: trace.causationId ?? null,
    payout_id: trace.payoutId ?? null,
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
