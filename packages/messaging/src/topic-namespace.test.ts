import { kafkaTopicName, logicalTopic, TopicNamespaceError, topicNamespace } from './topic-namespace.ts';

describe('topic namespaces', () => {
  it('keeps the production names in the default (empty) namespace', () => {
    expect(kafkaTopicName('', 'payouts.requested.v1')).toBe('payouts.requested.v1');
    expect(logicalTopic('', 'payouts.requested.v1')).toBe('payouts.requested.v1');
  });

  it('prefixes every Kafka topic, dead-letter topics included, and maps it back', () => {
    expect(kafkaTopicName('t', 'payouts.requested.v1')).toBe('t.payouts.requested.v1');
    expect(kafkaTopicName('t', 'payouts.requested.v1.dlq')).toBe('t.payouts.requested.v1.dlq');
    expect(logicalTopic('t', 't.payouts.requested.v1')).toBe('payouts.requested.v1');
    expect(logicalTopic('bench-1', kafkaTopicName('bench-1', 'ledger.entries-posted.v1'))).toBe(
      'ledger.entries-posted.v1',
    );
  });

  it('refuses a Kafka topic of another namespace instead of treating it as its own', () => {
    expect(() => logicalTopic('t', 'payouts.requested.v1')).toThrow(TopicNamespaceError);
    expect(() => logicalTopic('t', 'test.payouts.requested.v1')).toThrow(/not in topic namespace "t"/);
  });

  it('accepts empty or a short lowercase label, nothing else', () => {
    expect(topicNamespace('')).toBe('');
    expect(topicNamespace('demo')).toBe('demo');
    expect(topicNamespace('bench-1a2b3c')).toBe('bench-1a2b3c');
    for (const bad of ['Demo', 'a.b', '-x', 'a_b', ' t', 'x'.repeat(32)]) {
      expect(() => topicNamespace(bad)).toThrow(TopicNamespaceError);
    }
  });
});
