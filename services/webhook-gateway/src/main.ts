import { TOPICS } from '@sluice/contracts';
import { type Messaging, type OutboxRelay, openRuntime, runService } from '@sluice/messaging';
import type { Database } from '@sluice/persistence';
import { createLogger, createMetrics, type Logger } from '@sluice/service-kit';
import type { Express } from 'express';
import { v7 as uuidv7 } from 'uuid';
import { sqlArchiveReader } from './adapters/db/archive.reader.ts';
import { sqlCallbackStore } from './adapters/db/callback.store.ts';
import { WEBHOOK_MIGRATIONS } from './adapters/db/migrations/index.ts';
import { startRejectionPurge } from './adapters/db/rejection-purge.ts';
import { gatewayHttpApp } from './adapters/http/gateway-app.ts';
import { gatewayMetrics } from './adapters/http/gateway-metrics.ts';
import { InFlight } from './adapters/http/in-flight.ts';
import { loadKeys, logKeys, watchKeys } from './adapters/secrets/key-source.ts';
import { KeyRing } from './app/key-ring.ts';
import type { ArchiveReader } from './app/ports.ts';
import type { ReceiveDeps } from './app/receive-callback.ts';
import { loadWebhookGatewayConfig, type WebhookGatewayConfig } from './config.ts';
import { parseOperatorKeys } from './domain/operator-key.ts';

/** How long shutdown waits for callbacks still being handled after the HTTP server stopped taking new ones. */
const SHUTDOWN_DRAIN_MS = 10_000;

/** A running gateway: what tests, the demo and the CLI need to drive and stop it. */
export interface WebhookGatewayHandles {
  readonly config: WebhookGatewayConfig;
  /** Base URL, e.g. http://127.0.0.1:7004 — callbacks go to `${url}/v1/webhooks/<provider>`. */
  readonly url: string;
  readonly port: number;
  readonly app: Express;
  readonly db: Database;
  readonly messaging: Messaging;
  readonly relay: OutboxRelay;
  readonly archive: ArchiveReader;
  /** Re-reads WEBHOOK_SECRET_* and the secrets file now; false (previous keys kept) when they do not parse. */
  reloadSecrets(): Promise<boolean>;
  /** Stops taking requests, stops the relay, then closes Kafka and the database. */
  close(): Promise<void>;
}

/**
 * Composition root: keys (fail fast on a bad secret source), database (migrated), messaging (outbox relay), and the
 * HTTP API. Resolves once everything is started.
 */
export async function startWebhookGateway(
  config: WebhookGatewayConfig,
  options: { logger?: Logger } = {},
): Promise<WebhookGatewayHandles> {
  const logger = options.logger ?? createLogger('webhook-gateway', config.LOG_LEVEL);
  const operatorKeys = parseOperatorKeys(config.WEBHOOK_OPERATOR_KEYS);
  if (typeof operatorKeys === 'string') throw new Error(`WEBHOOK_OPERATOR_KEYS: ${operatorKeys}`);
  const providerNames = config.WEBHOOK_PROVIDERS.map((spec) => spec.name);
  const keySource = { secretEnv: config.secretEnv, secretsFile: config.WEBHOOK_SECRETS_FILE, logger };
  const ring = new KeyRing(await loadKeys(keySource));
  logKeys(logger, ring, providerNames, new Date());
  const metrics = createMetrics('webhook-gateway');
  const runtime = await openRuntime({
    service: 'webhook-gateway',
    config,
    database: { name: config.WEBHOOK_DB_NAME, migrations: WEBHOOK_MIGRATIONS, poolMax: config.WEBHOOK_DB_POOL_MAX },
    topics: TOPICS,
    logger,
    metrics,
  });
  const { db, messaging } = runtime;
  const watcher = watchKeys(ring, providerNames, { ...keySource, intervalMs: config.WEBHOOK_SECRETS_RELOAD_MS });
  const purge = startRejectionPurge(db, config.WEBHOOK_REJECTION_RETENTION_DAYS, logger);
  const deps: ReceiveDeps = {
    providers: new Map(config.WEBHOOK_PROVIDERS.map((spec) => [spec.name, spec])),
    keys: ring,
    store: sqlCallbackStore(db, messaging, { concurrency: config.WEBHOOK_WRITE_CONCURRENCY }),
    metrics: gatewayMetrics(metrics.registry),
    policy: { toleranceS: config.WEBHOOK_TOLERANCE_S, futureToleranceS: config.WEBHOOK_FUTURE_TOLERANCE_S },
    clock: { now: () => new Date() },
    newId: uuidv7,
    logger,
  };
  const archive = sqlArchiveReader(db);
  const inFlight = new InFlight();
  const app = gatewayHttpApp({
    webhooks: {
      deps,
      bodyLimitBytes: config.WEBHOOK_BODY_LIMIT_BYTES,
      rateLimit: { ratePerSecond: config.WEBHOOK_RATE_LIMIT_PER_SECOND, burst: config.WEBHOOK_RATE_LIMIT_BURST },
      inFlight,
    },
    archive,
    operatorKeys,
    logger,
    metrics,
    readiness: runtime.readiness,
  });
  const { url, port } = await runtime.serve(app);
  logger.info({ port, db: config.WEBHOOK_DB_NAME, providers: config.WEBHOOK_PROVIDERS }, 'webhook-gateway started');
  return {
    config,
    url,
    port,
    app,
    db,
    messaging,
    relay: runtime.relay,
    archive,
    reloadSecrets: watcher.reload,
    close: () =>
      runtime.close(async () => {
        await inFlight.idle(SHUTDOWN_DRAIN_MS);
        watcher.stop();
        purge.stop();
      }),
  };
}

if (import.meta.main) {
  const gateway = await runService('webhook-gateway', loadWebhookGatewayConfig, startWebhookGateway);
  // SIGHUP re-reads the keys at once (rotation without waiting for the file check or a restart).
  process.on('SIGHUP', () => void gateway.reloadSecrets());
}
