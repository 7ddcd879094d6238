// Risk retired: lifecycle events from dispatch post wrong, twice, or for shadow/conflict events, or reach ERP
// consumers in a form they cannot decode or that does not balance.
import { kafkaTopicName, listDeadLetters } from '@sluice/messaging';
import { type OwnNamespace, publishRaw } from '@sluice/messaging/testing';
import { requireInfra, waitFor } from '@sluice/testing';
import { ledgerSummary } from '../../src/demo/ledger-summary.ts';
import { ENTRIES_POSTED, STATUS_CHANGED } from '../../src/topics.ts';
import { consumePostedLedger, type ErpEntryEvent } from './erp-consumer.ts';
import {
  count,
  type FakeDispatch,
  type LedgerUnderTest,
  ledgerNamespace,
  newEventId,
  openDispatch,
  openLedger,
  statusEvent,
} from './harness.ts';

const infra = await requireInfra();
const suite = infra ? describe : describe.skip;

suite('posting rules driven by payouts.status-changed.v1', () => {
  let space: OwnNamespace;
  let l: LedgerUnderTest;
  let dispatch: FakeDispatch;

  beforeAll(async () => {
    space = await ledgerNamespace(infra!);
    l = await openLedger(infra!, space);
    dispatch = await openDispatch(space);
  });
  afterAll(async () => {
    await dispatch?.close();
    await l?.close();
    await space?.drop();
  });

  const entriesOf = (payoutId: string) =>
    count(l.ledger.db, 'select count(*) as n from journal_entries where payout_id = ?', [payoutId]);

  it('posts one entry for the same event delivered twice', async () => {
    const { outbox, registry } = dispatch.messaging;
    const event = outbox.event(STATUS_CHANGED, statusEvent('po-twice', 'approved', 'submitting'), {
      correlationId: 'corr-twice',
      payoutId: 'po-twice',
    }).event;
    const bytes = await registry.encode(STATUS_CHANGED, event);
    await publishRaw(space, STATUS_CHANGED, [
      { key: 'po-twice', value: bytes },
      { key: 'po-twice', value: bytes },
    ]);
    // A later event on the same partition proves both copies were consumed before we count.
    await dispatch.publish([statusEvent('po-twice', 'submitting', 'pending')]);
    await waitFor(
      async () => (await count(l.ledger.db, 'select count(*) as n from inbox where topic = ?', [STATUS_CHANGED])) >= 2,
      { description: 'both events consumed' },
    );
    expect(await entriesOf('po-twice')).toBe(1);
    expect(
      await count(l.ledger.db, 'select count(*) as n from journal_entries where cause_event_id = ?', [event.event_id]),
    ).toBe(1);
  });

  it('posts the lifecycle and an ERP consumer with a plain Avro decoder sees balanced entries', async () => {
    const short = { settled_amount_minor: 24_000_000n, fee_amount_minor: 150_000n };
    await dispatch.publish([
      statusEvent('po-ok', 'approved', 'submitting'),
      statusEvent('po-ok', 'submitting', 'pending'),
      statusEvent('po-ok', 'pending', 'confirmed', short),
      statusEvent('po-ok', 'confirmed', 'confirmed', {
        conflict: { attempted_status: 'failed', source: 'callback', detail: 'late' },
      }),
      statusEvent('po-fail', 'approved', 'submitting'),
      statusEvent('po-fail', 'submitting', 'failed'),
      statusEvent('po-shadow', 'approved', 'submitting', { shadow: true }),
      statusEvent('po-shadow', 'submitting', 'confirmed', { shadow: true }),
      statusEvent('po-unknown', 'unknown', 'confirmed', { source: 'poll' }),
      statusEvent('po-rev', 'approved', 'submitting'),
      statusEvent('po-rev', 'submitting', 'confirmed'),
      statusEvent('po-rev', 'confirmed', 'reversed'),
    ]);
    const expected = { 'po-ok': 2, 'po-fail': 2, 'po-shadow': 0, 'po-unknown': 1, 'po-rev': 3 };
    // Payouts land on different partitions: wait until all 12 events (plus the first test's 2) were consumed.
    await waitFor(
      async () => {
        const consumed = await count(l.ledger.db, 'select count(*) as n from inbox where topic = ?', [STATUS_CHANGED]);
        if (consumed < 14) return false;
        for (const [payoutId, entries] of Object.entries(expected)) {
          if ((await entriesOf(payoutId)) < entries) return false;
        }
        return true;
      },
      { description: 'the lifecycle entries to be posted' },
    );
    for (const [payoutId, entries] of Object.entries(expected)) expect(await entriesOf(payoutId)).toBe(entries);

    const mine = (entries: ErpEntryEvent[]) => entries.filter((e) => e.payout_id !== null && e.payout_id in expected);
    const seen = await consumePostedLedger({
      brokers: infra!.kafkaBrokers,
      registryUrl: infra!.schemaRegistryUrl,
      // The ERP side knows the Kafka topic, namespace included.
      topic: kafkaTopicName(space.topicNamespace, ENTRIES_POSTED),
      done: (entries) => mine(entries).length >= 8,
      timeoutMs: 60_000,
    });
    const entries = mine(seen);
    expect(entries).toHaveLength(8);
    for (const entry of entries) {
      const net = new Map<string, bigint>();
      for (const line of entry.lines) {
        expect(line.amount_minor).toBeGreaterThan(0n);
        expect(line.account_external_code).toMatch(/^\d{4}-USDC-sandbox-prog-test$/);
        net.set(
          line.currency,
          (net.get(line.currency) ?? 0n) + (line.direction === 'debit' ? 1n : -1n) * line.amount_minor,
        );
      }
      expect([...net.values()].every((value) => value === 0n)).toBe(true);
    }
    const types = (payoutId: string) => entries.filter((e) => e.payout_id === payoutId).map((e) => e.entry_type);
    expect(types('po-ok')).toEqual(['reserve', 'settle']);
    expect(types('po-fail')).toEqual(['reserve', 'void']);
    expect(types('po-rev')).toEqual(['reserve', 'settle', 'reversal']);
    const settle = entries.find((e) => e.payout_id === 'po-ok' && e.entry_type === 'settle')!;
    // The short settlement: 25 in flight cleared, 24 left the funding account, 1 parked in suspense, plus the fee.
    expect(settle.lines.map((line) => `${line.direction} ${line.account_type} ${line.amount_minor}`)).toEqual([
      'debit clearing 25000000',
      'credit asset 24000000',
      'credit suspense 1000000',
      'debit expense 150000',
      'credit asset 150000',
    ]);
    const reversal = entries.find((e) => e.entry_type === 'reversal')!;
    expect(reversal.reverses_entry_id).toBe(
      entries.find((e) => e.payout_id === 'po-rev' && e.entry_type === 'settle')!.entry_id,
    );
    expect((await l.ledger.invariants()).ok).toBe(true);

    const summary = await ledgerSummary(l.ledger, {
      programId: 'prog-test',
      entries: 2,
      payoutIds: new Set(['po-ok']),
    });
    expect(summary).toContain('ok   cached_balances_match_lines');
    expect(summary).toMatch(
      /1110-USDC-sandbox-prog-test\s+provider_funding\s+USDC\s+-49\.300000\s+25\.000000\s+-74\.300000/,
    );
    expect(summary).toContain('first 2 entries');
    expect(summary).toMatch(/settle\s+\S+ payout=po-ok ref=prv-po-ok/);
  });

  it('dead-letters an event whose currency cannot name an account, and keeps consuming', async () => {
    const bad = newEventId();
    await dispatch.publish([
      statusEvent('po-bad', 'approved', 'submitting', { currency: 'XXX', eventId: bad }),
      statusEvent('po-after', 'approved', 'submitting'),
    ]);
    await waitFor(async () => (await entriesOf('po-after')) === 1, { description: 'the next event to post' });
    expect(await entriesOf('po-bad')).toBe(0);
    const letters = await waitFor(
      async () => {
        const found = await listDeadLetters(l.ledger.messaging.kafka, {
          topic: STATUS_CHANGED,
          namespace: space.topicNamespace,
        });
        return found.some((letter) => letter.eventId === bad) ? found : undefined;
      },
      { description: 'the dead letter' },
    );
    expect(letters.find((letter) => letter.eventId === bad)).toMatchObject({ errorClass: 'non_retryable' });
  });
});
