import { uniqueName, waitFor } from '@sluice/testing';
import type { Consumer, IHeaders } from 'kafkajs';
import { kafkaTopicName, logicalTopic } from '../topic-namespace.ts';
import { contractRegistry } from './contract-registry.ts';
import { positionGroupAtEnd } from './group-at-end.ts';
import { type TestInfra, testKafka } from './test-namespaces.ts';

/** A message as a consumer of the topic sees it. */
export interface Tapped<V extends object = Record<string, unknown>> {
  /** The logical topic. */
  readonly topic: string;
  readonly partition: number;
  readonly key: string | null;
  /** Decoded through the registry; `{}` when the tap keeps bytes only (dead-letter topics carry whatever arrived). */
  readonly value: V;
  readonly headers: IHeaders;
  readonly raw: Buffer | null;
}

/**
 * Reads topics of the test's namespace as any downstream team would (kafkajs, registry-framed Avro decoded with the
 * registry), from their ends at start (or from their beginnings, in a namespace of one's own), and keeps every message.
 * The one topic reader of every suite and system test.
 */
export class TopicTap<V extends object = Record<string, unknown>> {
  readonly messages: Tapped<V>[] = [];
  readonly #consumer: Consumer;

  private constructor(consumer: Consumer) {
    this.#consumer = consumer;
  }

  /** Starts reading the logical `topics`; with `decode: false` keeps raw bytes only. */
  static async start<V extends object = Record<string, unknown>>(
    infra: TestInfra,
    topics: readonly string[],
    options: { readonly decode?: boolean; readonly fromBeginning?: boolean } = {},
  ): Promise<TopicTap<V>> {
    const groupId = uniqueName('tap');
    if (!options.fromBeginning) await positionGroupAtEnd(infra, groupId, topics);
    const consumer = testKafka(infra).consumer({ groupId });
    const tap = new TopicTap<V>(consumer);
    const registry = contractRegistry(infra);
    await consumer.connect();
    await consumer.subscribe({
      topics: topics.map((topic) => kafkaTopicName(infra.topicNamespace, topic)),
      fromBeginning: options.fromBeginning === true,
    });
    await consumer.run({
      eachMessage: async ({ topic: kafkaTopic, partition, message }) => {
        const topic = logicalTopic(infra.topicNamespace, kafkaTopic);
        const decode = options.decode !== false && message.value !== null;
        tap.messages.push({
          topic,
          partition,
          key: message.key?.toString() ?? null,
          value: decode ? await registry.decode<V>(topic, message.value!) : ({} as V),
          headers: message.headers ?? {},
          raw: message.value,
        });
      },
    });
    return tap;
  }

  /** Messages about one payout (their `payout_id`), of one topic or all, in the order consumed. */
  about(payoutId: string, topic?: string): Tapped<V>[] {
    return this.messages.filter(
      (m) => (m.value as { payout_id?: unknown }).payout_id === payoutId && (topic === undefined || m.topic === topic),
    );
  }

  /** Waits for a message matching `predicate` and returns it; a timeout names `description`. */
  waitFor(predicate: (message: Tapped<V>) => boolean, description: string, timeoutMs = 30_000): Promise<Tapped<V>> {
    return waitFor(() => this.messages.find(predicate), { timeoutMs, description });
  }

  stop(): Promise<void> {
    return this.#consumer.disconnect();
  }
}
