import type { IHeaders, KafkaMessage, Producer } from 'kafkajs';
import type { ErrorClass } from './errors.ts';
import { kafkaTopicName } from './topic-namespace.ts';
import { dlqTopicOf } from './topic-spec.ts';

/** Headers a dead letter carries, beside the original message's own headers and its untouched bytes. */
export const DLQ_HEADERS = {
  originalTopic: 'dlq.original.topic',
  originalPartition: 'dlq.original.partition',
  originalOffset: 'dlq.original.offset',
  errorClass: 'dlq.error.class',
  errorMessage: 'dlq.error.message',
  attempts: 'dlq.attempts',
  consumerGroup: 'dlq.consumer.group',
  failedAt: 'dlq.failed.at',
} as const;

export interface DeadLetter {
  /** The logical topic; the dead letter goes to its `.dlq` in the consumer's namespace. */
  readonly topic: string;
  readonly partition: number;
  readonly message: KafkaMessage;
  readonly errorClass: ErrorClass;
  readonly reason: string;
  readonly attempts: number;
}

/**
 * Publishes dead letters to `<topic>.dlq` of `namespace`, keeping key and bytes as they arrived so a replay is exact.
 * The original-topic header holds the logical name, as everything but the Kafka boundary does.
 */
export async function publishDeadLetters(
  producer: Producer,
  group: string,
  letters: readonly DeadLetter[],
  namespace = '',
): Promise<void> {
  if (letters.length === 0) return;
  const byTopic = new Map<string, { key: Buffer | null; value: Buffer | null; headers: IHeaders }[]>();
  for (const letter of letters) {
    const messages = byTopic.get(letter.topic) ?? [];
    messages.push({
      key: letter.message.key,
      value: letter.message.value,
      headers: {
        ...letter.message.headers,
        [DLQ_HEADERS.originalTopic]: letter.topic,
        [DLQ_HEADERS.originalPartition]: String(letter.partition),
        [DLQ_HEADERS.originalOffset]: letter.message.offset,
        [DLQ_HEADERS.errorClass]: letter.errorClass,
        [DLQ_HEADERS.errorMessage]: letter.reason.slice(0, 2000),
        [DLQ_HEADERS.attempts]: String(letter.attempts),
        [DLQ_HEADERS.consumerGroup]: group,
        [DLQ_HEADERS.failedAt]: new Date().toISOString(),
      },
    });
    byTopic.set(letter.topic, messages);
  }
  await producer.sendBatch({
    acks: -1,
    topicMessages: [...byTopic].map(([topic, messages]) => ({
      topic: kafkaTopicName(namespace, dlqTopicOf(topic)),
      messages,
    })),
  });
}
