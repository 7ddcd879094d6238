/** What messaging needs to know about a topic; `@sluice/contracts` generates one per schema file. */
export interface TopicSpec {
  readonly topic: string;
  /** Registry subject, `<topic>-value`. */
  readonly subject: string;
  /** Event field whose value is the Kafka message key (per-payout order). */
  readonly keyField: string;
  /** Used as the key when `keyField` is null on an event (e.g. a rejection before a payout id existed). */
  readonly keyFallbackField?: string | null;
  /** The Avro schema as parsed JSON. */
  readonly schema: object;
}

export type TopicCatalog = Readonly<Record<string, TopicSpec>>;

export const dlqTopicOf = (topic: string): string => `${topic}.dlq`;

/** Each topic followed by its dead-letter topic: what a set of topics needs on the broker. */
export const withDeadLetterTopics = (topics: readonly string[]): string[] =>
  topics.flatMap((topic) => [topic, dlqTopicOf(topic)]);
