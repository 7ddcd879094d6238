import type { AvroRecordSchema } from './avro-schema.ts';
import type { TopicName, TopicPayloads } from './generated/topics.ts';

/** Names of the fields of `P` whose type is `V` exactly (no null). */
export type FieldOfType<P, V> = { [K in keyof P]-?: [P[K]] extends [V] ? K : never }[keyof P] & string;

/** Names of the fields of `P` that are strings or nullable strings: candidates for a Kafka key. */
export type KeyableField<P> = FieldOfType<P, string | null>;

/** The registry entry of one topic (see `TOPICS` in generated/topics.ts). */
export interface TopicDefinition<T extends TopicName> {
  /** Kafka topic name. */
  readonly topic: T;
  /** Schema registry subject (TopicNameStrategy: `<topic>-value`). */
  readonly subject: `${T}-value`;
  /** Field whose value is the Kafka key (per-key ordering). */
  readonly keyField: KeyableField<TopicPayloads[T]>;
  /** Field used as the key when `keyField` is null; null when `keyField` is never null. */
  readonly keyFallbackField: FieldOfType<TopicPayloads[T], string> | null;
  /** Repository-relative path of the `.avsc` file. */
  readonly schemaFile: string;
  /** The schema as parsed from the file; register it as `JSON.stringify(schema)`. */
  readonly schema: AvroRecordSchema;
}

/** Shape `TOPICS` must satisfy: one definition per topic, keyed by topic name. */
export type TopicRegistry = { readonly [T in TopicName]: TopicDefinition<T> };
