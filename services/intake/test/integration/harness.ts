import { avroOptions, TOPICS, type TopicName } from '@sluice/contracts';
import { EventCodec, frame, RegistryClient, startGroupAtEnd } from '@sluice/messaging';
import { freshDatabase, type InfraEndpoints, type TestDatabase, uniqueName, waitFor } from '@sluice/testing';
import { type Consumer, type IHeaders, Kafka, logLevel } from 'kafkajs';
import { type IntakeHandles, loadIntakeConfig, startIntake } from '../../src/index.ts';

/** Topics intake consumes; a test's consumer group starts at their current ends, so earlier runs' events stay out. */
const CONSUMED = ['payouts.requested.v1', 'compliance.decided.v1', 'payouts.status-changed.v1'];

export const kafkaOf = (infra: InfraEndpoints) =>
  new Kafka({ clientId: uniqueName('intake-test'), brokers: [...infra.kafkaBrokers], logLevel: logLevel.NOTHING });

export interface TestIntake {
  readonly intake: IntakeHandles;
  readonly api: ApiClient;
  stop(): Promise<void>;
}

/** Intake in-process on a fresh database and its own consumer group, with a seeded platform and its API client. */
export async function startTestIntake(infra: InfraEndpoints, env: Record<string, string> = {}): Promise<TestIntake> {
  const scratch: TestDatabase = await freshDatabase(infra.postgresUrl, 'intake');
  const group = uniqueName('intake-test');
  await startGroupAtEnd(infra.kafkaBrokers, group, CONSUMED);
  const intake = await startIntake(
    loadIntakeConfig({
      HTTP_PORT: '0',
      LOG_LEVEL: 'silent',
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      SCHEMA_REGISTRY_URL: infra.schemaRegistryUrl,
      DATABASE_URL: infra.postgresUrl,
      INTAKE_DB_NAME: scratch.name,
      INTAKE_CONSUMER_GROUP: group,
      ...env,
    }),
  );
  const seeded = await intake.seedPlatform({ platformId: 'acme' });
  return {
    intake,
    api: new ApiClient(intake.url, seeded.apiKey),
    async stop() {
      await intake.close();
      await scratch.drop();
    },
  };
}

export interface ApiResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown> & { id?: string; code?: string };
}

/** A platform's view of the REST API: JSON in, JSON out, its API key on every call. */
export class ApiClient {
  readonly baseUrl: string;
  readonly apiKey: string;

  constructor(baseUrl: string, apiKey: string) {
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
  }

  withKey(apiKey: string): ApiClient {
    return new ApiClient(this.baseUrl, apiKey);
  }

  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: { authorization: `Bearer ${this.apiKey}`, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : {} };
  }

  /** A beneficiary with an active Base USDC wallet: a destination payouts can be sent to. */
  async payableWallet(): Promise<{ beneficiaryId: string; walletId: string }> {
    const beneficiary = await this.call('POST', '/v1/beneficiaries', {
      type: 'individual',
      name: 'Ana Cruz',
      country: 'US',
    });
    const wallet = await this.call('POST', `/v1/beneficiaries/${beneficiary.body.id}/wallets`, {
      network: 'base',
      address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
      asset: 'USDC',
    });
    await this.call('POST', `/v1/beneficiaries/${beneficiary.body.id}/wallets/${wallet.body.id}/activate`);
    return { beneficiaryId: beneficiary.body.id!, walletId: wallet.body.id! };
  }
}

/** A valid payout body for the wallet. */
export const payoutBody = (to: { beneficiaryId: string; walletId: string }, amountMinor = '1250000') => ({
  beneficiary_id: to.beneficiaryId,
  destination: { type: 'wallet', id: to.walletId },
  amount_minor: amountMinor,
  currency: 'USDC',
  corridor: 'US-USDC-BASE',
  metadata: { invoice: 'inv-1' },
});

export interface Received<T> {
  readonly key: string | null;
  readonly value: T | undefined;
  readonly headers: IHeaders;
  readonly raw: Buffer | null;
}

/**
 * A plain kafkajs consumer plus the registry, as any downstream team would read our topics. Starts at the topics'
 * current ends; `decode: false` keeps raw bytes (dead-letter topics carry whatever arrived).
 */
export class TopicReader {
  readonly messages: Received<Record<string, unknown>>[] = [];
  readonly #consumer: Consumer;
  readonly #registry: RegistryClient;

  private constructor(consumer: Consumer, registry: RegistryClient) {
    this.#consumer = consumer;
    this.#registry = registry;
  }

  static async start(
    infra: InfraEndpoints,
    topics: readonly string[],
    options: { decode?: boolean } = {},
  ): Promise<TopicReader> {
    const groupId = uniqueName('intake-reader');
    await startGroupAtEnd(infra.kafkaBrokers, groupId, topics);
    const consumer = kafkaOf(infra).consumer({ groupId });
    const reader = new TopicReader(consumer, registryFor(infra));
    await consumer.connect();
    await consumer.subscribe({ topics: [...topics] });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        const value =
          options.decode === false || !message.value
            ? undefined
            : await reader.#registry.decode<Record<string, unknown>>(topic, message.value);
        reader.messages.push({
          key: message.key?.toString() ?? null,
          value,
          headers: message.headers ?? {},
          raw: message.value,
        });
      },
    });
    return reader;
  }

  /** Waits for a message matching `predicate` and returns it. */
  waitFor(predicate: (message: Received<Record<string, unknown>>) => boolean, description: string) {
    return waitFor(() => this.messages.find(predicate), { timeoutMs: 30_000, description });
  }

  stop(): Promise<void> {
    return this.#consumer.disconnect();
  }
}

export const registryFor = (infra: InfraEndpoints) =>
  new RegistryClient({
    url: infra.schemaRegistryUrl,
    codec: new EventCodec(TOPICS, avroOptions()),
    avroOptions: avroOptions(),
  });

/** Publishes an event the way an upstream producer must: Avro framed with the registry schema id, keyed by `key`. */
export async function publish(infra: InfraEndpoints, topic: TopicName, key: string, event: object): Promise<void> {
  const codec = new EventCodec(TOPICS, avroOptions());
  const schemaId = await registryFor(infra).schemaId(topic);
  await publishRaw(infra, topic, key, frame(schemaId, codec.encode(topic, event)));
}

/** Publishes raw bytes (for malformed-message tests). */
export async function publishRaw(infra: InfraEndpoints, topic: string, key: string, value: Buffer): Promise<void> {
  const producer = kafkaOf(infra).producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages: [{ key, value }] });
  } finally {
    await producer.disconnect();
  }
}
