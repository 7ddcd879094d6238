// Risk retired: a replayed or redelivered callback (sequentially or all at once) is forwarded more than once, a
// changed body under a known event id slips through, or out-of-order callbacks are dropped or merged by the gateway.
import { requireInfra } from '@sluice/testing';
import { newPayoutId, payoutEvent, startTestGateway, type TestGateway, TopicReader, xPayHeaders } from './harness.ts';

const infra = await requireInfra();
const suite = infra ? describe : describe.skip;

suite('webhook gateway: dedupe and order', () => {
  let t: TestGateway;
  let reader: TopicReader;

  beforeAll(async () => {
    t = await startTestGateway(infra!);
    reader = await TopicReader.start(infra!);
  });
  afterAll(async () => {
    await reader?.stop();
    await t?.stop();
  });

  /**
   * Sends a fresh marker callback for the payout and waits until it is on the topic: the payout is the key, so every
   * earlier event of it is on the topic by then and counting them needs no sleep.
   */
  async function settle(payoutId: string): Promise<void> {
    const marker = payoutEvent(payoutId, 'reversed');
    expect((await t.post('sandbox', marker, xPayHeaders(marker))).status).toBe(200);
    const markerId = (JSON.parse(marker) as { id: string }).id;
    await reader.waitFor((m) => m.value.provider_event_id === markerId, 'the marker callback');
  }

  it('forwards the exact same delivery replayed ten times exactly once', async () => {
    const payoutId = newPayoutId();
    const body = payoutEvent(payoutId, 'completed');
    const headers = xPayHeaders(body);
    const replies = [];
    for (let i = 0; i < 10; i += 1) replies.push(await t.post('sandbox', body, headers));
    expect(replies.map((r) => r.body.status)).toEqual(['accepted', ...Array(9).fill('duplicate')]);
    expect(new Set(replies.map((r) => r.body.callback_id)).size).toBe(1);
    await settle(payoutId);
    const providerEventId = (JSON.parse(body) as { id: string }).id;
    expect(reader.about(payoutId).filter((m) => m.value.provider_event_id === providerEventId)).toHaveLength(1);
    const archived = await t.get(`/v1/callbacks?provider_event_id=${providerEventId}`);
    expect(archived.body.data).toEqual([
      expect.objectContaining({ duplicates: expect.objectContaining({ count: 9, with_other_body: 0 }) }),
    ]);
  });

  it('forwards ten concurrent deliveries of one event exactly once', async () => {
    const payoutId = newPayoutId();
    const body = payoutEvent(payoutId, 'pending');
    const headers = xPayHeaders(body);
    const replies = await Promise.all(Array.from({ length: 10 }, () => t.post('sandbox', body, headers)));
    expect(replies.every((r) => r.status === 200)).toBe(true);
    expect(replies.filter((r) => r.body.status === 'accepted')).toHaveLength(1);
    expect(await t.count('select count(*) as n from outbox where payout_id = ?', [payoutId])).toBe(1);
    await settle(payoutId);
    expect(reader.about(payoutId).filter((m) => m.value.provider_status === 'pending')).toHaveLength(1);
  });

  it('does not forward another body under a known event id, and counts it apart', async () => {
    const payoutId = newPayoutId();
    const body = payoutEvent(payoutId, 'completed');
    expect((await t.post('sandbox', body, xPayHeaders(body))).body.status).toBe('accepted');
    const changed = body.replace('"completed"', '"failed"');
    const reply = await t.post('sandbox', changed, xPayHeaders(changed));
    expect(reply).toMatchObject({ status: 200, body: { status: 'duplicate' } });
    expect(
      await t.count('select mismatched_duplicate_count as n from webhook_callbacks where payout_id = ?', [payoutId]),
    ).toBe(1);
    expect(await t.count('select count(*) as n from outbox where payout_id = ?', [payoutId])).toBe(1);
  });

  it('forwards out-of-order callbacks (completed before pending) each once, in arrival order', async () => {
    const payoutId = newPayoutId();
    const completed = payoutEvent(payoutId, 'completed');
    const pending = payoutEvent(payoutId, 'pending');
    expect((await t.post('sandbox', completed, xPayHeaders(completed))).body.status).toBe('accepted');
    expect((await t.post('sandbox', pending, xPayHeaders(pending))).body.status).toBe('accepted');
    await settle(payoutId);
    expect(reader.about(payoutId).map((m) => m.value.provider_status)).toEqual(['completed', 'pending', 'reversed']);
  });

  it('archives and acknowledges verified events of other types without forwarding them', async () => {
    const body = JSON.stringify({
      id: `evt_bal_${Date.now()}`,
      type: 'balance.updated',
      data: { id: 'bal_1', status: 'ok' },
    });
    const reply = await t.post('sandbox', body, xPayHeaders(body));
    expect(reply).toMatchObject({ status: 200, body: { status: 'ignored' } });
    expect(
      await t.count("select count(*) as n from webhook_callbacks where outcome = 'ignored' and event_id is null"),
    ).toBe(1);
  });
});
