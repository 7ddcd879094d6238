import type { Admin } from 'kafkajs';
import { kafkaTopicName, TopicNamespaceError, topicNamespace } from './topic-namespace.ts';
import { withDeadLetterTopics } from './topic-spec.ts';

/** Partitions of a topic when nothing says otherwise: `infra:up`'s default (SLUICE_TOPIC_PARTITIONS). */
export const DEFAULT_TOPIC_PARTITIONS = 6;

/** One Kafka topic to have, with the size it gets if it has to be created. */
export interface TopicLayout {
  readonly topic: string;
  readonly partitions: number;
  readonly replicationFactor: number;
}

/** Topics created by one call, and those that already existed. */
export interface TopicsOutcome {
  readonly created: readonly string[];
  readonly existing: readonly string[];
}

const CREATE_TIMEOUT_MS = 60_000;

/**
 * Creates every topic of `layouts` that does not exist yet and waits until every one of them (created now or by
 * someone else a moment ago) is served, so a producer or group positioning started right after never meets
 * LEADER_NOT_AVAILABLE or NOT_LEADER_FOR_PARTITION. Existing topics are left as they are, including their partition
 * count: the call is idempotent and cheap (a metadata request and one offsets request per topic) when all is there.
 */
export async function ensureTopics(admin: Admin, layouts: readonly TopicLayout[]): Promise<TopicsOutcome> {
  const present = new Set(await admin.listTopics());
  const missing = layouts.filter((layout) => !present.has(layout.topic));
  if (missing.length > 0) {
    await admin.createTopics({
      waitForLeaders: true,
      timeout: CREATE_TIMEOUT_MS,
      topics: missing.map((layout) => ({
        topic: layout.topic,
        numPartitions: layout.partitions,
        replicationFactor: layout.replicationFactor,
      })),
    });
  }
  // Also for topics another process created a moment ago (parallel suites): present is not yet served.
  await untilOffsetsServed(
    admin,
    layouts.map((layout) => layout.topic),
  );
  return {
    created: missing.map((layout) => layout.topic),
    existing: layouts.filter((layout) => present.has(layout.topic)).map((layout) => layout.topic),
  };
}

const OFFSETS_POLL_MS = 100;

/**
 * Waits until the broker answers ListOffsets for every partition of `topics`. `waitForLeaders` returns once the
 * metadata names a leader, but right after creation that leader can still answer NOT_LEADER_FOR_PARTITION for a short
 * while: a suite that positioned its consumer group on fresh topics failed on exactly that in CI.
 */
async function untilOffsetsServed(admin: Admin, topics: readonly string[]): Promise<void> {
  const deadline = Date.now() + CREATE_TIMEOUT_MS;
  for (const topic of topics) {
    for (;;) {
      try {
        await admin.fetchTopicOffsets(topic);
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, OFFSETS_POLL_MS));
      }
    }
  }
}

/**
 * Creates the Kafka topics of `namespace` for the logical `topics` and their dead-letter topics, each shaped like the
 * same topic of the default namespace (partitions and replicas, so per-payout order and consumer parallelism behave as
 * there), or DEFAULT_TOPIC_PARTITIONS on one replica where that topic does not exist. Idempotent. The default
 * namespace is refused: its topics are `infra:up`'s (production's: the operator's), never created on the side.
 */
export async function ensureNamespaceTopics(
  admin: Admin,
  namespace: string,
  topics: readonly string[],
): Promise<TopicsOutcome> {
  if (topicNamespace(namespace) === '') {
    throw new TopicNamespaceError('the default namespace is created by infra:up, not by ensureNamespaceTopics');
  }
  const logical = withDeadLetterTopics(topics);
  const present = new Set(await admin.listTopics());
  const twins = logical.filter((topic) => present.has(topic));
  const metadata = twins.length > 0 ? await admin.fetchTopicMetadata({ topics: twins }) : { topics: [] };
  const shapeOf = new Map(
    metadata.topics.map((twin) => [
      twin.name,
      { partitions: twin.partitions.length, replicationFactor: twin.partitions[0]?.replicas.length ?? 1 },
    ]),
  );
  return ensureTopics(
    admin,
    logical.map((topic) => ({
      topic: kafkaTopicName(namespace, topic),
      ...(shapeOf.get(topic) ?? { partitions: DEFAULT_TOPIC_PARTITIONS, replicationFactor: 1 }),
    })),
  );
}
