// Risk retired: a poison message blocks its partition, or a dead letter cannot be brought back once fixed.
import { requireInfra, waitFor } from '@sluice/testing';
import { type ConsumerRunner, DLQ_HEADERS, listDeadLetters, replayDeadLetters } from '../../src/index.ts';
import { publishRaw } from '../../src/testing/index.ts';
import { count, effectHandler, type Harness, openHarness, requestedPayload } from './harness.ts';

const infra = await requireInfra();
const suite = infra ? describe : describe.skip;

suite('dead letters', () => {
  let h: Harness;
  let runner: ConsumerRunner;

  beforeAll(async () => {
    h = await openHarness(infra!);
    runner = h.messaging.consumer({
      groupId: `${h.infra.topicNamespace}-g`,
      handlers: [effectHandler(h.topics.input, h.topics.output)],
      maxAttempts: 2,
    });
    await runner.start();
  });
  afterAll(async () => {
    await runner?.stop();
    await h?.close();
  });
  const deadLetters = () => ({ topic: h.topics.input, namespace: h.infra.topicNamespace });

  it('dead-letters undecodable bytes and a non-retryable event while later messages on the partition flow', async () => {
    const { outbox, registry } = h.messaging;
    const encode = async (requestId: string, beneficiaryId?: string) => {
      const event = outbox.event(h.topics.input, requestedPayload(requestId, beneficiaryId), {
        correlationId: requestId,
      }).event;
      return { event, value: await registry.encode(h.topics.input, event) };
    };
    const unknownBeneficiary = await encode('req-poison-handler', 'ben_unknown');
    const after = await encode('req-after-poison');
    // One key = one partition, in this order: garbage, an event that fails, then a good event.
    await publishRaw(h.infra, h.topics.input, [
      { key: 'same', value: Buffer.from('definitely not avro') },
      { key: 'same', value: unknownBeneficiary.value, headers: { event_id: unknownBeneficiary.event.event_id } },
      { key: 'same', value: after.value },
    ]);

    await waitFor(() => count(h.db, 'select count(*) as n from effects where request_id = ?', ['req-after-poison']), {
      description: 'the message after the poison to be applied',
    });
    const letters = await waitFor(
      async () => {
        const found = await listDeadLetters(h.messaging.kafka, deadLetters());
        return found.length >= 2 ? found : undefined;
      },
      { description: 'two dead letters' },
    );
    const garbage = letters.find((l) => l.errorClass === 'undecodable');
    const refused = letters.find((l) => l.errorClass === 'non_retryable');
    expect(garbage?.reason).toMatch(/wire format/);
    expect(garbage?.value?.toString()).toBe('definitely not avro');
    expect(refused?.reason).toBe('beneficiary_unknown: no beneficiary ben_unknown');
    expect(refused?.headers[DLQ_HEADERS.originalTopic]).toBe(h.topics.input);
    expect(refused?.eventId).toBe(unknownBeneficiary.event.event_id);
    expect(await count(h.db, 'select count(*) as n from effects where request_id = ?', ['req-poison-handler'])).toBe(0);
  });

  it('replays a dead letter to its topic once the cause is fixed, and it is applied', async () => {
    await h.db.fork().execute("insert into known_beneficiaries values ('ben_unknown')");
    const letters = await listDeadLetters(h.messaging.kafka, deadLetters());
    const refused = letters.find((l) => l.errorClass === 'non_retryable')!;
    const replayed = await replayDeadLetters(h.messaging.kafka, deadLetters(), { eventId: refused.eventId! });
    expect(replayed).toHaveLength(1);
    await waitFor(() => count(h.db, 'select count(*) as n from effects where request_id = ?', ['req-poison-handler']), {
      description: 'the replayed event to be applied',
    });
  });
});
