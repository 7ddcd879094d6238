import type { PayoutStatusChangedV1 } from '@sluice/contracts';
import { avroOptions } from '@sluice/contracts';
import { createKafka, createMessaging, dlqTopicOf, type Messaging, type Payload } from '@sluice/messaging';
import { type Database, openDatabase } from '@sluice/persistence';
import { createLogger, createMetrics } from '@sluice/service-kit';
import { freshDatabase, type InfraEndpoints, type TestDatabase, uniqueName } from '@sluice/testing';
import { v7 as uuidv7 } from 'uuid';
import { loadLedgerConfig } from '../../src/config.ts';
import { type LedgerHandles, startLedger } from '../../src/main.ts';
import { DEFAULT_TOPICS, type LedgerTopics, topicCatalog } from '../../src/topics.ts';

const logger = () => createLogger('ledger-test', process.env.TEST_LOG_LEVEL ?? 'silent');

/** Suite-private topics carrying the real contracts: no cross-talk with other suites, dispatch or the demo. */
export function suiteTopics(): LedgerTopics {
  const prefix = uniqueName('t');
  return {
    statusChanged: `${prefix}.${DEFAULT_TOPICS.statusChanged}`,
    entriesPosted: `${prefix}.${DEFAULT_TOPICS.entriesPosted}`,
  };
}

export async function createTopics(infra: InfraEndpoints, topics: LedgerTopics): Promise<void> {
  const admin = createKafka({ clientId: 'ledger-test', brokers: infra.kafkaBrokers, logger: logger() }).admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: [topics.statusChanged, topics.entriesPosted]
      .flatMap((topic) => [topic, dlqTopicOf(topic)])
      .map((topic) => ({ topic, numPartitions: 2 })),
  });
  await admin.disconnect();
}

export interface LedgerUnderTest {
  readonly ledger: LedgerHandles;
  readonly scratch: TestDatabase;
  close(): Promise<void>;
}

/** A ledger on a fresh database; with `topics`, also consuming and publishing on them. */
export async function openLedger(
  infra: InfraEndpoints,
  topics: LedgerTopics = suiteTopics(),
  env: Record<string, string> = {},
): Promise<LedgerUnderTest> {
  const scratch = await freshDatabase(infra.postgresUrl, 'ledger');
  const config = loadLedgerConfig({
    DATABASE_URL: infra.postgresUrl,
    LEDGER_DB_NAME: scratch.name,
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    SCHEMA_REGISTRY_URL: infra.schemaRegistryUrl,
    HTTP_PORT: '0',
    LEDGER_CONSUMER_GROUP: uniqueName('ledger-g'),
    LOG_LEVEL: 'silent',
    ...env,
  });
  await createTopics(infra, topics);
  const ledger = await startLedger(config, { logger: logger(), topics });
  return {
    ledger,
    scratch,
    async close() {
      await ledger.close();
      await scratch.drop();
    },
  };
}

/** A stand-in for dispatch: its own database and outbox, publishing status changes the way dispatch does. */
export interface FakeDispatch {
  readonly messaging: Messaging;
  publish(events: readonly StatusEvent[]): Promise<void>;
  close(): Promise<void>;
}

/** A status change payload plus its payout id (an envelope field) and, optionally, a fixed event id. */
export type StatusEvent = Payload<PayoutStatusChangedV1> & { readonly payout_id: string; readonly eventId?: string };

export async function openDispatch(infra: InfraEndpoints, topics: LedgerTopics): Promise<FakeDispatch> {
  const scratch = await freshDatabase(infra.postgresUrl, 'ldisp');
  const db: Database = await openDatabase({ serverUrl: infra.postgresUrl, dbName: scratch.name });
  const messaging = await createMessaging({
    service: 'dispatch',
    brokers: infra.kafkaBrokers,
    registryUrl: infra.schemaRegistryUrl,
    db,
    topics: topicCatalog(topics),
    avroOptions: avroOptions(),
    logger: logger(),
    metricsRegistry: createMetrics('dispatch-test').registry,
  });
  const relay = messaging.relay();
  return {
    messaging,
    async publish(events) {
      await db.transaction((em) =>
        messaging.outbox.append(
          em,
          events.map(({ eventId, ...payload }) => {
            const outgoing = messaging.outbox.event(topics.statusChanged, payload, {
              correlationId: `corr-${payload.payout_id}`,
              payoutId: payload.payout_id,
            });
            if (eventId) outgoing.event.event_id = eventId;
            return outgoing;
          }),
        ),
      );
      await relay.drain();
    },
    async close() {
      await messaging.close();
      await db.close();
      await scratch.drop();
    },
  };
}

/** A status change as dispatch emits it. */
export function statusEvent(
  payoutId: string,
  fromStatus: string | null,
  toStatus: string,
  overrides: Partial<StatusEvent> = {},
): StatusEvent {
  return {
    payout_id: payoutId,
    from_status: fromStatus,
    to_status: toStatus,
    reason: null,
    source: 'submit',
    attempt: 1,
    provider: 'sandbox',
    provider_reference: `prv-${payoutId}`,
    idempotency_key: `idem-${payoutId}`,
    amount_minor: 25_000_000n,
    settled_amount_minor: toStatus === 'confirmed' ? 25_000_000n : null,
    fee_amount_minor: toStatus === 'confirmed' ? 150_000n : null,
    currency: 'USDC',
    program_id: 'prog-test',
    market: 'US',
    shadow: false,
    conflict: null,
    ...overrides,
  };
}

export const newEventId = (): string => uuidv7();

export async function count(db: Database, sql: string, params: unknown[] = []): Promise<number> {
  const rows = await db.fork().execute<{ n: string }[]>(sql, params);
  return Number(rows[0]?.n ?? 0);
}
