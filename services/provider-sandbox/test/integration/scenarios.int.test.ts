// Risk retired: a scenario does not behave as documented (wrong final state, wrong or unsigned callbacks, or more than
// one provider payout per instruction), so dispatch's scenario tests prove nothing.
import { requireInfra, type TestDatabase, waitFor } from '@sluice/testing';
import type { PayoutRepresentation, ProviderSandboxHandles } from '../../src/index.ts';
import {
  client,
  type ErrorJson,
  type ListJson,
  newDatabase,
  payoutBody,
  type Receiver,
  startReceiver,
  startSandbox,
} from './harness.ts';

const infra = await requireInfra();
const suite = infra ? describe : describe.skip;

suite('provider sandbox scenarios', () => {
  let db: TestDatabase;
  let sandbox: ProviderSandboxHandles;
  let receiver: Receiver;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    if (!infra) return;
    db = await newDatabase(infra);
    receiver = await startReceiver();
    sandbox = await startSandbox(infra, db, { SANDBOX_CALLBACK_URL: receiver.url });
    api = client(sandbox.url);
  });

  afterAll(async () => {
    await sandbox?.close();
    await receiver?.close();
    await db?.drop();
  });

  const payout = async (id: string) => (await api.get<PayoutRepresentation>(`/v1/payouts/${id}`)).json;
  const converge = (id: string, status: string) =>
    waitFor(
      async () => {
        const current = await payout(id);
        return current.status === status && current;
      },
      { description: `payout ${id} ${status}` },
    );
  const callbacks = (id: string, count: number) =>
    waitFor(() => receiver.forPayout(id).length >= count && receiver.forPayout(id), {
      description: `${count} callbacks for ${id}`,
    });
  /** The sandbox's own count of payout rows for an instruction: must be exactly one whatever the scenario. */
  const rowsFor = async (clientReference: string) =>
    (await api.get<ListJson<unknown>>(`/v1/admin/payouts?client_reference=${clientReference}`)).json.count;
  const create = async (scenario: string | null, extra: Record<string, unknown> = {}) => {
    const request = payoutBody(scenario, {}, extra);
    const reply = await api.createPayout(request.key, request.body);
    return { ...request, reply };
  };

  it('success: pending, then completed with the whole amount; signed pending and completed callbacks', async () => {
    const { reply, clientReference } = await create(null);
    expect(reply.status).toBe(201);
    expect(reply.json.status).toBe('pending');
    const done = await converge(reply.json.id, 'completed');
    expect(done).toMatchObject({ settled_amount_minor: '12500000', fee_amount_minor: '0' });
    const received = await callbacks(reply.json.id, 2);
    expect(received.map((c) => c.type).sort()).toEqual(['payout.completed', 'payout.pending']);
    expect(received.every((c) => c.verdict === 'ok')).toBe(true);
    expect(received.find((c) => c.type === 'payout.completed')?.status).toBe('completed');
    expect(await rowsFor(clientReference)).toBe(1);
  });

  it('slow_success: still pending when first polled, completes later', async () => {
    const { reply, clientReference } = await create('slow_success');
    expect((await payout(reply.json.id)).status).toBe('pending');
    await converge(reply.json.id, 'completed');
    expect(await rowsFor(clientReference)).toBe(1);
  });

  it('timeout: the client gives up, yet the payout exists, is findable by client reference, and completes', async () => {
    const request = payoutBody('timeout');
    const call = fetch(`${sandbox.url}/v1/payouts`, {
      method: 'POST',
      body: request.body,
      headers: { Authorization: `Bearer ${sandbox.apiKey}`, 'Idempotency-Key': request.key },
      signal: AbortSignal.timeout(300),
    });
    await expect(call).rejects.toThrow();
    const found = await waitFor(async () => {
      const reply = await api.get<ListJson<PayoutRepresentation>>(
        `/v1/payouts?client_reference=${request.clientReference}`,
      );
      return reply.json.data[0];
    });
    await converge(found.id, 'completed');
    const replay = await api.createPayout(request.key, request.body);
    expect(replay.status).toBe(200);
    expect(replay.json.id).toBe(found.id);
    expect(await rowsFor(request.clientReference)).toBe(1);
  });

  it('timeout: a patient client eventually gets 201 for the payout it created', async () => {
    const request = payoutBody('timeout');
    const answer = await api.createPayout(request.key, request.body);
    expect(answer.status).toBe(201);
    const [row] = (
      await api.get<ListJson<PayoutRepresentation>>(`/v1/payouts?client_reference=${request.clientReference}`)
    ).json.data;
    expect(answer.json.id).toBe(row?.id);
    expect(await rowsFor(request.clientReference)).toBe(1);
  });

  it('insufficient_funds: 402 without draining anything until a funding is posted, then the same key succeeds', async () => {
    const request = payoutBody('insufficient_funds');
    for (let i = 0; i < 2; i += 1) {
      const refused = await api.createPayout(request.key, request.body);
      expect(refused.status).toBe(402);
      expect((refused.json as unknown as ErrorJson).error.code).toBe('insufficient_funds');
    }
    expect(await rowsFor(request.clientReference)).toBe(0);
    expect((await api.post('/v1/fundings', { currency: 'USDC', amount_minor: '1' })).status).toBe(201);
    const created = await api.createPayout(request.key, request.body);
    expect(created.status).toBe(201);
    await converge(created.json.id, 'completed');
    expect(await rowsFor(request.clientReference)).toBe(1);
  });

  it.each([
    ['bad_request', 400, 'bad_request'],
    ['bad_credentials', 403, 'invalid_credentials'],
  ])('%s: answers %i %s and creates nothing', async (scenario, status, code) => {
    const { reply, clientReference } = await create(scenario);
    expect(reply.status).toBe(status);
    expect((reply.json as unknown as ErrorJson).error.code).toBe(code);
    expect(await rowsFor(clientReference)).toBe(0);
  });

  it('flapping: the first flap_count calls answer 503 and create nothing, then the same key succeeds once', async () => {
    const request = payoutBody('flapping', {}, { flap_count: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await api.createPayout(request.key, request.body)).status);
    expect(statuses).toEqual([503, 503, 503, 201, 200]);
    expect(await rowsFor(request.clientReference)).toBe(1);
    const calls = await waitFor(async () => {
      const reply = await api.get<ListJson<{ http_status: number; error_code: string | null }>>(
        `/v1/admin/calls?idempotency_key=${request.key}`,
      );
      return reply.json.count === 5 && reply.json.data;
    });
    expect(calls.map((c) => c.error_code)).toEqual([
      'service_unavailable',
      'service_unavailable',
      'service_unavailable',
      null,
      null,
    ]);
  });

  it('short_settlement: completes with a fee deducted and settled + fee = amount', async () => {
    const { reply, clientReference } = await create('short_settlement');
    const done = await converge(reply.json.id, 'completed');
    const settled = BigInt(done.settled_amount_minor ?? '0');
    const fee = BigInt(done.fee_amount_minor ?? '0');
    expect(fee).toBeGreaterThan(0n);
    expect(settled).toBeLessThan(12_500_000n);
    expect(settled + fee).toBe(12_500_000n);
    const completed = (await callbacks(reply.json.id, 2)).find((c) => c.type === 'payout.completed');
    expect(JSON.parse(completed?.rawBody ?? '{}').data.settled_amount_minor).toBe(settled.toString());
    expect(await rowsFor(clientReference)).toBe(1);
  });

  it('failure_after_pending: pending, then failed with the failure code', async () => {
    const { reply, clientReference } = await create('failure_after_pending', { failure_code: 'wallet_blocked' });
    const failed = await converge(reply.json.id, 'failed');
    expect(failed.failure_code).toBe('wallet_blocked');
    expect(failed.settled_amount_minor).toBeUndefined();
    const received = await callbacks(reply.json.id, 2);
    expect(received.map((c) => c.type).sort()).toEqual(['payout.failed', 'payout.pending']);
    expect(await rowsFor(clientReference)).toBe(1);
  });

  it('reversal_after_confirmation: completed, then reversed, with a callback for each', async () => {
    const { reply, clientReference } = await create('reversal_after_confirmation');
    const reversed = await converge(reply.json.id, 'reversed');
    expect(reversed).toMatchObject({ failure_code: 'payout_returned', settled_amount_minor: '12500000' });
    const received = await callbacks(reply.json.id, 3);
    expect(received.map((c) => c.type).sort()).toEqual(['payout.completed', 'payout.pending', 'payout.reversed']);
    expect(await rowsFor(clientReference)).toBe(1);
  });

  it('duplicate_callbacks: every event arrives twice with the same event id and the same body bytes', async () => {
    const { reply, clientReference } = await create('duplicate_callbacks');
    await converge(reply.json.id, 'completed');
    const received = await callbacks(reply.json.id, 4);
    const byEvent = Map.groupBy(received, (c) => c.eventId);
    expect(byEvent.size).toBe(2);
    for (const copies of byEvent.values()) {
      expect(copies).toHaveLength(2);
      expect(copies[0]?.rawBody).toBe(copies[1]?.rawBody);
    }
    expect(await rowsFor(clientReference)).toBe(1);
  });

  it('missing_callbacks: completes with no delivery at all, so only a poll reveals it', async () => {
    const { reply, clientReference } = await create('missing_callbacks');
    await converge(reply.json.id, 'completed');
    const deliveries = await api.get<ListJson<unknown>>(`/v1/admin/payouts/${reply.json.id}/deliveries`);
    expect(deliveries.json.count).toBe(0);
    expect(receiver.forPayout(reply.json.id)).toEqual([]);
    expect(await rowsFor(clientReference)).toBe(1);
  });

  it('out_of_order_callbacks: completed is delivered before pending', async () => {
    const { reply, clientReference } = await create('out_of_order_callbacks');
    const received = await callbacks(reply.json.id, 2);
    expect(received.map((c) => c.type)).toEqual(['payout.completed', 'payout.pending']);
    expect(received.every((c) => c.verdict === 'ok')).toBe(true);
    expect(await rowsFor(clientReference)).toBe(1);
  });

  it('reports the day in JSON and CSV: one row per settled, failed or reversed payout with its amounts', async () => {
    const completed = await create('short_settlement');
    const failed = await create('failure_after_pending');
    const reversed = await create('reversal_after_confirmation');
    const done = await converge(completed.reply.json.id, 'completed');
    await converge(failed.reply.json.id, 'failed');
    await converge(reversed.reply.json.id, 'reversed');
    const date = done.updated_at.slice(0, 10);
    type Row = Record<string, string | null>;
    const json = await api.get<{ date: string; data: Row[] }>(`/v1/reports/settlements?date=${date}`);
    expect(json.json.date).toBe(date);
    const row = (id: string) => json.json.data.find((r) => r.id === id);
    expect(row(completed.reply.json.id)).toMatchObject({
      status: 'completed',
      amount_minor: '12500000',
      settled_amount_minor: done.settled_amount_minor,
      fee_amount_minor: done.fee_amount_minor,
      currency: 'USDC',
      client_reference: completed.clientReference,
    });
    expect(row(failed.reply.json.id)).toMatchObject({ status: 'failed', settled_amount_minor: null });
    expect(row(reversed.reply.json.id)).toMatchObject({ status: 'reversed', settled_amount_minor: '12500000' });
    expect(json.json.data.filter((r) => r.id === reversed.reply.json.id)).toHaveLength(1);

    const csv = await api.get(`/v1/reports/settlements?date=${date}&format=csv`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe(
      'id,client_reference,status,amount_minor,settled_amount_minor,fee_amount_minor,currency,settled_at',
    );
    expect(lines).toHaveLength(json.json.data.length + 1);
    expect(lines.find((l) => l.startsWith(`${failed.reply.json.id},`))).toMatch(/,failed,12500000,,,USDC,/);
    const accepted = await api.get(`/v1/reports/settlements?date=${date}`, { Accept: 'text/csv' });
    expect(accepted.text).toBe(csv.text);
    expect((await api.get('/v1/reports/settlements?date=2025-02-30')).status).toBe(400);
  });
});
