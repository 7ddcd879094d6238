import { TOPICS } from '@sluice/contracts';
import { createLogger } from '@sluice/service-kit';
import { type InfraEndpoints, uniqueName } from '@sluice/testing';
import type { Kafka } from 'kafkajs';
import { createKafka } from '../kafka.ts';
import { ensureNamespaceTopics } from '../topic-admin.ts';
import { kafkaTopicName } from '../topic-namespace.ts';
import { withDeadLetterTopics } from '../topic-spec.ts';

/**
 * The topic namespace every integration and system suite shares, for the whole run rather than one per suite: its
 * topics are created once (the first suite of a machine pays for it, later ones make one metadata request), the broker
 * is not put through hundreds of topic creations and deletions per run on a 2-core machine, and suites already keep
 * apart from each other with consumer groups positioned at the topics' ends (positionGroupAtEnd). A suite that must read a
 * topic from its beginning takes a namespace of its own (ownNamespace).
 */
export const TEST_NAMESPACE = 'test';

/** The infrastructure of a test and the topic namespace its services, readers and producers use. */
export interface TestInfra extends InfraEndpoints {
  readonly topicNamespace: string;
}

/** A namespace created for one suite or benchmark run; `drop` deletes its topics. */
export interface OwnNamespace extends TestInfra {
  drop(): Promise<void>;
}

/** Every contract topic: what a service of the stack may read or write. */
const CONTRACT_TOPICS = Object.keys(TOPICS);

export const testKafka = (infra: Pick<InfraEndpoints, 'kafkaBrokers'>): Kafka =>
  createKafka({
    clientId: uniqueName('sluice-test'),
    brokers: infra.kafkaBrokers,
    logger: createLogger('test', 'silent'),
  });

async function withAdmin<T>(infra: InfraEndpoints, work: (admin: ReturnType<Kafka['admin']>) => Promise<T>) {
  const admin = testKafka(infra).admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

const ensured = new Map<string, Promise<unknown>>();

/** The shared test namespace, its topics created on first use in this process. */
export async function testNamespace(infra: InfraEndpoints): Promise<TestInfra> {
  const key = infra.kafkaBrokers.join(',');
  let ready = ensured.get(key);
  if (!ready) {
    ready = withAdmin(infra, (admin) => ensureNamespaceTopics(admin, TEST_NAMESPACE, CONTRACT_TOPICS));
    ready.catch(() => ensured.delete(key));
    ensured.set(key, ready);
  }
  await ready;
  return { ...infra, topicNamespace: TEST_NAMESPACE };
}

/** A namespace of its own (`<prefix>-<unique>`) with the given logical topics and their dead-letter topics. */
export async function ownNamespace(
  infra: InfraEndpoints,
  options: { readonly prefix: string; readonly topics?: readonly string[] },
): Promise<OwnNamespace> {
  const namespace = uniqueName(options.prefix);
  const topics = options.topics ?? CONTRACT_TOPICS;
  await withAdmin(infra, (admin) => ensureNamespaceTopics(admin, namespace, topics));
  return {
    ...infra,
    topicNamespace: namespace,
    drop: () =>
      withAdmin(infra, (admin) =>
        admin.deleteTopics({ topics: withDeadLetterTopics(topics).map((topic) => kafkaTopicName(namespace, topic)) }),
      ),
  };
}

/** The env a service needs to run on the test's infrastructure and in its namespace. */
export function serviceEnv(infra: TestInfra): Record<string, string> {
  return {
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    SCHEMA_REGISTRY_URL: infra.schemaRegistryUrl,
    DATABASE_URL: infra.postgresUrl,
    KAFKA_TOPIC_NAMESPACE: infra.topicNamespace,
  };
}
