import type { RequestListener } from 'node:http';
import { avroOptions } from '@sluice/contracts';
import { type Database, type NamedMigration, openDatabase, StatisticsKeeper } from '@sluice/persistence';
import {
  type Closable,
  createLogger,
  type Logger,
  listen,
  onShutdown,
  type ReadinessCheck,
  type ServiceMetrics,
} from '@sluice/service-kit';
import type { ConsumerRunner } from './consumer-runner.ts';
import { createMessaging, type Messaging } from './messaging.ts';
import type { OutboxRelay } from './relay.ts';
import type { TopicCatalog } from './topic-spec.ts';

/** The settings of a service's config that say where its infrastructure is and where it listens. */
export interface RuntimeConfig {
  readonly DATABASE_URL: string;
  readonly KAFKA_BROKERS: readonly string[];
  readonly KAFKA_TOPIC_NAMESPACE: string;
  readonly SCHEMA_REGISTRY_URL: string;
  readonly HTTP_HOST: string;
  readonly HTTP_PORT: number;
}

export interface RuntimeOptions {
  /** The service's name: the Kafka client id and the `producer` of every event it writes. */
  readonly service: string;
  readonly config: RuntimeConfig;
  /** The service's own database: created when missing and migrated before anything else starts. */
  readonly database: {
    readonly name: string;
    readonly migrations: readonly NamedMigration[];
    readonly poolMax: number;
  };
  readonly topics: TopicCatalog;
  readonly logger: Logger;
  readonly metrics: ServiceMetrics;
}

export type ConsumerOptions = Parameters<Messaging['consumer']>[0];

/** The database, messaging, relay and HTTP server of one service, started and stopped in one order. */
export interface ServiceRuntime {
  readonly db: Database;
  readonly messaging: Messaging;
  /** Already started: publishes what the service writes to its outbox. */
  readonly relay: OutboxRelay;
  /** The checks behind /readyz: the database, and Kafka with the schema registry. */
  readonly readiness: { readonly database: ReadinessCheck; readonly kafka: ReadinessCheck };
  /** Builds and starts a consumer; close() stops it. */
  startConsumer(options: ConsumerOptions): Promise<ConsumerRunner>;
  /** Listens on HTTP_HOST:HTTP_PORT (port 0 picks a free one); close() stops it. */
  serve(app: RequestListener): Promise<{ url: string; port: number }>;
  /**
   * Stops the HTTP server, the consumers, then `stopWork` (the service's own loops, timers and drains), the relay,
   * Kafka and last the database. Why this order: new work stops coming in before the work in hand is finished; that
   * work writes its events to the outbox in the same transaction as its effect, so every writer stops before the
   * relay (a row written later waits in the table for the next start); the relay and the consumers publish through
   * the Kafka producer, so they stop before it closes; and every one of them uses the database, which closes last.
   */
  close(stopWork?: () => void | Promise<void>): Promise<void>;
}

/** Opens the service database (migrated) and messaging over it, and starts the outbox relay. */
export async function openRuntime(options: RuntimeOptions): Promise<ServiceRuntime> {
  const { config, database, logger } = options;
  const db = await openDatabase({
    serverUrl: config.DATABASE_URL,
    dbName: database.name,
    migrations: database.migrations,
    poolMax: database.poolMax,
  });
  const statistics = new StatisticsKeeper({ db, onWarn: (message, detail) => logger.warn(detail, message) });
  await statistics.start();
  const messaging = await createMessaging({
    service: options.service,
    brokers: config.KAFKA_BROKERS,
    registryUrl: config.SCHEMA_REGISTRY_URL,
    db,
    topics: options.topics,
    namespace: config.KAFKA_TOPIC_NAMESPACE,
    avroOptions: avroOptions(),
    logger,
    metricsRegistry: options.metrics.registry,
  });
  const relay = messaging.relay();
  await relay.start();
  const consumers: ConsumerRunner[] = [];
  const servers: Closable[] = [];
  return {
    db,
    messaging,
    relay,
    readiness: { database: () => db.check(), kafka: () => messaging.check() },
    async startConsumer(consumerOptions) {
      const consumer = messaging.consumer(consumerOptions);
      await consumer.start();
      consumers.push(consumer);
      return consumer;
    },
    async serve(app) {
      const http = await listen(app, config.HTTP_PORT, config.HTTP_HOST);
      servers.push(http.closable);
      return { url: `http://${config.HTTP_HOST}:${http.port}`, port: http.port };
    },
    async close(stopWork) {
      for (const server of servers) await server.close();
      for (const consumer of consumers) await consumer.stop();
      await stopWork?.();
      await relay.stop();
      await messaging.close();
      await statistics.stop();
      await db.close();
    },
  };
}

/**
 * Runs a service as its own process: config from the environment, a logger, start, and a clean stop on SIGTERM or
 * SIGINT. Returns the running service for process-level extras (e.g. a SIGHUP handler).
 */
export async function runService<
  Config extends { readonly LOG_LEVEL: string },
  Handles extends { close(): Promise<void> },
>(
  service: string,
  loadConfig: () => Config,
  start: (config: Config, options: { logger: Logger }) => Promise<Handles>,
): Promise<Handles> {
  const config = loadConfig();
  const logger = createLogger(service, config.LOG_LEVEL);
  const handles = await start(config, { logger });
  onShutdown(logger, [{ name: service, close: () => handles.close() }]);
  return handles;
}
