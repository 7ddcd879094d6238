import { TOPICS } from '@sluice/contracts';
import { type ConsumerRunner, type Messaging, type OutboxRelay, openRuntime, runService } from '@sluice/messaging';
import type { Database } from '@sluice/persistence';
import { createLogger, createMetrics, type Logger } from '@sluice/service-kit';
import type { Express } from 'express';
import { batchStore } from './adapters/db/batch.store.ts';
import { startKeyPurge } from './adapters/db/key-purge.ts';
import { INTAKE_MIGRATIONS } from './adapters/db/migrations/index.ts';
import { sqlTransactions } from './adapters/db/transactions.ts';
import { intakeHttpApp } from './adapters/http/intake-app.ts';
import { complianceDecidedV1 } from './adapters/kafka/compliance-decided.v1.handler.ts';
import { payoutsRequestedV1 } from './adapters/kafka/payouts-requested.v1.handler.ts';
import { payoutsStatusChangedV1 } from './adapters/kafka/payouts-status-changed.v1.handler.ts';
import { Authenticator } from './app/authenticate.ts';
import type { IntakeDeps } from './app/create-payout.ts';
import { DestinationFactsCache } from './app/destination-facts.ts';
import type { Transactions } from './app/ports.ts';
import { type SeededPlatform, type SeedPlatformOptions, seedPlatform } from './app/seed-platform.ts';
import { type IntakeConfig, loadIntakeConfig } from './config.ts';

/** A running intake: what tests, the demo and the CLI need to drive and stop it. */
export interface IntakeHandles {
  readonly config: IntakeConfig;
  /** Base URL of the HTTP API, e.g. http://127.0.0.1:7001 */
  readonly url: string;
  readonly port: number;
  readonly app: Express;
  readonly db: Database;
  readonly messaging: Messaging;
  readonly relay: OutboxRelay;
  readonly consumer: ConsumerRunner;
  readonly transactions: Transactions;
  /** Creates a platform (unless it exists) and a fresh API key; the plaintext key is returned only here. */
  seedPlatform(options?: SeedPlatformOptions): Promise<SeededPlatform>;
  /** Stops taking requests, stops the consumer and the relay, then closes Kafka and the database. */
  close(): Promise<void>;
}

/**
 * Composition root: database (migrated), messaging (outbox relay + consumer of payouts.requested,
 * compliance.decided and payouts.status-changed), and the HTTP API. Resolves once everything is started.
 */
export async function startIntake(config: IntakeConfig, options: { logger?: Logger } = {}): Promise<IntakeHandles> {
  const logger = options.logger ?? createLogger('intake', config.LOG_LEVEL);
  const metrics = createMetrics('intake');
  const runtime = await openRuntime({
    service: 'intake',
    config,
    database: { name: config.INTAKE_DB_NAME, migrations: INTAKE_MIGRATIONS, poolMax: config.INTAKE_DB_POOL_MAX },
    topics: TOPICS,
    logger,
    metrics,
  });
  const { db, messaging } = runtime;
  const writer = { outbox: messaging.outbox };
  const transactions = sqlTransactions(db, writer, { writeConcurrency: config.INTAKE_WRITE_CONCURRENCY });
  const clock = { now: () => new Date() };
  const settings = {
    defaultProgramId: config.INTAKE_DEFAULT_PROGRAM,
    keyTtlHours: config.INTAKE_IDEMPOTENCY_TTL_HOURS,
  };
  const destinations = new DestinationFactsCache();
  const batches = batchStore(db, messaging.outbox);
  const deps: IntakeDeps = { transactions, settings, clock, destinations, batches };
  const consumer = await runtime.startConsumer({
    groupId: config.INTAKE_CONSUMER_GROUP,
    // Partitions in parallel: each event locks only its own payout's rows, so chunks of different partitions never
    // wait on each other, and the consumer is bound by round trips to PostgreSQL rather than by CPU.
    partitionsConcurrently: 3,
    handlers: [
      payoutsRequestedV1({ writer, settings, clock, destinations }),
      complianceDecidedV1({ writer }),
      payoutsStatusChangedV1({ writer }),
    ],
  });
  const purge = startKeyPurge(db, logger);
  const authenticator = new Authenticator({
    platforms: () => transactions.read().platforms,
    cacheMs: config.INTAKE_API_KEY_CACHE_MS,
  });
  const app = intakeHttpApp({
    deps,
    authenticator,
    logger,
    metrics,
    readiness: runtime.readiness,
    rateLimit: { ratePerSecond: config.INTAKE_RATE_LIMIT_PER_SECOND, burst: config.INTAKE_RATE_LIMIT_BURST },
  });
  const { url, port } = await runtime.serve(app);
  logger.info({ port, db: config.INTAKE_DB_NAME }, 'intake started');
  return {
    config,
    url,
    port,
    app,
    db,
    messaging,
    relay: runtime.relay,
    consumer,
    transactions,
    seedPlatform: (seedOptions) => seedPlatform(transactions, seedOptions),
    close: () => runtime.close(() => purge.stop()),
  };
}

if (import.meta.main) await runService('intake', loadIntakeConfig, startIntake);
