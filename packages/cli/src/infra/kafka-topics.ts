import { InfraError } from './errors.ts';
import { withAdmin } from './kafka-admin.ts';

/** Topics created by one `ensureTopics` call, and those that already existed. */
export interface TopicsOutcome {
  readonly created: readonly string[];
  readonly existing: readonly string[];
}

const CREATE_TIMEOUT_MS = 60_000;

/**
 * Creates every topic in `topics` that does not exist yet (replication 1: one broker) and waits for their
 * leaders, so a producer started right after `up` never meets LEADER_NOT_AVAILABLE. Existing topics are left as
 * they are, including their partition count.
 */
export async function ensureTopics(
  brokers: readonly string[],
  topics: readonly string[],
  partitions: number,
): Promise<TopicsOutcome> {
  try {
    return await withAdmin(brokers, async (admin) => {
      const present = new Set(await admin.listTopics());
      const missing = topics.filter((topic) => !present.has(topic));
      if (missing.length > 0) {
        await admin.createTopics({
          waitForLeaders: true,
          timeout: CREATE_TIMEOUT_MS,
          topics: missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: 1 })),
        });
      }
      return { created: missing, existing: topics.filter((topic) => present.has(topic)) };
    });
  } catch (error) {
    throw new InfraError('topics_failed', `creating topics failed: ${(error as Error).message}`);
  }
}
