import { randomUUID } from 'node:crypto';
import { avroOptions, TOPICS } from '@sluice/contracts';
import { EventCodec, RegistryClient, startGroupAtEnd } from '@sluice/messaging';
import { freshDatabase, type InfraEndpoints, type TestDatabase, uniqueName, waitFor } from '@sluice/testing';
import { type Consumer, Kafka, logLevel } from 'kafkajs';
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

const kafkaOf = (infra: InfraEndpoints) =>
  new Kafka({ clientId: uniqueName('gateway-test'), brokers: [...infra.kafkaBrokers], logLevel: logLevel.NOTHING });

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

/** The gateway in-process on a fresh database, sandbox keys from env unless `env` says otherwise. */
export async function startTestGateway(infra: InfraEndpoints, env: Record<string, string> = {}): Promise<TestGateway> {
  const scratch: TestDatabase = await freshDatabase(infra.postgresUrl, 'webhook_gateway');
  const gateway = await startWebhookGateway(
    loadWebhookGatewayConfig({
      HTTP_PORT: '0',
      LOG_LEVEL: 'silent',
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      SCHEMA_REGISTRY_URL: infra.schemaRegistryUrl,
      DATABASE_URL: infra.postgresUrl,
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

export interface Received {
  readonly key: string | null;
  readonly value: Record<string, unknown>;
}

/** A plain kafkajs consumer plus the registry, as dispatch reads the topic; starts at the topic's current end. */
export class TopicReader {
  readonly messages: Received[] = [];
  readonly #consumer: Consumer;

  private constructor(consumer: Consumer) {
    this.#consumer = consumer;
  }

  static async start(infra: InfraEndpoints): Promise<TopicReader> {
    const groupId = uniqueName('gateway-reader');
    await startGroupAtEnd(infra.kafkaBrokers, groupId, [TOPIC]);
    const registry = new RegistryClient({
      url: infra.schemaRegistryUrl,
      codec: new EventCodec(TOPICS, avroOptions()),
      avroOptions: avroOptions(),
    });
    const consumer = kafkaOf(infra).consumer({ groupId });
    const reader = new TopicReader(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics: [TOPIC] });
    await consumer.run({
      eachMessage: async ({ message }) => {
        if (!message.value) return;
        const value = await registry.decode<Record<string, unknown>>(TOPIC, message.value);
        reader.messages.push({ key: message.key?.toString() ?? null, value });
      },
    });
    return reader;
  }

  /** Messages about one payout, in topic order. */
  about(payoutId: string): Received[] {
    return this.messages.filter((m) => m.value.payout_id === payoutId);
  }

  waitFor(predicate: (message: Received) => boolean, description: string): Promise<Received> {
    return waitFor(() => this.messages.find(predicate), { timeoutMs: 30_000, description });
  }

  stop(): Promise<void> {
    return this.#consumer.disconnect();
  }
}
