// Risk retired: a redelivered event or a relay crash after publishing applies an effect twice.
import { requireInfra, waitFor } from '@sluice/testing';
import { type ConsumerRunner, frame } from '../../src/index.ts';
import { count, effectHandler, type Harness, openHarness, requestedPayload } from './harness.ts';

const infra = await requireInfra();
const suite = infra ? describe : describe.skip;

suite('exactly-once effects over at-least-once delivery', () => {
  let h: Harness;
  let runner: ConsumerRunner;

  beforeAll(async () => {
    h = await openHarness(infra!);
    runner = h.messaging.consumer({
      groupId: `${h.topics.input}-g`,
      handlers: [effectHandler(h.topics.input, h.topics.output)],
    });
    await runner.start();
  });
  afterAll(async () => {
    await runner?.stop();
    await h?.close();
  });

  it('applies the same event delivered twice once, with one outbox row', async () => {
    const { outbox, codec, registry, producer } = h.messaging;
    const event = outbox.event(h.topics.input, requestedPayload('req-twice'), { correlationId: 'corr-twice' }).event;
    const bytes = frame(await registry.schemaId(h.topics.input), codec.encode(h.topics.input, event));
    // Two deliveries of identical bytes, as a producer retry or a replay would cause.
    await producer.send({
      topic: h.topics.input,
      messages: [
        { key: 'k', value: bytes },
        { key: 'k', value: bytes },
      ],
    });

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

/** Counts messages on `topic` whose decoded request_id matches, reading the topic from the start with a fresh group. */
async function readAll(h: Harness, topic: string, requestId: string): Promise<number> {
  const consumer = h.messaging.kafka.consumer({ groupId: `${topic}-reader-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let matches = 0;
  let seen = 0;
  const admin = h.messaging.kafka.admin();
  await admin.connect();
  const total = (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  await admin.disconnect();
  await consumer.run({
    eachMessage: async ({ message }) => {
      seen += 1;
      const event = await h.messaging.registry.decode<{ request_id: string }>(topic, message.value!);
      if (event.request_id === requestId) matches += 1;
    },
  });
  await waitFor(() => seen >= total, { description: `all ${total} messages of ${topic}` });
  await consumer.disconnect();
  return matches;
}
