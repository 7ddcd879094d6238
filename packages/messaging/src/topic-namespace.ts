import { TOPIC_NAMESPACE } from '@sluice/service-kit';

/**
 * Topic namespaces (docs/decisions/0010-topic-namespaces.md). Code everywhere names topics by their logical name
 * (`payouts.requested.v1`): handlers, outbox and inbox rows, the codec and registry subjects. Only the Kafka boundary
 * (relay send, consumer subscribe, dead letters, group positioning, topic creation) turns it into the Kafka topic of a
 * namespace and back, through these two functions. The default namespace is empty: the production names.
 */

export class TopicNamespaceError extends Error {
  readonly code = 'topic_namespace_invalid';
  constructor(message: string) {
    super(message);
    this.name = 'TopicNamespaceError';
  }
}

/** Returns `namespace` when it is empty (the default) or a valid label (`TOPIC_NAMESPACE`); throws otherwise. */
export function topicNamespace(namespace: string): string {
  if (namespace !== '' && !TOPIC_NAMESPACE.test(namespace)) {
    throw new TopicNamespaceError(`topic namespace "${namespace}" must match ${TOPIC_NAMESPACE.source} or be empty`);
  }
  return namespace;
}

/** The Kafka topic of logical `topic` in `namespace`: the name itself by default, else `<namespace>.<topic>`. */
export const kafkaTopicName = (namespace: string, topic: string): string =>
  namespace === '' ? topic : `${namespace}.${topic}`;

/** The logical topic of a Kafka topic of `namespace`; a topic of another namespace is a wiring error and throws. */
export function logicalTopic(namespace: string, kafkaTopic: string): string {
  if (namespace === '') return kafkaTopic;
  const prefix = `${namespace}.`;
  if (!kafkaTopic.startsWith(prefix)) {
    throw new TopicNamespaceError(`Kafka topic ${kafkaTopic} is not in topic namespace "${namespace}"`);
  }
  return kafkaTopic.slice(prefix.length);
}
