import type { Database } from '@sluice/persistence';
import type { Logger } from '@sluice/service-kit';
import type avro from 'avsc';
import type { Kafka, Producer } from 'kafkajs';
import type { Registry } from 'prom-client';
import { EventCodec } from './codec.ts';
import { ConsumerRunner, type ConsumerRunnerOptions, type EventHandler } from './consumer-runner.ts';
import { createKafka, createProducer } from './kafka.ts';
import { type MessagingMetrics, messagingMetrics } from './metrics.ts';
import { Outbox } from './outbox.ts';
import { RegistryClient } from './registry.ts';
import { OutboxRelay, type RelayOptions } from './relay.ts';
import { topicNamespace } from './topic-namespace.ts';
import type { TopicCatalog } from './topic-spec.ts';

export interface MessagingOptions {
  /** The producing service's name: `producer` in every envelope and the Kafka client id. */
  readonly service: string;
  readonly brokers: readonly string[];
  readonly registryUrl: string;
  readonly db: Database;
  readonly topics: TopicCatalog;
  /** Topic namespace every Kafka topic name is in; empty (the default) is the production names. */
  readonly namespace?: string;
  readonly avroOptions: Partial<avro.ForSchemaOptions>;
  readonly logger: Logger;
  readonly metricsRegistry: Registry;
}

/** Everything a service needs to publish and consume; built once in its composition root. */
export interface Messaging {
  readonly kafka: Kafka;
  readonly producer: Producer;
  readonly codec: EventCodec;
  readonly outbox: Outbox;
  readonly registry: RegistryClient;
  readonly metrics: MessagingMetrics;
  /** The topic namespace the relay publishes in and consumers read from (`kafkaTopicName`). */
  readonly namespace: string;
  relay(
    options?: Pick<
      RelayOptions,
      'batchSize' | 'pollIntervalMs' | 'lingerMs' | 'gapTtlMs' | 'fullScanIntervalMs' | 'afterPublish'
    >,
  ): OutboxRelay;
  consumer(
    options: { groupId: string; handlers: readonly EventHandler[] } & Pick<
      ConsumerRunnerOptions,
      'maxAttempts' | 'chunkSize' | 'fromBeginning' | 'afterDbCommit' | 'partitionsConcurrently'
    >,
  ): ConsumerRunner;
  /** Kafka and registry reachability for /readyz. */
  check(): Promise<{ ok: boolean; detail?: string }>;
  close(): Promise<void>;
}

export async function createMessaging(options: MessagingOptions): Promise<Messaging> {
  const namespace = topicNamespace(options.namespace ?? '');
  const kafka = createKafka({ clientId: options.service, brokers: options.brokers, logger: options.logger });
  const producer = createProducer(kafka);
  await producer.connect();
  const codec = new EventCodec(options.topics, options.avroOptions);
  const registry = new RegistryClient({ url: options.registryUrl, codec, avroOptions: options.avroOptions });
  const outbox = new Outbox({ codec, producer: options.service });
  const metrics = messagingMetrics(options.metricsRegistry);
  const admin = kafka.admin();
  await admin.connect();
  return {
    kafka,
    producer,
    codec,
    outbox,
    registry,
    metrics,
    namespace,
    relay: (relayOptions = {}) =>
      new OutboxRelay({
        ...relayOptions,
        db: options.db,
        producer,
        registry,
        logger: options.logger,
        metrics,
        namespace,
      }),
    consumer: (consumerOptions) =>
      new ConsumerRunner({
        ...consumerOptions,
        kafka,
        db: options.db,
        registry,
        outbox,
        producer,
        logger: options.logger,
        metrics,
        namespace,
      }),
    async check() {
      try {
        await admin.describeCluster();
        const res = await fetch(`${options.registryUrl}/subjects`, { signal: AbortSignal.timeout(2_000) });
        return res.ok ? { ok: true } : { ok: false, detail: `registry answered ${res.status}` };
      } catch (error) {
        return { ok: false, detail: (error as Error).message };
      }
    },
    async close() {
      await admin.disconnect();
      await producer.disconnect();
    },
  };
}
