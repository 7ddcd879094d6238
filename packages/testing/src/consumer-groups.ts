import { Kafka, logLevel } from 'kafkajs';

/**
 * Commits `groupId`'s offsets at the topics' current ends, so a new consumer group starts after everything already on
 * the shared topics (a new group would otherwise read every earlier run's events from the beginning).
 */
export async function startGroupAtEnd(
  brokers: readonly string[],
  groupId: string,
  topics: readonly string[],
): Promise<void> {
  const admin = new Kafka({ clientId: 'sluice-testing', brokers: [...brokers], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    for (const topic of topics) {
      const offsets = await admin.fetchTopicOffsets(topic);
      await admin.setOffsets({
        groupId,
        topic,
        partitions: offsets.map(({ partition, high }) => ({ partition, offset: high })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}
