import { avroOptions, TOPICS } from '@sluice/contracts';
import { type Database, Migration, openDatabase } from '@sluice/persistence';
import { createLogger, createMetrics } from '@sluice/service-kit';
import { freshDatabase, type InfraEndpoints, type TestDatabase } from '@sluice/testing';
import { createMessaging, type EventHandler, type Messaging, NonRetryableError } from '../../src/index.ts';
import { type OwnNamespace, ownNamespace, type TestInfra } from '../../src/testing/index.ts';

/** A table the test handler writes to: its rows are the "effects" whose count proves exactly-once. */
class EffectsTableMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql('create table effects (event_id uuid primary key, request_id text not null)');
    this.addSql('create table known_beneficiaries (beneficiary_id text primary key)');
  }
}
export const TEST_MIGRATIONS = [{ name: '0001_effects', migration: EffectsTableMigration }];

/** The two contract topics the suites read and write, by logical name. */
export const SUITE_TOPICS = { input: 'payouts.requested.v1', output: 'payouts.accepted.v1' } as const;

export interface Harness {
  readonly db: Database;
  readonly scratch: TestDatabase;
  readonly messaging: Messaging;
  readonly topics: typeof SUITE_TOPICS;
  /** The suite's infrastructure in a namespace of its own: the suites read their topics from the beginning. */
  readonly infra: TestInfra;
  close(): Promise<void>;
}

/**
 * Messaging over a fresh database in a topic namespace of the suite's own; with `existing`, over that database and
 * namespace (a second process of the same suite), which it then leaves in place on close.
 */
export async function openHarness(
  infra: InfraEndpoints,
  existing?: { readonly scratch: TestDatabase; readonly infra: TestInfra },
): Promise<Harness> {
  const own: OwnNamespace | undefined = existing
    ? undefined
    : await ownNamespace(infra, { prefix: 'messaging', topics: Object.values(SUITE_TOPICS) });
  const scoped = existing?.infra ?? own!;
  const scratch = existing?.scratch ?? (await freshDatabase(infra.postgresUrl, 'messaging'));
  const db = await openDatabase({ serverUrl: infra.postgresUrl, dbName: scratch.name, migrations: TEST_MIGRATIONS });
  const messaging = await createMessaging({
    service: 'messaging-test',
    brokers: infra.kafkaBrokers,
    registryUrl: infra.schemaRegistryUrl,
    db,
    topics: TOPICS,
    namespace: scoped.topicNamespace,
    avroOptions: avroOptions(),
    logger: createLogger('messaging-test', process.env.TEST_LOG_LEVEL ?? 'silent'),
    metricsRegistry: createMetrics('messaging-test').registry,
  });
  return {
    db,
    scratch,
    messaging,
    topics: SUITE_TOPICS,
    infra: scoped,
    async close() {
      await messaging.close();
      await db.close();
      if (own) {
        await scratch.drop();
        await own.drop();
      }
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
