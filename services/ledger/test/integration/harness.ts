import { avroOptions, type PayoutStatusChangedV1, TOPICS } from '@sluice/contracts';
import { createMessaging, type Messaging, type Payload } from '@sluice/messaging';
import { type OwnNamespace, ownNamespace, serviceEnv, type TestInfra } from '@sluice/messaging/testing';
import { type Database, openDatabase } from '@sluice/persistence';
import { createLogger, createMetrics } from '@sluice/service-kit';
import { freshDatabase, type InfraEndpoints, type TestDatabase, uniqueName } from '@sluice/testing';
import { v7 as uuidv7 } from 'uuid';
import { loadLedgerConfig } from '../../src/config.ts';
import { type LedgerHandles, startLedger } from '../../src/main.ts';
import { ENTRIES_POSTED, STATUS_CHANGED } from '../../src/topics.ts';

const logger = () => createLogger('ledger-test', process.env.TEST_LOG_LEVEL ?? 'silent');

/**
 * A topic namespace of the suite's own with the ledger's topics: a ledger consumes status changes from the beginning
 * and suites read the posted-ledger topic from its beginning, so nothing of another suite may be there.
 */
export const ledgerNamespace = (infra: InfraEndpoints): Promise<OwnNamespace> =>
  ownNamespace(infra, { prefix: 'ledger', topics: [STATUS_CHANGED, ENTRIES_POSTED] });

export interface LedgerUnderTest {
  readonly ledger: LedgerHandles;
  readonly scratch: TestDatabase;
  close(): Promise<void>;
}

/** A ledger on a fresh database, consuming and publishing in `space`, or in a namespace of its own when omitted. */
export async function openLedger(
  infra: InfraEndpoints,
  space?: TestInfra,
  env: Record<string, string> = {},
): Promise<LedgerUnderTest> {
  const own = space ? undefined : await ledgerNamespace(infra);
  const scratch = await freshDatabase(infra.postgresUrl, 'ledger');
  const config = loadLedgerConfig({
    ...serviceEnv(space ?? own!),
    LEDGER_DB_NAME: scratch.name,
    HTTP_PORT: '0',
    LEDGER_CONSUMER_GROUP: uniqueName('ledger-g'),
    LOG_LEVEL: 'silent',
    ...env,
  });
  const ledger = await startLedger(config, { logger: logger() });
  return {
    ledger,
    scratch,
    async close() {
      await ledger.close();
      await scratch.drop();
      await own?.drop();
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

export async function openDispatch(space: TestInfra): Promise<FakeDispatch> {
  const scratch = await freshDatabase(space.postgresUrl, 'ldisp');
  const db: Database = await openDatabase({ serverUrl: space.postgresUrl, dbName: scratch.name });
  const messaging = await createMessaging({
    service: 'dispatch',
    brokers: space.kafkaBrokers,
    registryUrl: space.schemaRegistryUrl,
    db,
    topics: TOPICS,
    namespace: space.topicNamespace,
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
            const outgoing = messaging.outbox.event(STATUS_CHANGED, payload, {
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
