import { movedTopics } from './topic-offsets.ts';

describe('movedTopics', () => {
  it('names every topic that gained messages, with how many', () => {
    const before = { 'payouts.requested.v1': 10, 'payouts.accepted.v1': 4, 'ledger.entries-posted.v1': 0 };
    const after = { 'payouts.requested.v1': 13, 'payouts.accepted.v1': 4, 'ledger.entries-posted.v1': 0 };
    expect(movedTopics(before, after)).toEqual([{ topic: 'payouts.requested.v1', count: 3 }]);
  });

  it('counts a topic that appeared in between from zero, and is empty when nothing moved', () => {
    expect(movedTopics({}, { 'payouts.rejected.v1.dlq': 2 })).toEqual([{ topic: 'payouts.rejected.v1.dlq', count: 2 }]);
    expect(movedTopics({ 'payouts.requested.v1': 5 }, { 'payouts.requested.v1': 5 })).toEqual([]);
  });
});
