import type { IHeaders } from 'kafkajs';
import { createProducer } from '../kafka.ts';
import { kafkaTopicName } from '../topic-namespace.ts';
import { contractRegistry } from './contract-registry.ts';
import { type TestInfra, testKafka } from './test-namespaces.ts';

/** One message for a test to publish: its Kafka key (per-payout order), headers, and a partition to aim at one. */
interface Keyed {
  readonly key: string;
  readonly headers?: IHeaders;
  readonly partition?: number;
}

/**
 * Publishes events to logical `topic` in the test's namespace the way an upstream producer or a service's relay must:
 * Avro framed with the registry's schema id, keyed. Events of one call go in one request, in order.
 */
export async function publishEvents(
  infra: TestInfra,
  topic: string,
  events: readonly (Keyed & { readonly event: object })[],
): Promise<void> {
  const registry = contractRegistry(infra);
  await publishRaw(
    infra,
    topic,
    await Promise.all(
      events.map(async ({ event, ...keyed }) => ({ ...keyed, value: await registry.encode(topic, event) })),
    ),
  );
}

/** Publishes bytes as they are (malformed-message tests) to logical `topic` in the test's namespace. */
export async function publishRaw(
  infra: TestInfra,
  topic: string,
  messages: readonly (Keyed & { readonly value: Buffer })[],
): Promise<void> {
  const producer = createProducer(testKafka(infra));
  await producer.connect();
  try {
    await producer.send({ topic: kafkaTopicName(infra.topicNamespace, topic), acks: -1, messages: [...messages] });
  } finally {
    await producer.disconnect();
  }
}
