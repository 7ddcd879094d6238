// Risk retired: a request sent on payouts.requested.v1 is lost, paid twice on redelivery, refused without reasons, or a poison message stalls the topic.
import { randomUUID } from 'node:crypto';
import type { PayoutRequestedV1 } from '@sluice/contracts';
import { newEventId } from '@sluice/messaging';
import { publishEvents, testNamespace } from '@sluice/messaging/testing';
import { requireInfra } from '@sluice/testing';
import { requestedEvent } from './events.ts';
import { publish, publishRaw, startTestIntake, type TestIntake, TopicReader } from './harness.ts';

const infra = await requireInfra();
const suite = infra ? describe : describe.skip;

suite('upstream topic payouts.requested.v1', () => {
  let t: TestIntake;
  let answers: TopicReader;
  let to: { beneficiaryId: string; walletId: string };
  const countPayouts = async (requestId: string) =>
    Number(
      (
        await t.intake.db
          .fork()
          .execute<{ n: string }[]>('select count(*) as n from payouts where request_id = ?', [requestId])
      )[0]!.n,
    );

  beforeAll(async () => {
    answers = await TopicReader.start(infra!, ['payouts.accepted.v1', 'payouts.rejected.v1']);
    t = await startTestIntake(infra!);
    to = await t.api.payableWallet();
  });
  afterAll(async () => {
    await answers?.stop();
    await t?.stop();
  });

  const valid = () =>
    requestedEvent({ beneficiary_id: to.beneficiaryId, destination: { type: 'wallet', id: to.walletId } });

  it('accepts a valid request: payouts.accepted.v1 caused by it, and the payout visible over REST', async () => {
    const request = valid();
    await publish(infra!, 'payouts.requested.v1', request.request_id, request);
    const message = await answers.waitFor((m) => m.value?.request_id === request.request_id, 'accepted answer');
    expect(message.value).toMatchObject({
      event_type: 'payouts.accepted',
      causation_id: request.event_id,
      correlation_id: request.correlation_id,
      platform_id: 'acme',
      platform_reference: 'stmt-7',
      amount_minor: 2_500_000n,
      metadata: { source: 'topic' },
    });
    const rest = await t.api.call('GET', `/v1/payouts/${message.value?.payout_id}`);
    expect(rest.body).toMatchObject({
      status: 'accepted',
      idempotency_key: request.request_id,
      amount_minor: '2500000',
    });
    // The key is shared with REST: the same body over REST is a replay of the topic's payout.
    const replay = await t.api.call(
      'POST',
      '/v1/payouts',
      {
        beneficiary_id: to.beneficiaryId,
        destination: { type: 'wallet', id: to.walletId },
        amount_minor: '2500000',
        currency: 'USDC',
        corridor: 'US-USDC-BASE',
        platform_reference: 'stmt-7',
        metadata: { source: 'topic' },
      },
      { 'idempotency-key': request.request_id },
    );
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.id).toBe(message.value?.payout_id);
  });

  it('gives one effect when the same event is delivered twice, and none for a new event with the same body', async () => {
    const request = valid();
    await publish(infra!, 'payouts.requested.v1', request.request_id, request);
    await publish(infra!, 'payouts.requested.v1', request.request_id, request);
    await publish(infra!, 'payouts.requested.v1', request.request_id, { ...request, event_id: newEventId() });
    const marker = valid();
    // Published under the same Kafka key, so on the same partition: once the marker is answered, the three earlier
    // messages have been handled.
    await publish(infra!, 'payouts.requested.v1', request.request_id, marker);
    await answers.waitFor((m) => m.value?.request_id === marker.request_id, 'marker answer');
    expect(answers.messages.filter((m) => m.value?.request_id === request.request_id)).toHaveLength(1);
    expect(await countPayouts(request.request_id)).toBe(1);
  });

  it('rejects the same request_id with another body, naming the existing payout', async () => {
    const request = valid();
    await publish(infra!, 'payouts.requested.v1', request.request_id, request);
    const first = await answers.waitFor((m) => m.value?.request_id === request.request_id, 'first answer');
    const changed = { ...request, event_id: newEventId(), amount_minor: 1n };
    await publish(infra!, 'payouts.requested.v1', request.request_id, changed);
    const rejected = await answers.waitFor(
      (m) => m.value?.event_type === 'payouts.rejected' && m.value?.request_id === request.request_id,
      'rejection of the reused request_id',
    );
    expect(rejected.value).toMatchObject({
      payout_id: first.value?.payout_id,
      causation_id: changed.event_id,
      reasons: [{ code: 'idempotency_key_reused', field: 'request_id', message: expect.any(String) }],
    });
  });

  it('answers an invalid request with payouts.rejected.v1 and every reason, not a dead letter', async () => {
    const request = requestedEvent({
      beneficiary_id: 'not-an-id',
      destination: { type: 'pigeon', id: to.walletId },
      corridor: 'us-usdc-base',
      currency: 'USDC',
      amount_minor: 0n,
    });
    await publish(infra!, 'payouts.requested.v1', request.request_id, request);
    const rejected = await answers.waitFor((m) => m.value?.request_id === request.request_id, 'rejection');
    expect(rejected.key).toBe(request.request_id);
    expect(rejected.value).toMatchObject({ event_type: 'payouts.rejected', payout_id: null, request_hash: null });
    expect((rejected.value!.reasons as { code: string; field: string }[]).map((r) => `${r.field}:${r.code}`)).toEqual([
      'beneficiary_id:invalid_id',
      'destination.type:invalid_enum',
      'amount_minor:amount_not_positive',
      'corridor:corridor_invalid',
    ]);
    const stranger = requestedEvent({ ...valid(), platform_id: 'nobody' });
    await publish(infra!, 'payouts.requested.v1', stranger.request_id, stranger);
    const refused = await answers.waitFor(
      (m) => m.value?.request_id === stranger.request_id,
      'unknown platform rejection',
    );
    expect(refused.value?.reasons).toEqual([
      expect.objectContaining({ code: 'unknown_platform', field: 'platform_id' }),
    ]);
    expect(refused.value?.request_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers a chunk of requests as one at a time would: repeats, reused keys, invalid and taken payout ids', async () => {
    const fresh = Array.from({ length: 40 }, () => valid());
    const [first, second] = fresh as [PayoutRequestedV1, PayoutRequestedV1];
    const payoutId = randomUUID();
    const preallocated = { ...valid(), payout_id: payoutId };
    const mixed = [
      ...fresh,
      { ...first, event_id: newEventId() },
      { ...second, event_id: newEventId(), amount_minor: 1n },
      requestedEvent({ ...valid(), platform_id: 'nobody' }),
      preallocated,
      { ...valid(), payout_id: payoutId },
    ];
    const marker = valid();
    // One Kafka key: one partition, in this order, fetched together.
    const key = `chunk-${newEventId()}`;
    await publishEvents(await testNamespace(infra!), 'payouts.requested.v1', [
      ...mixed.map((event) => ({ key, event })),
      { key, event: marker },
    ]);
    // Answers are keyed by request_id, so they spread over partitions: wait for every one, not only the marker's.
    for (const request of [...mixed, marker]) {
      await answers.waitFor((m) => m.value?.request_id === request.request_id, `answer to ${request.request_id}`);
    }
    await answers.waitFor(
      (m) => m.value?.request_id === second.request_id && m.value?.event_type === 'payouts.rejected',
      'rejection of the reused request_id',
    );
    const answersTo = (request: PayoutRequestedV1) =>
      answers.messages.filter((m) => m.value?.request_id === request.request_id).map((m) => m.value!);

    // Accepted answers are keyed by payout, rejections by request: no order between the two of one request.
    const accepted = fresh.map((request) => answersTo(request).filter((m) => m.event_type === 'payouts.accepted'));
    expect(accepted.map((list) => list.length)).toEqual(fresh.map(() => 1));
    expect(answersTo(first)).toHaveLength(1);
    expect(await countPayouts(first.request_id)).toBe(1);
    expect(answersTo(second)).toHaveLength(2);
    expect(answersTo(second)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          event_type: 'payouts.rejected',
          payout_id: accepted[1]![0]!.payout_id,
          reasons: [expect.objectContaining({ code: 'idempotency_key_reused' })],
        }),
      ]),
    );
    expect(answersTo(mixed[42]!)[0]?.reasons).toEqual([expect.objectContaining({ code: 'unknown_platform' })]);
    expect(answersTo(preallocated)).toEqual([
      expect.objectContaining({ event_type: 'payouts.accepted', payout_id: payoutId }),
    ]);
    // The answers above are what one request at a time gives; this says the chunk statements gave them.
    const metrics = await (await fetch(`${t.api.baseUrl}/metrics`)).text();
    expect(metrics).toContain('# TYPE sluice_consumer_chunk_fallbacks_total counter');
    expect(metrics).not.toMatch(/sluice_consumer_chunk_fallbacks_total\{topic="[^"]*payouts\.requested\.v1"\} [1-9]/);
    expect(answersTo(mixed[44]!)).toEqual([
      expect.objectContaining({
        event_type: 'payouts.rejected',
        reasons: [expect.objectContaining({ code: 'payout_id_taken', field: 'payout_id' })],
      }),
    ]);
  });

  it('dead-letters undecodable bytes with the reason and the original bytes, and keeps consuming', async () => {
    const dlq = await TopicReader.start(infra!, ['payouts.requested.v1.dlq'], { decode: false });
    try {
      const key = `poison-${newEventId()}`;
      const poison = Buffer.from('definitely not avro');
      await publishRaw(infra!, 'payouts.requested.v1', key, poison);
      const letter = await dlq.waitFor((m) => m.key === key, 'dead letter');
      expect(letter.raw).toEqual(poison);
      expect(letter.headers['dlq.error.class']?.toString()).toBe('undecodable');
      expect(letter.headers['dlq.error.message']?.toString()).toContain('wire format');
      expect(letter.headers['dlq.original.topic']?.toString()).toBe('payouts.requested.v1');
      const after = valid();
      await publish(infra!, 'payouts.requested.v1', after.request_id, after);
      await answers.waitFor((m) => m.value?.request_id === after.request_id, 'answer after the poison message');
    } finally {
      await dlq.stop();
    }
  });
});
