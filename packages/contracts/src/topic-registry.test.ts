import { eventTypeOf } from './envelope.ts';
import { TOPICS } from './generated/topics.ts';
import type { LedgerEntryPostedV1, ProviderCallbackReceivedV1 } from './generated/types.ts';
import { dlqTopic, isTopicName, MissingKeyError, messageKey, TOPIC_NAMES } from './topic-registry.ts';

const envelope = {
  event_id: '0193a5f0-7c1e-7d2a-9a51-3f1d2b4c5e6f',
  occurred_at: 1_736_944_200_000,
  correlation_id: 'trace-1',
  causation_id: null,
};

function ledgerEntry(payoutId: string | null): LedgerEntryPostedV1 {
  return {
    ...envelope,
    event_type: 'ledger.entries-posted',
    producer: 'ledger',
    payout_id: payoutId,
    entry_id: 'je_1',
    entry_type: payoutId === null ? 'funding' : 'reserve',
    effective_date: '2025-01-15',
    provider_reference: null,
    cause_event_id: 'ev_1',
    reverses_entry_id: null,
    program_id: null,
    description: null,
    lines: [],
  };
}

describe('TOPICS', () => {
  it('names each subject <topic>-value and points at the schema file of the topic', () => {
    for (const name of TOPIC_NAMES) {
      const topic = TOPICS[name];
      expect(topic.topic).toBe(name);
      expect(topic.subject).toBe(`${name}-value`);
      expect(topic.schemaFile).toBe(`schemas/${name.split('.')[0]}/${name}.avsc`);
      expect(topic.schema.fields[1]?.doc).toContain(`"${eventTypeOf(name)}"`);
    }
  });

  it('keys by payout_id wherever it is always set, by the request or the day elsewhere', () => {
    const keys = Object.fromEntries(TOPIC_NAMES.map((n) => [n, [TOPICS[n].keyField, TOPICS[n].keyFallbackField]]));
    expect(keys).toEqual({
      'compliance.decided.v1': ['payout_id', null],
      'dispatch.attempted.v1': ['payout_id', null],
      'ledger.entries-posted.v1': ['payout_id', 'entry_id'],
      'payouts.accepted.v1': ['payout_id', null],
      'payouts.rejected.v1': ['request_id', null],
      'payouts.requested.v1': ['request_id', null],
      'payouts.status-changed.v1': ['payout_id', null],
      'provider.callbacks-received.v1': ['payout_id', 'provider_reference'],
      'reconciliation.day-closed.v1': ['business_date', null],
      'reconciliation.discrepancy-detected.v1': ['case_id', null],
    });
  });
});

describe('topic helpers', () => {
  it('names the dead-letter topic <topic>.dlq', () => {
    expect(dlqTopic('payouts.accepted.v1')).toBe('payouts.accepted.v1.dlq');
  });

  it('recognises topic names', () => {
    expect(isTopicName('payouts.accepted.v1')).toBe(true);
    expect(isTopicName('payouts.accepted.v2')).toBe(false);
    expect(isTopicName('toString')).toBe(false);
  });

  it('keys an event by its key field, falling back when that is null', () => {
    expect(messageKey('ledger.entries-posted.v1', ledgerEntry('po_1'))).toBe('po_1');
    expect(messageKey('ledger.entries-posted.v1', ledgerEntry(null))).toBe('je_1');
  });

  it('refuses an event without a key value', () => {
    const callback = { payout_id: null, provider_reference: '' } as unknown as ProviderCallbackReceivedV1;
    expect(() => messageKey('provider.callbacks-received.v1', callback)).toThrow(MissingKeyError);
  });
});
