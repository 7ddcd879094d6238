// Risk retired: the sandbox's contract (idempotency, 422 on a changed body, 403, balances, 402 then top-up, lookups,
// reports) drifts from what dispatch is written against, so dispatch's tests pass against a provider that lies.
import { readFileSync } from 'node:fs';
import { requireInfra, type TestDatabase, uniqueName, waitFor } from '@sluice/testing';
import { parse } from 'yaml';
import { OPENAPI_PATH } from '../../src/adapters/http/sandbox-app.ts';
import type { PayoutRepresentation, ProviderSandboxHandles } from '../../src/index.ts';
import {
  client,
  type ErrorJson,
  EVM_ADDRESS,
  type ListJson,
  newDatabase,
  payoutBody,
  startSandbox,
} from './harness.ts';

const infra = await requireInfra();
const suite = infra ? describe : describe.skip;

/** The parts of an express 5 router layer the route listing reads. */
interface Layer {
  readonly route?: { readonly path: string; readonly methods: Record<string, boolean> };
  readonly rawPath?: unknown;
  readonly handle?: { readonly stack?: readonly Layer[] };
}

/** `METHOD /path/{param}` for every route express serves, mounted routers included. */
function expressRoutes(stack: readonly Layer[], prefix = ''): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      const path = `${prefix}${layer.route.path}`.replace(/:([A-Za-z_]+)/g, '{$1}');
      return Object.keys(layer.route.methods).map((method) => `${method.toUpperCase()} ${path}`);
    }
    const nested = layer.handle?.stack;
    return nested && typeof layer.rawPath === 'string' ? expressRoutes(nested, `${prefix}${layer.rawPath}`) : [];
  });
}

interface BalancesJson {
  balances: { currency: string; available_minor: string; pending_minor: string }[];
}

suite('provider sandbox API', () => {
  let db: TestDatabase;
  let sandbox: ProviderSandboxHandles;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    if (!infra) return;
    db = await newDatabase(infra);
    // USDT starts small so the 402 path is driven by a real balance without draining the USDC other tests use.
    sandbox = await startSandbox(infra, db, { SANDBOX_INITIAL_BALANCES: 'USDC:1000000000000,USDT:30000000' });
    api = client(sandbox.url);
  });

  afterAll(async () => {
    await sandbox?.close();
    await db?.drop();
  });

  const usdtBalance = async () => {
    const reply = await api.get<BalancesJson>('/v1/balances');
    return reply.json.balances.find((b) => b.currency === 'USDT');
  };

  it('creates a payout once per idempotency key and replays it for the same body bytes', async () => {
    const { body, key, clientReference } = payoutBody(null);
    const first = await api.createPayout(key, body);
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({
      status: 'pending',
      client_reference: clientReference,
      amount_minor: '12500000',
      currency: 'USDC',
    });
    expect(first.json.id).toMatch(/^sbx_po_[0-9a-f]{24}$/);
    const again = await api.createPayout(key, body);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.json.id).toBe(first.json.id);
    const rows = await api.get<ListJson<PayoutRepresentation>>(`/v1/admin/payouts?client_reference=${clientReference}`);
    expect(rows.json.count).toBe(1);
  });

  it('answers 422 for the same key with a different body, even one differing only in whitespace', async () => {
    const { body, key, clientReference } = payoutBody(null);
    expect((await api.createPayout(key, body)).status).toBe(201);
    const changed = await api.createPayout(key, body.replace('12500000', '12500001'));
    expect(changed.status).toBe(422);
    expect(changed.json).toEqual({ error: { code: 'idempotency_key_mismatch', message: expect.any(String) } });
    expect((await api.createPayout(key, `${body} `)).status).toBe(422);
    const rows = await api.get<ListJson<unknown>>(`/v1/admin/payouts?client_reference=${clientReference}`);
    expect(rows.json.count).toBe(1);
  });

  it('creates exactly one payout when the same request races itself', async () => {
    const { body, key, clientReference } = payoutBody(null);
    const replies = await Promise.all(Array.from({ length: 8 }, () => api.createPayout(key, body)));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(replies.map((r) => r.json.id)).size).toBe(1);
    const rows = await api.get<ListJson<unknown>>(`/v1/admin/payouts?client_reference=${clientReference}`);
    expect(rows.json.count).toBe(1);
  });

  it('refuses a missing Idempotency-Key and invalid bodies with 400 bad_request, creating nothing', async () => {
    const { body, clientReference } = payoutBody(null);
    const noKey = await api.post<ErrorJson>('/v1/payouts', body);
    expect(noKey.status).toBe(400);
    expect(noKey.json.error.code).toBe('bad_request');
    for (const bad of [
      '{not json',
      JSON.stringify({ ...JSON.parse(body), amount_minor: 12.5 }),
      JSON.stringify({ ...JSON.parse(body), destination: { type: 'wallet', network: 'base', address: '0x1' } }),
      JSON.stringify({ ...JSON.parse(body), metadata: { scenario: 'no_such_scenario' } }),
    ]) {
      const reply = await api.createPayout(uniqueName('k'), bad);
      expect(reply.status).toBe(400);
      expect((reply.json as unknown as ErrorJson).error.code).toBe('bad_request');
    }
    const rows = await api.get<ListJson<unknown>>(`/v1/admin/payouts?client_reference=${clientReference}`);
    expect(rows.json.count).toBe(0);
  });

  it('answers 403 invalid_credentials for a wrong or missing key, and while credentials are revoked', async () => {
    for (const key of ['sbx_wrong_key_123', null]) {
      const reply = await client(sandbox.url, key).get<ErrorJson>('/v1/balances');
      expect(reply.status).toBe(403);
      expect(reply.json.error.code).toBe('invalid_credentials');
    }
    await api.post('/v1/admin/credentials/revoke');
    try {
      const { body, key, clientReference } = payoutBody(null);
      const refused = await api.createPayout(key, body);
      expect(refused.status).toBe(403);
      expect((await api.get('/v1/balances')).status).toBe(403);
      const state = await api.get('/v1/admin/state');
      expect(state.json).toMatchObject({ credentials: 'revoked' });
      const calls = await waitFor(async () => {
        const reply = await api.get<ListJson<{ http_status: number }>>(
          `/v1/admin/calls?client_reference=${clientReference}`,
        );
        return reply.json.count === 1 && reply.json;
      });
      expect(calls.data[0]?.http_status).toBe(403);
    } finally {
      await api.post('/v1/admin/credentials/restore');
    }
    expect((await api.get('/v1/balances')).status).toBe(200);
  });

  it('moves balances on create and completion, answers 402 past the balance, and accepts the same key after a top-up', async () => {
    const start = await usdtBalance();
    expect(start).toEqual({ currency: 'USDT', available_minor: '30000000', pending_minor: '0' });
    const usdt = { currency: 'USDT', destination: { type: 'wallet', network: 'ethereum', address: EVM_ADDRESS } };
    const small = payoutBody(null, { ...usdt, amount_minor: '20000000' });
    const created = await api.createPayout(small.key, small.body);
    expect(created.status).toBe(201);
    expect(await usdtBalance()).toMatchObject({ available_minor: '10000000' });
    await waitFor(async () => (await usdtBalance())?.pending_minor === '0', { description: 'USDT settled' });
    expect(await usdtBalance()).toEqual({ currency: 'USDT', available_minor: '10000000', pending_minor: '0' });

    const big = payoutBody(null, { ...usdt, amount_minor: '15000000' });
    const refused = await api.createPayout(big.key, big.body);
    expect(refused.status).toBe(402);
    expect((refused.json as unknown as ErrorJson).error.code).toBe('insufficient_funds');
    expect(await usdtBalance()).toMatchObject({ available_minor: '10000000', pending_minor: '0' });

    const topUp = await api.post('/v1/fundings', { currency: 'USDT', amount_minor: '5000000' });
    expect(topUp.status).toBe(201);
    expect(topUp.json).toMatchObject({ currency: 'USDT', amount_minor: '5000000' });
    const retried = await api.createPayout(big.key, big.body);
    expect(retried.status).toBe(201);
    expect(await usdtBalance()).toMatchObject({ available_minor: '0', pending_minor: '15000000' });
  });

  it('makes a keyed funding idempotent and refuses bad fundings', async () => {
    const key = uniqueName('fund');
    const body = { currency: 'USDC', amount_minor: '100' };
    const first = await api.post<{ id: string }>('/v1/fundings', body, { 'Idempotency-Key': key });
    const again = await api.post<{ id: string }>('/v1/fundings', body, { 'Idempotency-Key': key });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.json.id).toBe(first.json.id);
    const changed = await api.post('/v1/fundings', { ...body, amount_minor: '101' }, { 'Idempotency-Key': key });
    expect(changed.status).toBe(422);
    expect((await api.post('/v1/fundings', { currency: 'USDC', amount_minor: '-1' })).status).toBe(400);
    expect((await api.post('/v1/fundings', { currency: 'NOPE', amount_minor: '1' })).status).toBe(400);
  });

  it('finds a payout by id and by client reference, and answers 404 for an unknown id', async () => {
    const { body, key, clientReference } = payoutBody(null);
    const created = await api.createPayout(key, body);
    const byId = await api.get<PayoutRepresentation>(`/v1/payouts/${created.json.id}`);
    expect(byId.json.id).toBe(created.json.id);
    const byRef = await api.get<ListJson<PayoutRepresentation>>(`/v1/payouts?client_reference=${clientReference}`);
    expect(byRef.json.data.map((p) => p.id)).toEqual([created.json.id]);
    const none = await api.get<ListJson<unknown>>(`/v1/payouts?client_reference=${uniqueName('none')}`);
    expect(none.json.data).toEqual([]);
    const missing = await api.get<ErrorJson>('/v1/payouts/sbx_po_000000000000000000000000');
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('not_found');
    expect((await api.get('/v1/payouts')).status).toBe(400);
  });

  it('refuses bodies above 64 KiB with 413 in the provider error shape', async () => {
    const { key } = payoutBody(null);
    const reply = await api.createPayout(key, JSON.stringify({ pad: 'x'.repeat(70_000) }));
    expect(reply.status).toBe(413);
    expect((reply.json as unknown as ErrorJson).error.code).toBe('request_too_large');
  });

  it('documents exactly the routes it serves in docs/openapi/provider-sandbox.yaml', async () => {
    const document = parse(readFileSync(OPENAPI_PATH, 'utf8')) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const served = expressRoutes((sandbox.app as unknown as { router: { stack: Layer[] } }).router.stack);
    expect(served).toContain('GET /v1/admin/payouts/{id}/deliveries');
    expect([...new Set(served)].sort()).toEqual([...new Set(documented)].sort());
    const docs = await fetch(`${sandbox.url}/docs/openapi.yaml`);
    expect(await docs.text()).toBe(readFileSync(OPENAPI_PATH, 'utf8'));
  });
});
