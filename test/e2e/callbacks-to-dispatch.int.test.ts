// Risk retired: real signed provider callbacks, through the gateway and Kafka, drive dispatch to a wrong or duplicated outcome — out of order, reversed, regressed, switched off or replayed.
import { randomBytes } from 'node:crypto';
import { TopicTap, testNamespace } from '@sluice/messaging/testing';
import { requireInfra, waitFor } from '@sluice/testing';
import { explained } from './support/explained.ts';
import { type FedPayout, type Feed, startFeed } from './support/feed.ts';
import { type Stack, startStack } from './support/stack.ts';

const infra = await requireInfra();
const suite = infra ? describe : describe.skip;

const CALLBACKS = 'provider.callbacks-received.v1';
const STATUS_CHANGED = 'payouts.status-changed.v1';
const LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';

interface Transition {
  readonly from: string | null;
  readonly to: string;
  readonly source: string;
}

suite('issue 7 end to end: sandbox callbacks → webhook gateway → dispatch', () => {
  let stack: Stack;
  let feed: Feed;
  let tap: TopicTap;

  beforeAll(async () => {
    const scoped = await testNamespace(infra!);
    feed = await startFeed(scoped, LOG_LEVEL);
    // Positioning a new consumer group at the topics' end takes seconds (kafkajs waits for a fetch per topic):
    // dispatch's group and the tap's are positioned at the same time instead of one after the other.
    await Promise.all([
      startStack(scoped, LOG_LEVEL).then((started) => {
        stack = started;
      }),
      TopicTap.start(scoped, [CALLBACKS, STATUS_CHANGED]).then((started) => {
        tap = started;
      }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([tap?.stop(), stack?.close()]);
    await feed?.close();
  });

  /** Publishes an approved payout for `scenario` the way intake and compliance do. */
  const approve = (scenario: string): Promise<FedPayout> => feed.approve(stack.programId, scenario);
  const transitionsOf = (body: Record<string, unknown>) => body.transitions as Transition[];
  const eventsOf = (topic: string, payoutId: string) => tap.about(payoutId, topic).map((message) => message.value);
  const callbacksOf = (payoutId: string) => eventsOf(CALLBACKS, payoutId);
  /** Waits for an event about the payout on `topic`; a timeout shows what the topic carried about it. */
  const seen = async (
    topic: string,
    payoutId: string,
    predicate: (event: Record<string, unknown>) => boolean,
    description: string,
  ) => {
    const found = tap.waitFor(
      (message) => message.topic === topic && message.value.payout_id === payoutId && predicate(message.value),
      `${description} on ${topic}`,
    );
    return (await explained(found, () => eventsOf(topic, payoutId))).value;
  };
  const submissionsOf = (body: Record<string, unknown>) =>
    (body.attempts as { operation: string }[]).filter((a) => a.operation === 'submit');

  /**
   * Waits until the gateway forwarded `count` callbacks for the payout and dispatch committed every one of them, so
   * what the payout shows afterwards is settled (no callback still on its way).
   */
  const callbacksApplied = async (payoutId: string, count: number) => {
    await explained(
      waitFor(() => callbacksOf(payoutId).length >= count, { description: `${count} callbacks forwarded` }),
      () => callbacksOf(payoutId),
    );
    for (const event of callbacksOf(payoutId)) {
      await explained(
        waitFor(() => stack.dispatchProcessed(String(event.event_id)), {
          description: 'dispatch applied the callback',
        }),
        () => event,
      );
    }
    return callbacksOf(payoutId);
  };

  beforeAll(async () => {
    // One payout through the whole path first: first-use costs (schema registration and lookups, connection pools,
    // each consumer's first fetch) are paid here, not inside a test where a slow first callback loses to the poll.
    const { payoutId } = await approve('success');
    await stack.waitForStatus(payoutId, 'confirmed');
    await callbacksApplied(payoutId, 2);
  });

  /** Exactly one provider payout for the instruction, in `status`, under dispatch's idempotency key. */
  const expectOneProviderPayout = async (payoutId: string, dispatched: Record<string, unknown>, status: string) => {
    const records = await stack.providerPayouts(payoutId);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      id: dispatched.provider_reference,
      status,
      client_reference: payoutId,
      idempotency_key: dispatched.idempotency_key,
    });
    return records[0]!;
  };

  /** The archived delivery (exact bytes and headers the sandbox sent) of the payout's `completed` callback. */
  const archivedCompleted = async (payoutId: string) => {
    const forwarded = callbacksOf(payoutId).find((e) => e.provider_status === 'completed')!;
    const archived = await stack.gatewayGet(`/v1/callbacks/${String(forwarded.callback_id)}`);
    const headers = archived.headers as Record<string, string>;
    return {
      forwarded,
      body: Buffer.from(String(archived.raw_body_base64), 'base64'),
      headers: {
        'content-type': headers['content-type']!,
        'x-pay-signature': headers['x-pay-signature']!,
        'x-pay-timestamp': headers['x-pay-timestamp']!,
        'x-pay-event-id': headers['x-pay-event-id']!,
      },
    };
  };

  it('converges out_of_order_callbacks (completed delivered before pending) to confirmed, driven by the callback', async () => {
    const { payoutId } = await approve('out_of_order_callbacks');
    await stack.waitForStatus(payoutId, 'confirmed');
    const callbacks = await callbacksApplied(payoutId, 2);
    expect(callbacks.map((e) => e.provider_status)).toEqual(['completed', 'pending']);

    const payout = (await stack.payout(payoutId))!;
    expect(payout.status).toBe('confirmed');
    const transitions = transitionsOf(payout);
    expect(transitions.at(-1)).toMatchObject({ from: 'pending', to: 'confirmed', source: 'callback' });
    // The late `pending` is stale, not a regression: no step back, nothing recorded as a conflict.
    expect(transitions.filter((t) => t.from === 'confirmed')).toEqual([]);
    expect(payout.conflicts).toEqual([]);
    await expectOneProviderPayout(payoutId, payout, 'completed');
  });

  it('ends reversal_after_confirmation in reversed', async () => {
    const { payoutId } = await approve('reversal_after_confirmation');
    const payout = await stack.waitForStatus(payoutId, 'reversed');
    expect(transitionsOf(payout).map((t) => t.to)).toEqual(
      expect.arrayContaining(['pending', 'confirmed', 'reversed']),
    );
    expect(transitionsOf(payout).at(-1)).toMatchObject({ from: 'confirmed', to: 'reversed' });
    expect(['callback', 'poll']).toContain(transitionsOf(payout).at(-1)!.source);
    expect(payout.conflicts).toEqual([]);
    await expectOneProviderPayout(payoutId, payout, 'reversed');
  });

  it('refuses a validly signed payout.failed after confirmed: accepted by the gateway, a conflict in dispatch, still confirmed', async () => {
    const { payoutId } = await approve('success');
    await stack.waitForStatus(payoutId, 'confirmed');
    await callbacksApplied(payoutId, 2);
    const before = (await stack.payout(payoutId))!;
    const { body: completedBody } = await archivedCompleted(payoutId);
    const completed = JSON.parse(completedBody.toString('utf8')) as { data: Record<string, unknown> };
    const { settled_amount_minor: _settled, fee_amount_minor: _fee, ...data } = completed.data;
    const eventId = `evt_e2e_regression_${randomBytes(8).toString('hex')}`;
    const failed = JSON.stringify({
      id: eventId,
      type: 'payout.failed',
      created_at: new Date().toISOString(),
      data: { ...data, status: 'failed', failure_code: 'destination_rejected', updated_at: new Date().toISOString() },
    });

    const reply = await stack.deliver(failed, stack.signed(failed, eventId));
    expect(reply).toMatchObject({ status: 200, body: { status: 'accepted' } });

    const refused = await seen(STATUS_CHANGED, payoutId, (e) => Boolean(e.conflict), 'the refused regression');
    expect(refused).toMatchObject({
      from_status: 'confirmed',
      to_status: 'confirmed',
      reason: 'regression_refused',
      source: 'callback',
      conflict: { attempted_status: 'failed', source: 'callback' },
    });
    const after = await waitFor(
      async () => {
        const body = await stack.payout(payoutId);
        return body && (body.conflicts as unknown[]).length > 0 ? body : undefined;
      },
      { description: 'the conflict on the payout' },
    );
    expect(after.status).toBe('confirmed');
    expect(after.transitions).toEqual(before.transitions);
    expect(after.conflicts).toEqual([
      expect.objectContaining({
        current_status: 'confirmed',
        attempted_status: 'failed',
        source: 'callback',
        provider_status: 'failed',
        provider_reference: before.provider_reference,
      }),
    ]);
    // The provider's own record still says completed: the signed `failed` claim moved nothing, anywhere.
    await expectOneProviderPayout(payoutId, after, 'completed');
  });

  it('converges to the same terminal state by polling while the sandbox sends no callbacks', async () => {
    await stack.sandboxAdmin('POST', '/v1/admin/callbacks/disable');
    try {
      const { payoutId } = await approve('success');
      const payout = await stack.waitForStatus(payoutId, 'confirmed');
      const transitions = transitionsOf(payout);
      expect(transitions.at(-1)).toMatchObject({ to: 'confirmed', source: 'poll' });
      expect(transitions.filter((t) => t.source === 'callback')).toEqual([]);
      const record = await expectOneProviderPayout(payoutId, payout, 'completed');
      const deliveries = await stack.sandboxAdmin('GET', `/v1/admin/payouts/${String(record.id)}/deliveries`);
      expect((deliveries.data as { state: string }[]).map((d) => d.state)).toEqual(['suppressed', 'suppressed']);
      expect((await stack.gatewayGet(`/v1/callbacks?payout_id=${payoutId}`)).data).toEqual([]);
    } finally {
      await stack.sandboxAdmin('POST', '/v1/admin/callbacks/enable');
    }
  });

  it('forwards the exact same signed delivery replayed ten times once, and dispatch is unchanged', async () => {
    const { payoutId } = await approve('success');
    await stack.waitForStatus(payoutId, 'confirmed');
    await callbacksApplied(payoutId, 2);
    const before = (await stack.payout(payoutId))!;
    const { forwarded, body, headers } = await archivedCompleted(payoutId);

    for (let i = 0; i < 10; i += 1) {
      expect(await stack.deliver(body, headers)).toMatchObject({
        status: 200,
        body: { status: 'duplicate', callback_id: forwarded.callback_id },
      });
    }
    // A fresh event about the same payout, stating what it already says: keyed like the replays, so once dispatch
    // has committed it, anything the replays had emitted would have reached the topic and dispatch before it.
    const markerId = `evt_e2e_marker_${randomBytes(8).toString('hex')}`;
    const marker = JSON.stringify({ ...JSON.parse(body.toString('utf8')), id: markerId });
    expect(await stack.deliver(marker, stack.signed(marker, markerId))).toMatchObject({
      status: 200,
      body: { status: 'accepted' },
    });
    const markerEvent = await seen(CALLBACKS, payoutId, (e) => e.provider_event_id === markerId, 'the marker');
    await waitFor(() => stack.dispatchProcessed(String(markerEvent.event_id)), {
      description: 'dispatch applied the marker',
    });

    const replayed = callbacksOf(payoutId).filter((e) => e.provider_event_id === forwarded.provider_event_id);
    expect(replayed).toHaveLength(1);
    const archive = await stack.gatewayGet(`/v1/callbacks?provider_event_id=${String(forwarded.provider_event_id)}`);
    expect(archive.data).toEqual([expect.objectContaining({ duplicates: expect.objectContaining({ count: 10 }) })]);
    const after = (await stack.payout(payoutId))!;
    for (const field of ['status', 'transitions', 'conflicts', 'settled_amount_minor', 'fee_amount_minor'] as const) {
      expect(after[field]).toEqual(before[field]);
    }
    // Reversal-watch polls of a confirmed payout go on meanwhile (journaled as attempts); the submissions may not change.
    expect(submissionsOf(after)).toEqual(submissionsOf(before));
    await expectOneProviderPayout(payoutId, after, 'completed');
  });
});
