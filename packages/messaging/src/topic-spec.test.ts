import { dlqTopicOf, withDeadLetterTopics } from './topic-spec.ts';

describe('dead-letter topics', () => {
  it('names the dead-letter topic of a topic', () => {
    expect(dlqTopicOf('payouts.requested.v1')).toBe('payouts.requested.v1.dlq');
  });

  it('follows each topic with its .dlq', () => {
    expect(withDeadLetterTopics(['a.b.v1', 'c.d.v2'])).toEqual(['a.b.v1', 'a.b.v1.dlq', 'c.d.v2', 'c.d.v2.dlq']);
  });
});
