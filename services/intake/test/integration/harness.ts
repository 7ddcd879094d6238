import type { TopicName } from '@sluice/contracts';
import {
  positionGroupAtEnd,
  publishRaw as publishBytes,
  publishEvents,
  serviceEnv,
  TopicTap,
  testNamespace,
} from '@sluice/messaging/testing';
import { freshDatabase, type InfraEndpoints, type TestDatabase, uniqueName } from '@sluice/testing';
import { type IntakeHandles, loadIntakeConfig, startIntake } from '../../src/index.ts';

/** Topics intake consumes; a test's consumer group starts at their current ends, so earlier runs' events stay out. */
const CONSUMED = ['payouts.requested.v1', 'compliance.decided.v1', 'payouts.status-changed.v1'];

export interface TestIntake {
  readonly intake: IntakeHandles;
  readonly api: ApiClient;
  stop(): Promise<void>;
}

/**
 * Intake in-process on a fresh database, in the test topic namespace with its own consumer group, with a seeded
 * platform and its API client.
 */
export async function startTestIntake(infra: InfraEndpoints, env: Record<string, string> = {}): Promise<TestIntake> {
  const scratch: TestDatabase = await freshDatabase(infra.postgresUrl, 'intake');
  const scoped = await testNamespace(infra);
  const group = uniqueName('intake-test');
  await positionGroupAtEnd(scoped, group, CONSUMED);
  const intake = await startIntake(
    loadIntakeConfig({
      HTTP_PORT: '0',
      LOG_LEVEL: 'silent',
      ...serviceEnv(scoped),
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

/** Reads intake's topics in the test namespace from their current ends (the shared tap of @sluice/messaging). */
export const TopicReader = {
  start: async (infra: InfraEndpoints, topics: readonly string[], options: { decode?: boolean } = {}) =>
    TopicTap.start(await testNamespace(infra), topics, options),
};
export type TopicReader = TopicTap;

/** Publishes an event the way an upstream producer must: Avro framed with the registry schema id, keyed by `key`. */
export async function publish(infra: InfraEndpoints, topic: TopicName, key: string, event: object): Promise<void> {
  await publishEvents(await testNamespace(infra), topic, [{ key, event }]);
}

/** Publishes events in one batch, so the consumer sees them as one chunk (or a few). */
export async function publishTogether(
  infra: InfraEndpoints,
  topic: TopicName,
  events: readonly { key: string; event: object }[],
): Promise<void> {
  await publishEvents(await testNamespace(infra), topic, events);
}

/** Publishes raw bytes (for malformed-message tests). */
export async function publishRaw(infra: InfraEndpoints, topic: string, key: string, value: Buffer): Promise<void> {
  await publishBytes(await testNamespace(infra), topic, [{ key, value }]);
}
