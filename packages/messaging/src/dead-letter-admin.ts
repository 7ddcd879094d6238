import type { Kafka } from 'kafkajs';
import { DLQ_HEADERS } from './dead-letter.ts';
import { kafkaTopicName } from './topic-namespace.ts';
import { dlqTopicOf } from './topic-spec.ts';

/** A dead letter as an operator sees it. */
export interface DeadLetterRecord {
  readonly dlqOffset: string;
  readonly partition: number;
  readonly originalTopic: string;
  readonly originalOffset: string;
  readonly eventId: string | undefined;
  readonly errorClass: string;
  readonly reason: string;
  readonly attempts: number;
  readonly failedAt: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Record<string, string>;
}

const header = (headers: Record<string, string>, name: string) => headers[name] ?? '';

/** Which dead letters: those of logical `topic` in topic namespace `namespace` (empty: the production names). */
export interface DeadLetterScope {
  readonly topic: string;
  readonly namespace?: string;
}

const dlqOf = (scope: DeadLetterScope) => kafkaTopicName(scope.namespace ?? '', dlqTopicOf(scope.topic));

/**
 * Reads every dead letter of the scope's topic present now (from the earliest offset to the current high watermark),
 * without joining or moving any consumer group: a read-only scan with a throwaway group that commits nothing.
 */
export async function listDeadLetters(
  kafka: Kafka,
  scope: DeadLetterScope,
  timeoutMs = 15_000,
): Promise<DeadLetterRecord[]> {
  const dlq = dlqOf(scope);
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(dlq);
  await admin.disconnect();
  const remaining = new Map(
    ends.filter((p) => BigInt(p.high) > BigInt(p.low)).map((p) => [p.partition, BigInt(p.high)]),
  );
  const records: DeadLetterRecord[] = [];
  if (remaining.size === 0) return records;
  const consumer = kafka.consumer({ groupId: `sluice-dlq-reader-${process.pid}-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topic: dlq, fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out reading ${dlq}`)), timeoutMs);
    void consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        const headers = Object.fromEntries(
          Object.entries(message.headers ?? {}).map(([name, value]) => [name, value?.toString() ?? '']),
        );
        records.push({
          dlqOffset: message.offset,
          partition,
          originalTopic: header(headers, DLQ_HEADERS.originalTopic) || scope.topic,
          originalOffset: header(headers, DLQ_HEADERS.originalOffset),
          eventId: headers.event_id,
          errorClass: header(headers, DLQ_HEADERS.errorClass),
          reason: header(headers, DLQ_HEADERS.errorMessage),
          attempts: Number(header(headers, DLQ_HEADERS.attempts) || 0),
          failedAt: header(headers, DLQ_HEADERS.failedAt),
          key: message.key,
          value: message.value,
          headers,
        });
        const end = remaining.get(partition);
        if (end !== undefined && BigInt(message.offset) + 1n >= end) remaining.delete(partition);
        if (remaining.size === 0) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  await consumer.disconnect();
  return records.sort((a, b) => a.partition - b.partition || Number(BigInt(a.dlqOffset) - BigInt(b.dlqOffset)));
}

/**
 * Republishes dead letters of the scope's topic (all, or the one with `eventId`, or those at the given DLQ offsets) to
 * the original topic of the same namespace with their original key, bytes and headers. Consumers are idempotent, so
 * replaying twice is harmless.
 */
export async function replayDeadLetters(
  kafka: Kafka,
  scope: DeadLetterScope,
  filter: { eventId?: string; dlqOffsets?: readonly string[] } = {},
): Promise<DeadLetterRecord[]> {
  const letters = (await listDeadLetters(kafka, scope)).filter(
    (letter) =>
      (filter.eventId === undefined || letter.eventId === filter.eventId) &&
      (filter.dlqOffsets === undefined || filter.dlqOffsets.includes(letter.dlqOffset)),
  );
  if (letters.length === 0) return letters;
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({
      topic: kafkaTopicName(scope.namespace ?? '', scope.topic),
      acks: -1,
      messages: letters.map((letter) => ({
        key: letter.key,
        value: letter.value,
        headers: {
          ...Object.fromEntries(Object.entries(letter.headers).filter(([name]) => !name.startsWith('dlq.'))),
          'dlq.replayed.from': `${dlqOf(scope)}/${letter.partition}/${letter.dlqOffset}`,
        },
      })),
    });
  } finally {
    await producer.disconnect();
  }
  return letters;
}
