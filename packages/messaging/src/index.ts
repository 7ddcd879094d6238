export { EventCodec, EventShapeError } from './codec.ts';
export { startGroupAtEnd } from './consumer-groups.ts';
export {
  ConsumerRunner,
  type ConsumerRunnerOptions,
  type EventHandler,
  type HandlerContext,
} from './consumer-runner.ts';
export { type DeadLetter, DLQ_HEADERS, publishDeadLetters } from './dead-letter.ts';
export {
  type DeadLetterRecord,
  type DeadLetterScope,
  listDeadLetters,
  replayDeadLetters,
} from './dead-letter-admin.ts';
export {
  type Envelope,
  envelope,
  envelopeProblem,
  eventTypeOf,
  newEventId,
  type Trace,
  traceFrom,
} from './envelope.ts';
export { classify, type ErrorClass, NonRetryableError } from './errors.ts';
export { createKafka, createProducer } from './kafka.ts';
export { createMessaging, type Messaging, type MessagingOptions } from './messaging.ts';
export { type MessagingMetrics, messagingMetrics } from './metrics.ts';
export { OUTBOX_COLUMNS, Outbox, type OutgoingEvent, type Payload } from './outbox.ts';
export { frame, RegistryClient } from './registry.ts';
export { OutboxRelay, type RelayOptions } from './relay.ts';
export {
  type ConsumerOptions,
  openRuntime,
  type RuntimeConfig,
  type RuntimeOptions,
  runService,
  type ServiceRuntime,
} from './service-runtime.ts';
export {
  DEFAULT_TOPIC_PARTITIONS,
  ensureNamespaceTopics,
  ensureTopics,
  type TopicLayout,
  type TopicsOutcome,
} from './topic-admin.ts';
export { kafkaTopicName, logicalTopic, TopicNamespaceError, topicNamespace } from './topic-namespace.ts';
export { dlqTopicOf, type TopicCatalog, type TopicSpec, withDeadLetterTopics } from './topic-spec.ts';
