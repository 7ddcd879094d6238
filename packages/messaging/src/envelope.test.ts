import { envelope, envelopeProblem, eventTypeOf, newEventId, traceFrom } from './envelope.ts';

describe('envelope', () => {
  it('builds a fresh envelope from a trace, with the fact named after the topic', () => {
    const head = envelope(
      'payouts.accepted.v1',
      'intake',
      { correlationId: 'corr-1', payoutId: 'po_1' },
      1_700_000_000_000,
    );
    expect(head).toMatchObject({
      event_type: 'payouts.accepted',
      occurred_at: 1_700_000_000_000,
      producer: 'intake',
      correlation_id: 'corr-1',
      causation_id: null,
      payout_id: 'po_1',
    });
    expect(envelopeProblem(head)).toBeUndefined();
  });

  it('carries correlation and payout into caused events and names the cause', () => {
    const cause = envelope('payouts.accepted.v1', 'intake', { correlationId: 'corr-1', payoutId: 'po_1' });
    const effect = envelope('compliance.decided.v1', 'compliance', traceFrom(cause));
    expect(effect.correlation_id).toBe('corr-1');
    expect(effect.payout_id).toBe('po_1');
    expect(effect.causation_id).toBe(cause.event_id);
  });

  it('issues time-ordered UUIDv7 ids', () => {
    const first = newEventId();
    const second = newEventId();
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(first < second).toBe(true);
    expect(eventTypeOf('ledger.entries-posted.v12')).toBe('ledger.entries-posted');
  });

  it('names what makes a decoded value unusable as an event', () => {
    expect(envelopeProblem(null)).toBe('event is not a record');
    expect(envelopeProblem({ event_id: 'not-a-uuid', correlation_id: 'c' })).toBe('event_id is not a UUID');
    expect(envelopeProblem({ event_id: newEventId(), correlation_id: '' })).toBe('correlation_id is missing');
  });
});
