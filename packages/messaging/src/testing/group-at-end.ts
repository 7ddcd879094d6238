import { startGroupAtEnd } from '../consumer-groups.ts';
import { kafkaTopicName } from '../topic-namespace.ts';
import type { TestInfra } from './test-namespaces.ts';

/**
 * Starts `groupId` at the current ends of the logical `topics` in the test's namespace: a group of a suite's service or
 * reader then sees only what is published after this call, even before its first member has joined.
 */
export const positionGroupAtEnd = (infra: TestInfra, groupId: string, topics: readonly string[]): Promise<void> =>
  startGroupAtEnd(
    infra.kafkaBrokers,
    groupId,
    topics.map((topic) => kafkaTopicName(infra.topicNamespace, topic)),
  );
