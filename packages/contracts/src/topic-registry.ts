import type { TopicName, TopicPayloads } from './generated/topics.ts';
import { TOPICS } from './generated/topics.ts';

/** Every topic name, in registry order. */
export const TOPIC_NAMES: readonly TopicName[] = Object.keys(TOPICS) as TopicName[];

/** True when `name` is a topic of the registry. */
export function isTopicName(name: string): name is TopicName {
  return Object.hasOwn(TOPICS, name);
}

/** Dead-letter topic of a topic (ARCHITECTURE.md §3): `<topic>.dlq`. */
export function dlqTopic<T extends TopicName>(topic: T): `${T}.dlq` {
  return `${topic}.dlq`;
}

/** Thrown when an event lacks the value its Kafka key comes from; `code` is stable. */
export class MissingKeyError extends Error {
  readonly code = 'missing_key';
  constructor(topic: TopicName, fields: readonly string[]) {
    super(`${topic}: no key, ${fields.join(' and ')} empty`);
    this.name = 'MissingKeyError';
  }
}

/**
 * The Kafka key of an event: the topic's `keyField`, or its `keyFallbackField` when that is null (e.g. a ledger
 * entry not about a payout is keyed by entry_id). Events of one key keep their order.
 * @throws MissingKeyError when neither field has a value (the schema allows it only for malformed events).
 */
export function messageKey<T extends TopicName>(topic: T, payload: TopicPayloads[T]): string {
  const { keyField, keyFallbackField } = TOPICS[topic];
  const values = payload as unknown as Record<string, unknown>;
  const key = values[keyField] ?? (keyFallbackField === null ? null : values[keyFallbackField]);
  if (typeof key !== 'string' || key === '') {
    throw new MissingKeyError(topic, keyFallbackField === null ? [keyField] : [keyField, keyFallbackField]);
  }
  return key;
}
