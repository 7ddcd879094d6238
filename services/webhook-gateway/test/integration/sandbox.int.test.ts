// Risk retired: the gateway works with hand-signed requests but not with the provider sandbox's real callbacks —
// its signatures, retries, duplicate and out-of-order deliveries, secret rotation, or callbacks switched off.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadSandboxConfig, type ProviderSandboxHandles, startProviderSandbox } from '@sluice/provider-sandbox';
import { freshDatabase, requireInfra, type TestDatabase, waitFor } from '@sluice/testing';
import {
  newPayoutId,
  SANDBOX_SECRET,
  startTestGateway,
  type TestGateway,
  TopicReader,
  xPayHeaders,
} from './harness.ts';

const infra = await requireInfra();
const suite = infra ? describe : describe.skip;

const SANDBOX_KEY = 'sbx_test_key_gateway_suite';
const ROTATED_SECRET = 'whsec_gateway_integration_k2';
const EVM_ADDRESS = '0x52908400098527886E0F7030069857D2E4169EE7';

interface Delivery {
  readonly type: string;
  readonly state: string;
  readonly last_status: number | null;
}

suite('webhook gateway with the provider sandbox sending real signed callbacks', () => {
  let t: TestGateway;
  let reader: TopicReader;
  let sandbox: ProviderSandboxHandles;
  let sandboxDb: TestDatabase;
  let dir: string;
  let secretsFile: string;

  const writeKeys = (keys: unknown[]) => writeFileSync(secretsFile, JSON.stringify({ sandbox: keys }));
  const sandboxCall = async <T>(
    method: string,
    route: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const response = await fetch(sandbox.url + route, {
      method,
      headers: { authorization: `Bearer ${SANDBOX_KEY}`, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await response.json()) as T;
  };
  /** A sandbox payout whose client_reference is a fresh Sluice payout id; returns both ids. */
  const createPayout = async (scenario: string) => {
    const payoutId = newPayoutId();
    const created = await sandboxCall<{ id: string }>(
      'POST',
      '/v1/payouts',
      {
        client_reference: payoutId,
        amount_minor: '12500000',
        currency: 'USDC',
        destination: { type: 'wallet', network: 'base', address: EVM_ADDRESS },
        metadata: { scenario },
      },
      { 'idempotency-key': `idem-${payoutId}` },
    );
    return { payoutId, reference: created.id };
  };
  const deliveries = async (reference: string) =>
    (await sandboxCall<{ data: Delivery[] }>('GET', `/v1/admin/payouts/${reference}/deliveries`)).data;
  const statusesOnTopic = (payoutId: string) => reader.about(payoutId).map((m) => m.value.provider_status);

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'gateway-sandbox-'));
    secretsFile = path.join(dir, 'secrets.json');
    writeKeys([{ key_id: 'k1', secret: SANDBOX_SECRET }]);
    t = await startTestGateway(infra!, {
      WEBHOOK_SECRET_SANDBOX_K1: '',
      WEBHOOK_SECRETS_FILE: secretsFile,
      WEBHOOK_SECRETS_RELOAD_MS: '0',
    });
    reader = await TopicReader.start(infra!);
    sandboxDb = await freshDatabase(infra!.postgresUrl, 'gw_sandbox');
    sandbox = await startProviderSandbox(
      loadSandboxConfig({
        DATABASE_URL: infra!.postgresUrl,
        SANDBOX_DB_NAME: sandboxDb.name,
        HTTP_PORT: '0',
        LOG_LEVEL: 'silent',
        SANDBOX_API_KEYS: SANDBOX_KEY,
        SANDBOX_CALLBACK_URL: `${t.gateway.url}/v1/webhooks/sandbox`,
        SANDBOX_CALLBACK_SECRET: SANDBOX_SECRET,
        SANDBOX_STEP_DELAY_MS: '60',
        SANDBOX_CALLBACK_BACKOFF_MS: '40',
        SANDBOX_CALLBACK_MAX_BACKOFF_MS: '200',
        SANDBOX_POLL_INTERVAL_MS: '20',
      }),
    );
  });
  afterAll(async () => {
    await sandbox?.close();
    await sandboxDb?.drop();
    await reader?.stop();
    await t?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('verifies, archives and forwards each real callback once; a replayed or tampered delivery changes nothing', async () => {
    const { payoutId, reference } = await createPayout('success');
    await reader.waitFor((m) => m.value.payout_id === payoutId && m.value.provider_status === 'completed', 'completed');
    expect(statusesOnTopic(payoutId)).toEqual(['pending', 'completed']);
    const completed = reader.about(payoutId)[1]!.value;
    expect(completed).toMatchObject({
      provider_reference: reference,
      client_reference: payoutId,
      correlation_id: payoutId,
      verification: { scheme: 'x-pay', key_id: 'k1', verdict: 'valid' },
      amount_minor: 12_500_000n,
      currency: 'USDC',
      settled_amount_minor: 12_500_000n,
    });
    expect((await deliveries(reference)).map((d) => [d.state, d.last_status])).toEqual([
      ['delivered', 200],
      ['delivered', 200],
    ]);
    // The exact bytes and signature the sandbox sent, taken from the archive and replayed ten times.
    const archived = (await t.get(`/v1/callbacks/${String(completed.callback_id)}`)).body;
    const body = Buffer.from(String(archived.raw_body_base64), 'base64');
    const headers = archived.headers as Record<string, string>;
    const signed = { 'x-pay-signature': headers['x-pay-signature']!, 'x-pay-timestamp': headers['x-pay-timestamp']! };
    for (let i = 0; i < 10; i += 1) {
      expect(await t.post('sandbox', body, signed)).toMatchObject({ status: 200, body: { status: 'duplicate' } });
    }
    const tampered = body.toString('utf8').replace('"completed"', '"failed"');
    expect(await t.post('sandbox', tampered, signed)).toMatchObject({
      status: 401,
      body: { code: 'signature_invalid' },
    });
    expect(await t.count('select count(*) as n from outbox where payout_id = ?', [payoutId])).toBe(2);
  });

  it('forwards duplicate_callbacks once per event although each is delivered twice', async () => {
    const { payoutId, reference } = await createPayout('duplicate_callbacks');
    const settled = await waitFor(
      async () => {
        const list = await deliveries(reference);
        return list.length === 4 && list.every((d) => d.state === 'delivered') && list;
      },
      { description: 'four delivered callbacks' },
    );
    expect(settled.map((d) => d.last_status)).toEqual([200, 200, 200, 200]);
    expect(await t.count('select count(*) as n from outbox where payout_id = ?', [payoutId])).toBe(2);
    expect(
      await t.count('select sum(duplicate_count) as n from webhook_callbacks where payout_id = ?', [payoutId]),
    ).toBe(2);
    await reader.waitFor((m) => m.value.payout_id === payoutId && m.value.provider_status === 'completed', 'completed');
    expect(statusesOnTopic(payoutId).sort()).toEqual(['completed', 'pending']);
  });

  it('forwards out_of_order_callbacks in the order they arrived (completed, then pending) for dispatch to converge', async () => {
    const { payoutId } = await createPayout('out_of_order_callbacks');
    await waitFor(() => statusesOnTopic(payoutId).length === 2, { description: 'both callbacks on the topic' });
    expect(statusesOnTopic(payoutId)).toEqual(['completed', 'pending']);
  });

  it('receives nothing for missing_callbacks or while callbacks are switched off; the poll shows the terminal state', async () => {
    const missing = await createPayout('missing_callbacks');
    await sandboxCall('POST', '/v1/admin/callbacks/disable');
    const off = await createPayout('success');
    try {
      for (const { reference } of [missing, off]) {
        await waitFor(
          async () => (await sandboxCall<{ status: string }>('GET', `/v1/payouts/${reference}`)).status === 'completed',
          {
            description: 'the payout completed at the provider',
          },
        );
      }
      expect(await deliveries(missing.reference)).toEqual([]);
      expect((await deliveries(off.reference)).map((d) => d.state)).toEqual(['suppressed', 'suppressed']);
      for (const { payoutId } of [missing, off]) {
        expect(
          await t.count('select count(*) as n from webhook_callbacks where client_reference = ?', [payoutId]),
        ).toBe(0);
      }
    } finally {
      await sandboxCall('POST', '/v1/admin/callbacks/enable');
    }
  });

  it('keeps accepting the sandbox through a secret rotation and refuses the old secret once it is retired', async () => {
    writeKeys([
      { key_id: 'k1', secret: SANDBOX_SECRET },
      { key_id: 'k2', secret: ROTATED_SECRET },
    ]);
    expect(await t.gateway.reloadSecrets()).toBe(true);
    await sandboxCall('POST', '/v1/admin/callback-secret', { secret: ROTATED_SECRET });
    const { payoutId } = await createPayout('success');
    await waitFor(() => statusesOnTopic(payoutId).length === 2, { description: 'both callbacks under the new key' });
    expect(reader.about(payoutId).map((m) => (m.value.verification as { key_id: string }).key_id)).toEqual([
      'k2',
      'k2',
    ]);
    writeKeys([
      { key_id: 'k1', secret: SANDBOX_SECRET, not_after: new Date(Date.now() - 1_000).toISOString() },
      { key_id: 'k2', secret: ROTATED_SECRET },
    ]);
    expect(await t.gateway.reloadSecrets()).toBe(true);
    const body = JSON.stringify({
      id: 'evt_old_key',
      type: 'payout.completed',
      data: { id: 'sbx_po_x', status: 'completed' },
    });
    expect(await t.post('sandbox', body, xPayHeaders(body, SANDBOX_SECRET))).toMatchObject({
      status: 401,
      body: { code: 'signature_invalid' },
    });
    const { payoutId: after } = await createPayout('success');
    await waitFor(() => statusesOnTopic(after).length === 2, {
      description: 'callbacks after the old key was retired',
    });
  });
});
