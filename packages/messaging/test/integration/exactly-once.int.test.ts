// Risk retired: a redelivered event or a relay crash after publishing applies an effect twice.
import { requireInfra, waitFor } from '@sluice/testing';
import { type ConsumerRunner, kafkaTopicName } from '../../src/index.ts';
import { publishRaw, TopicTap } from '../../src/testing/index.ts';
import { count, effectHandler, type Harness, openHarness, requestedPayload } from './harness.ts';

const infra = await requireInfra();
const suite = infra ? describe : describe.skip;

suite('exactly-once effects over at-least-once delivery', () => {
  let h: Harness;
  let runner: ConsumerRunner;

  beforeAll(async () => {
    h = await openHarness(infra!);
    runner = h.messaging.consumer({
      groupId: `${h.infra.topicNamespace}-g`,
      handlers: [effectHandler(h.topics.input, h.topics.output)],
    });
    await runner.start();
  });
  afterAll(async () => {
    await runner?.stop();
    await h?.close();
  });

  it('applies the same event delivered twice once, with one outbox row', async () => {
    const { outbox, registry } = h.messaging;
    const event = outbox.event(h.topics.input, requestedPayload('req-twice'), { correlationId: 'corr-twice' }).event;
    const bytes = await registry.encode(h.topics.input, event);
    // Two deliveries of identical bytes, as a producer retry or a replay would cause.
    await publishRaw(h.infra, h.topics.input, [
      { key: 'k', value: bytes },
      { key: 'k', value: bytes },
    ]);

    await waitFor(async () => (await duplicatesSeen(h)) >= 1, {
      description: 'the duplicate to be seen',
    });
    expect(await count(h.db, 'select count(*) as n from effects where request_id = ?', ['req-twice'])).toBe(1);
    expect(await count(h.db, 'select count(*) as n from inbox where event_id = ?', [event.event_id])).toBe(1);
    expect(await count(h.db, 'select count(*) as n from outbox where topic = ?', [h.topics.output])).toBe(1);
  });

  it('deduplicates a batch republished because the relay died between broker ack and marking rows sent', async () => {
    const { outbox } = h.messaging;
    const duplicatesBefore = await duplicatesSeen(h);
    await h.db.transaction((em) =>
      outbox.append(em, [outbox.event(h.topics.input, requestedPayload('req-relay'), { correlationId: 'corr-relay' })]),
    );
    const crashing = h.messaging.relay({
      afterPublish: async () => {
        throw new Error('relay killed after publish');
      },
    });
    await expect(crashing.drain()).rejects.toThrow('relay killed after publish');
    // The crash rolled back the "sent" mark: the row is still pending although the broker has it.
    expect(
      await count(h.db, 'select count(*) as n from outbox where sent_at is null and topic = ?', [h.topics.input]),
    ).toBe(1);

    await h.messaging.relay().drain();
    expect(
      await count(h.db, 'select count(*) as n from outbox where sent_at is null and topic = ?', [h.topics.input]),
    ).toBe(0);

    await waitFor(() => count(h.db, 'select count(*) as n from effects where request_id = ?', ['req-relay']), {
      description: 'the relayed event to be applied',
    });
    const copies = await readAll(h, h.topics.input, 'req-relay');
    expect(copies).toBe(2); // published twice …
    await waitFor(async () => (await duplicatesSeen(h)) > duplicatesBefore, {
      description: 'the second copy to be skipped',
    });
    expect(await count(h.db, 'select count(*) as n from effects where request_id = ?', ['req-relay'])).toBe(1); // … applied once
  });
});

async function duplicatesSeen(h: Harness): Promise<number> {
  const metric = await h.messaging.metrics.duplicates.get();
  return metric.values.reduce((sum, v) => sum + v.value, 0);
}

/** Counts messages on `topic` whose decoded request_id matches, reading the suite's own topic from its beginning. */
async function readAll(h: Harness, topic: string, requestId: string): Promise<number> {
  const admin = h.messaging.kafka.admin();
  await admin.connect();
  const total = (await admin.fetchTopicOffsets(kafkaTopicName(h.infra.topicNamespace, topic))).reduce(
    (sum, p) => sum + Number(p.high) - Number(p.low),
    0,
  );
  await admin.disconnect();
  const tap = await TopicTap.start<{ request_id: string }>(h.infra, [topic], { fromBeginning: true });
  try {
    await waitFor(() => tap.messages.length >= total, { description: `all ${total} messages of ${topic}` });
    return tap.messages.filter((m) => m.value.request_id === requestId).length;
  } finally {
    await tap.stop();
  }
}
