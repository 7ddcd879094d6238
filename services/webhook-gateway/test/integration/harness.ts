import { randomUUID } from 'node:crypto';
import { serviceEnv, TopicTap, testNamespace } from '@sluice/messaging/testing';
import { freshDatabase, type InfraEndpoints, type TestDatabase } from '@sluice/testing';
import {
  loadWebhookGatewayConfig,
  operatorKeyEntry,
  startWebhookGateway,
  type WebhookGatewayHandles,
  xPaySignature,
} from '../../src/index.ts';

export const TOPIC = 'provider.callbacks-received.v1';
export const SANDBOX_SECRET = 'whsec_gateway_integration_k1';
export const OPERATOR_KEY = 'ops_integration_key_0123456789';

export interface TestGateway {
  readonly gateway: WebhookGatewayHandles;
  /** POSTs raw bytes to `/v1/webhooks/<provider>` and returns status and parsed JSON. */
  post(provider: string, body: string | Buffer, headers: Record<string, string>): Promise<Reply>;
  /** GET on the operator API with the test operator key. */
  get(path: string): Promise<Reply>;
  count(sql: string, params?: unknown[]): Promise<number>;
  stop(): Promise<void>;
}

export interface Reply {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/**
 * The gateway in-process on a fresh database, publishing in the test topic namespace, sandbox keys from env unless
 * `env` says otherwise.
 */
export async function startTestGateway(infra: InfraEndpoints, env: Record<string, string> = {}): Promise<TestGateway> {
  const scratch: TestDatabase = await freshDatabase(infra.postgresUrl, 'webhook_gateway');
  const gateway = await startWebhookGateway(
    loadWebhookGatewayConfig({
      HTTP_PORT: '0',
      LOG_LEVEL: 'silent',
      ...serviceEnv(await testNamespace(infra)),
      WEBHOOK_DB_NAME: scratch.name,
      WEBHOOK_SECRET_SANDBOX_K1: SANDBOX_SECRET,
      WEBHOOK_OPERATOR_KEYS: operatorKeyEntry('ops', OPERATOR_KEY),
      ...env,
    }),
  );
  const read = async (response: Response): Promise<Reply> => {
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
  return {
    gateway,
    post: async (provider, body, headers) =>
      read(await fetch(`${gateway.url}/v1/webhooks/${provider}`, { method: 'POST', headers, body })),
    get: async (path) =>
      read(await fetch(gateway.url + path, { headers: { authorization: `Bearer ${OPERATOR_KEY}` } })),
    async count(sql, params = []) {
      return Number((await gateway.db.fork().execute<{ n: string }[]>(sql, params))[0]!.n);
    },
    async stop() {
      await gateway.close();
      await scratch.drop();
    },
  };
}

/** A sandbox-format payout event for `payoutId`, as the provider would send it. */
export function payoutEvent(payoutId: string, status: string, extra: Record<string, unknown> = {}): string {
  const type = status === 'processing' ? 'payout.pending' : `payout.${status}`;
  return JSON.stringify({
    id: `evt_${randomUUID().replaceAll('-', '').slice(0, 24)}`,
    type,
    created_at: new Date().toISOString(),
    data: {
      id: `sbx_po_${payoutId.slice(0, 8)}`,
      status,
      client_reference: payoutId,
      amount_minor: '1250000',
      currency: 'USDC',
      ...(status === 'completed' ? { settled_amount_minor: '1250000', fee_amount_minor: '0' } : {}),
      ...extra,
    },
  });
}

/** x-pay headers for `body`, signed now (or at `timestampS`) with `secret`. */
export function xPayHeaders(body: string, secret = SANDBOX_SECRET, timestampS = Math.floor(Date.now() / 1000)) {
  return {
    'content-type': 'application/json',
    'x-pay-signature': xPaySignature(secret, timestampS, body),
    'x-pay-timestamp': String(timestampS),
    'x-pay-event-id': (JSON.parse(body) as { id: string }).id,
  };
}

export const newPayoutId = (): string => randomUUID();

/** Reads the forwarded callbacks as dispatch does (the shared tap), from the topic's current end. */
export const TopicReader = {
  start: async (infra: InfraEndpoints) => TopicTap.start(await testNamespace(infra), [TOPIC]),
};
export type TopicReader = TopicTap;
