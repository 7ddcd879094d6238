import { avroOptions, TOPICS } from '@sluice/contracts';
import { type Database, Migration, openDatabase } from '@sluice/persistence';
import { createLogger, createMetrics } from '@sluice/service-kit';
import { freshDatabase, type InfraEndpoints, type TestDatabase, uniqueName } from '@sluice/testing';
import type { Kafka } from 'kafkajs';
import {
  createKafka,
  createMessaging,
  dlqTopicOf,
  type EventHandler,
  type Messaging,
  NonRetryableError,
  type TopicCatalog,
} from '../../src/index.ts';

/** A table the test handler writes to: its rows are the "effects" whose count proves exactly-once. */
class EffectsTableMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql('create table effects (event_id uuid primary key, request_id text not null)');
    this.addSql('create table known_beneficiaries (beneficiary_id text primary key)');
  }
}
export const TEST_MIGRATIONS = [{ name: '0001_effects', migration: EffectsTableMigration }];

/** Fresh topics per suite, carrying the real contract schemas: no cross-talk with other suites or the demo. */
export function suiteTopics(): { input: string; output: string; catalog: TopicCatalog } {
  const prefix = uniqueName('t');
  return topicsNamed(`${prefix}.payouts.requested.v1`, `${prefix}.payouts.accepted.v1`);
}

export function topicsNamed(input: string, output: string): { input: string; output: string; catalog: TopicCatalog } {
  const requested = TOPICS['payouts.requested.v1'];
  const accepted = TOPICS['payouts.accepted.v1'];
  return {
    input,
    output,
    catalog: {
      [input]: { ...requested, topic: input, subject: `${input}-value` },
      [output]: { ...accepted, topic: output, subject: `${output}-value` },
    },
  };
}

export async function createTopics(kafka: Kafka, topics: readonly string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: topics.flatMap((topic) => [topic, dlqTopicOf(topic)]).map((topic) => ({ topic, numPartitions: 2 })),
  });
  await admin.disconnect();
}

export interface Harness {
  readonly db: Database;
  readonly scratch: TestDatabase;
  readonly messaging: Messaging;
  readonly topics: ReturnType<typeof suiteTopics>;
  close(): Promise<void>;
}

export async function openHarness(
  infra: InfraEndpoints,
  topics = suiteTopics(),
  existing?: TestDatabase,
): Promise<Harness> {
  const scratch = existing ?? (await freshDatabase(infra.postgresUrl, 'messaging'));
  const db = await openDatabase({ serverUrl: infra.postgresUrl, dbName: scratch.name, migrations: TEST_MIGRATIONS });
  const logger = createLogger('messaging-test', process.env.TEST_LOG_LEVEL ?? 'silent');
  const kafka = createKafka({ clientId: 'messaging-test', brokers: infra.kafkaBrokers, logger });
  if (!existing) await createTopics(kafka, [topics.input, topics.output]);
  const messaging = await createMessaging({
    service: 'messaging-test',
    brokers: infra.kafkaBrokers,
    registryUrl: infra.schemaRegistryUrl,
    db,
    topics: topics.catalog,
    avroOptions: avroOptions(),
    logger,
    metricsRegistry: createMetrics('messaging-test').registry,
  });
  return {
    db,
    scratch,
    messaging,
    topics,
    async close() {
      await messaging.close();
      await db.close();
      if (!existing) await scratch.drop();
    },
  };
}

/** A payouts.requested payload for the test topics. */
export function requestedPayload(requestId: string, beneficiaryId = 'ben_1') {
  return {
    platform_id: 'plt_test',
    request_id: requestId,
    platform_reference: `ref-${requestId}`,
    beneficiary_id: beneficiaryId,
    destination: { type: 'wallet', id: 'wal_1' },
    amount_minor: 12_500_000n,
    currency: 'USDC',
    corridor: 'US-USDC-BASE',
    metadata: {},
  };
}

/**
 * The handler under test: records one effect row per event and emits one follow-up event. It refuses beneficiaries it
 * does not know with a NonRetryableError, which is how tests make a message fail until the data is fixed.
 */
export function effectHandler(input: string, output: string): EventHandler<never> {
  return {
    topic: input,
    async handle(event: never, { em, emit }) {
      const e = event as { event_id: string; request_id: string; beneficiary_id: string; payout_id: string | null };
      if (e.beneficiary_id !== 'ben_1') {
        const known = await em.execute('select 1 from known_beneficiaries where beneficiary_id = ?', [
          e.beneficiary_id,
        ]);
        if (known.length === 0)
          throw new NonRetryableError('beneficiary_unknown', `no beneficiary ${e.beneficiary_id}`);
      }
      await em.execute('insert into effects (event_id, request_id) values (?, ?)', [e.event_id, e.request_id]);
      emit(output, acceptedPayload(e.request_id));
    },
  } as EventHandler<never>;
}

function acceptedPayload(requestId: string) {
  return {
    payout_id: `po_${requestId}`,
    platform_id: 'plt_test',
    request_id: requestId,
    platform_reference: `ref-${requestId}`,
    beneficiary_id: 'ben_1',
    destination_type: 'wallet',
    destination_id: 'wal_1',
    destination: '0x5aAe…BeAed',
    network: 'base',
    amount_minor: 12_500_000n,
    currency: 'USDC',
    corridor: 'US-USDC-BASE',
    program_id: 'sandbox',
    market: 'US',
    request_hash: 'a'.repeat(64),
    metadata: {},
  };
}

export async function count(db: Database, sql: string, params: unknown[] = []): Promise<number> {
  const rows = await db.fork().execute<{ n: string }[]>(sql, params);
  return Number(rows[0]?.n ?? 0);
}
