import { Kafka, logLevel } from 'kafkajs';

/**
 * Commits `groupId`'s offsets at the current ends of the Kafka `topics` (names as on the broker, namespace included),
 * so a new consumer group starts after everything already there (a new group would otherwise read every earlier run's
 * events from the beginning). For readers sharing a namespace that care only about the events they produce themselves
 * (tests: `positionGroupAtEnd` of `@sluice/messaging/testing`); services start from the earliest.
 *
 * Does what kafkajs's `admin.setOffsets` does (a member joins the empty group, seeks paused partitions, which commits
 * the offsets, and leaves at the first fetch), but for every topic in one join: `setOffsets` joins once per topic,
 * ≈ 2.5 s each here, which made positioning a service's groups take a minute.
 */
export async function startGroupAtEnd(
  brokers: readonly string[],
  groupId: string,
  topics: readonly string[],
): Promise<void> {
  const kafka = new Kafka({ clientId: 'sluice-group-positioner', brokers: [...brokers], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const ends = await Promise.all(
    topics.map(async (topic) => ({ topic, offsets: await admin.fetchTopicOffsets(topic) })),
  );
  await admin.disconnect();
  const consumer = kafka.consumer({ groupId });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [...topics], fromBeginning: true });
    const description = await consumer.describeGroup();
    if (!['Empty', 'Dead'].includes(description.state)) {
      throw new Error(`consumer group ${groupId} has running members (${description.state}); stop them first`);
    }
    await new Promise<void>((resolve, reject) => {
      consumer.on(consumer.events.FETCH, () => consumer.stop().then(resolve, reject));
      consumer.run({ eachBatchAutoResolve: false, eachBatch: async () => undefined }).catch(reject);
      consumer.pause(topics.map((topic) => ({ topic })));
      for (const { topic, offsets } of ends) {
        for (const { partition, high } of offsets) consumer.seek({ topic, partition, offset: high });
      }
    });
  } finally {
    await consumer.disconnect();
  }
}
