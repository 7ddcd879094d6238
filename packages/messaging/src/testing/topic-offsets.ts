import type { Admin } from 'kafkajs';

/** Messages ever written to each topic: the sum of its partitions' end offsets. */
export type TopicOffsets = Readonly<Record<string, number>>;

/** The end offsets of those of `topics` that exist. */
export async function endOffsets(admin: Admin, topics: readonly string[]): Promise<TopicOffsets> {
  const present = new Set(await admin.listTopics());
  const entries = await Promise.all(
    topics
      .filter((topic) => present.has(topic))
      .map(async (topic) => {
        const partitions = await admin.fetchTopicOffsets(topic);
        return [topic, partitions.reduce((sum, p) => sum + Number(p.high), 0)] as const;
      }),
  );
  return Object.fromEntries(entries);
}

/** Topics that gained messages between two snapshots, and how many; a topic created in between counts from zero. */
export function movedTopics(before: TopicOffsets, after: TopicOffsets): { topic: string; count: number }[] {
  return Object.entries(after)
    .map(([topic, end]) => ({ topic, count: end - (before[topic] ?? 0) }))
    .filter((moved) => moved.count > 0)
    .sort((a, b) => a.topic.localeCompare(b.topic));
}
