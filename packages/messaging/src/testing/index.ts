// Kafka helpers for integration tests, system tests and benchmarks: `@sluice/messaging/testing`. They live here, not in
// @sluice/testing, because they need messaging (namespaces, registry, topic creation) and messaging's own tests depend
// on @sluice/testing: the other way round would be a package cycle.
export { contractRegistry } from './contract-registry.ts';
export { positionGroupAtEnd } from './group-at-end.ts';
export { publishEvents, publishRaw } from './publish.ts';
export {
  type OwnNamespace,
  ownNamespace,
  serviceEnv,
  TEST_NAMESPACE,
  type TestInfra,
  testKafka,
  testNamespace,
} from './test-namespaces.ts';
export { type Tapped, TopicTap } from './topic-tap.ts';
