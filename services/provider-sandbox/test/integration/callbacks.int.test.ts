// Risk retired: callbacks are lost or mis-signed when the receiver fails, the secret rotates, deliveries are switched
// off or the sandbox restarts, so webhook-gateway and polling tests see a provider that behaves unlike a real one.
import { requireInfra, type TestDatabase, waitFor } from '@sluice/testing';
import { seededIds } from '../../src/domain/ids.ts';
import type { PayoutRepresentation, ProviderSandboxHandles } from '../../src/index.ts';
import {
  CALLBACK_SECRET,
  client,
  type ListJson,
  newDatabase,
  payoutBody,
  type Receiver,
  startReceiver,
  startSandbox,
} from './harness.ts';

const infra = await requireInfra();
const suite = infra ? describe : describe.skip;

interface DeliveryJson {
  event_id: string;
  type: string;
  state: string;
  attempts: number;
  last_status: number | null;
}

const SEED = 'callbacks-suite-seed';
const MAX_ATTEMPTS = 5;

suite('provider sandbox callbacks', () => {
  let db: TestDatabase;
  let receiver: Receiver;
  let sandbox: ProviderSandboxHandles | undefined;
  const env = () => ({
    SANDBOX_CALLBACK_URL: receiver.url,
    SANDBOX_SEED: SEED,
    SANDBOX_CALLBACK_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
  });

  beforeAll(async () => {
    if (!infra) return;
    db = await newDatabase(infra);
    receiver = await startReceiver();
  });

  afterEach(() => {
    receiver.answer = () => 200;
    receiver.secrets = [CALLBACK_SECRET];
  });

  afterAll(async () => {
    await sandbox?.close();
    await receiver?.close();
    await db?.drop();
  });

  const running = async () => {
    if (!infra) throw new Error('no infrastructure');
    sandbox ??= await startSandbox(infra, db, env());
    return { sandbox, api: client(sandbox.url) };
  };
  const deliveries = async (api: ReturnType<typeof client>, payoutId: string) =>
    (await api.get<ListJson<DeliveryJson>>(`/v1/admin/payouts/${payoutId}/deliveries`)).json.data;
  const converge = (api: ReturnType<typeof client>, id: string, status: string) =>
    waitFor(async () => (await api.get<PayoutRepresentation>(`/v1/payouts/${id}`)).json.status === status, {
      description: `payout ${id} ${status}`,
    });

  it('derives the payout id from the seed and the idempotency key', async () => {
    const { api } = await running();
    const request = payoutBody(null);
    const reply = await api.createPayout(request.key, request.body);
    expect(reply.json.id).toBe(seededIds(SEED).payoutId(request.key));
    expect(reply.json.id).not.toBe(seededIds('another-seed').payoutId(request.key));
  });

  it('retries a failing receiver with backoff until it answers 2xx, resending the same bytes', async () => {
    const { api } = await running();
    const request = payoutBody(null);
    let failuresLeft = 3;
    receiver.answer = (callback) =>
      callback.clientReference === request.clientReference && callback.type === 'payout.pending' && failuresLeft-- > 0
        ? 500
        : 200;
    const reply = await api.createPayout(request.key, request.body);
    const pending = await waitFor(async () => {
      const list = await deliveries(api, reply.json.id);
      return list.find((d) => d.type === 'payout.pending' && d.state === 'delivered');
    });
    expect(pending).toMatchObject({ attempts: 4, last_status: 200 });
    const tries = receiver.tries.filter((t) => t.eventId === pending.event_id).map((t) => t.answered);
    expect(tries).toEqual([500, 500, 500, 200]);
    const [received] = receiver.forPayout(reply.json.id).filter((c) => c.type === 'payout.pending');
    expect(received?.verdict).toBe('ok');
  });

  it('gives a delivery up after the bounded number of tries', async () => {
    const { api } = await running();
    const request = payoutBody(null);
    receiver.answer = (callback) => (callback.clientReference === request.clientReference ? 503 : 200);
    const reply = await api.createPayout(request.key, request.body);
    const failed = await waitFor(async () => {
      const list = await deliveries(api, reply.json.id);
      return list.length === 2 && list.every((d) => d.state === 'failed') && list;
    });
    expect(failed.map((d) => d.attempts)).toEqual([MAX_ATTEMPTS, MAX_ATTEMPTS]);
    expect(failed.map((d) => d.last_status)).toEqual([503, 503]);
  });

  it('signs with the rotated secret from the rotation on, and refuses a short secret', async () => {
    const { api } = await running();
    const rotated = 'whsec_integration_secret_2';
    expect((await api.post('/v1/admin/callback-secret', { secret: 'short' })).status).toBe(400);
    const state = await api.post('/v1/admin/callback-secret', { secret: rotated });
    expect(state.status).toBe(200);
    expect(state.text).not.toContain(rotated);
    receiver.secrets = [CALLBACK_SECRET, rotated];
    try {
      const request = payoutBody(null);
      const reply = await api.createPayout(request.key, request.body);
      const received = await waitFor(
        () => receiver.forPayout(reply.json.id).length === 2 && receiver.forPayout(reply.json.id),
      );
      expect(received.map((c) => c.secretIndex)).toEqual([1, 1]);
    } finally {
      await api.post('/v1/admin/callback-secret', { secret: CALLBACK_SECRET });
    }
  });

  it('sends nothing for events recorded while callbacks are disabled; polling still shows the outcome', async () => {
    const { api } = await running();
    expect((await api.post('/v1/admin/callbacks/disable')).json).toMatchObject({ callbacks: 'disabled' });
    const request = payoutBody(null);
    const reply = await api.createPayout(request.key, request.body);
    try {
      await converge(api, reply.json.id, 'completed');
      const list = await deliveries(api, reply.json.id);
      expect(list.map((d) => d.state)).toEqual(['suppressed', 'suppressed']);
    } finally {
      await api.post('/v1/admin/callbacks/enable');
    }
    const after = payoutBody(null);
    const delivered = await api.createPayout(after.key, after.body);
    await waitFor(() => receiver.forPayout(delivered.json.id).length === 2);
    expect(receiver.forPayout(reply.json.id)).toEqual([]);
  });

  it('continues the lifecycle and the queued deliveries after a restart', async () => {
    if (!infra) return;
    await sandbox?.close();
    sandbox = undefined;
    // A long step delay keeps the payout unfinished across the stop; the receiver is down until the restart.
    const slowEnv = { ...env(), SANDBOX_STEP_DELAY_MS: '2000' };
    const first = await startSandbox(infra, db, slowEnv);
    const api = client(first.url);
    const request = payoutBody(null);
    receiver.answer = () => 503;
    const reply = await api.createPayout(request.key, request.body);
    const pendingEventId = seededIds(SEED).eventId(reply.json.id, 'payout.pending');
    await waitFor(() => receiver.tries.some((t) => t.eventId === pendingEventId && t.answered === 503), {
      description: 'a refused try before the stop',
    });
    expect((await api.get<PayoutRepresentation>(`/v1/payouts/${reply.json.id}`)).json.status).not.toBe('completed');
    await first.close();

    receiver.answer = () => 200;
    sandbox = await startSandbox(infra, db, slowEnv);
    const restarted = client(sandbox.url);
    await converge(restarted, reply.json.id, 'completed');
    const received = await waitFor(
      () => receiver.forPayout(reply.json.id).length === 2 && receiver.forPayout(reply.json.id),
    );
    expect(received.map((c) => c.type).sort()).toEqual(['payout.completed', 'payout.pending']);
    expect(received.every((c) => c.verdict === 'ok')).toBe(true);
    // The receiver sees a callback before the sandbox records the 2xx: wait for the record, not just the arrival.
    const list = await waitFor(async () => {
      const current = await deliveries(restarted, reply.json.id);
      return current.every((d) => d.state === 'delivered') && current;
    });
    expect(list.find((d) => d.type === 'payout.pending')?.attempts).toBeGreaterThan(1);
  });
});
