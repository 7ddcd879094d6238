import { TOPICS } from '@sluice/contracts';
import { type ConsumerRunner, type Messaging, type OutboxRelay, openRuntime, runService } from '@sluice/messaging';
import type { Database } from '@sluice/persistence';
import { loadPrograms, type ProgramCatalog } from '@sluice/program-config';
import { createLogger, createMetrics, type Logger } from '@sluice/service-kit';
import type { Express } from 'express';
import { programCorridors } from './adapters/config/program-corridors.ts';
import { withAppendBuffer } from './adapters/db/dispatch-tx.ts';
import { DISPATCH_MIGRATIONS } from './adapters/db/migrations/index.ts';
import { sqlTransactions } from './adapters/db/transactions.ts';
import { dispatchHttpApp } from './adapters/http/dispatch-app.ts';
import { complianceDecidedV1 } from './adapters/kafka/compliance-decided.v1.handler.ts';
import { payoutsAcceptedV1 } from './adapters/kafka/payouts-accepted.v1.handler.ts';
import { providerCallbacksReceivedV1 } from './adapters/kafka/provider-callbacks-received.v1.handler.ts';
import { prometheusTelemetry } from './adapters/metrics/prometheus.telemetry.ts';
import { type GuardedGateway, guardedGateway } from './adapters/providers/provider-gateway.ts';
import { sandboxProvider } from './adapters/providers/sandbox/sandbox.client.ts';
import type { DispatchDeps } from './app/deps.ts';
import { Dispatcher } from './app/dispatcher.ts';
import type { PayoutProvider, Transactions } from './app/ports.ts';
import type { DispatchSettings } from './app/settings.ts';
import { type DispatchConfig, loadDispatchConfig } from './config.ts';

/** A running dispatch: what tests, the demo and the CLI need to drive and stop it. */
export interface DispatchHandles {
  readonly config: DispatchConfig;
  /** Base URL of the operator API, e.g. http://127.0.0.1:7003 */
  readonly url: string;
  readonly port: number;
  readonly app: Express;
  readonly db: Database;
  readonly messaging: Messaging;
  readonly relay: OutboxRelay;
  readonly consumer: ConsumerRunner;
  readonly dispatcher: Dispatcher;
  readonly gateway: GuardedGateway;
  readonly transactions: Transactions;
  /** Stops the API, the consumer and the loop (waiting for calls in flight), the relay, then Kafka and the database. */
  close(): Promise<void>;
}

export interface StartOptions {
  readonly logger?: Logger;
  /** Program config (corridor → provider); loaded from PROGRAMS_DIR or config/programs by default. */
  readonly programs?: ProgramCatalog;
  /** Provider adapters; the sandbox adapter from SANDBOX_URL by default. */
  readonly providers?: readonly PayoutProvider[];
}

/**
 * Composition root: database (migrated), provider adapters behind breakers, the messaging consumer of
 * payouts.accepted / compliance.decided / provider.callbacks-received, the outbox relay, the dispatch loop and the
 * operator API. Resolves once everything is started.
 */
export async function startDispatch(config: DispatchConfig, options: StartOptions = {}): Promise<DispatchHandles> {
  const logger = options.logger ?? createLogger('dispatch', config.LOG_LEVEL);
  const metrics = createMetrics('dispatch');
  const programs = options.programs ?? loadPrograms(config.PROGRAMS_DIR);
  const runtime = await openRuntime({
    service: 'dispatch',
    config,
    database: { name: config.DISPATCH_DB_NAME, migrations: DISPATCH_MIGRATIONS, poolMax: config.DISPATCH_DB_POOL_MAX },
    topics: TOPICS,
    logger,
    metrics,
  });
  const { db, messaging } = runtime;
  const transactions = sqlTransactions(db, messaging.outbox);
  const telemetry = prometheusTelemetry(metrics.registry, () => transactions.read().payouts.countByStatus());
  const gateway = gatewayOf(config, options.providers, logger);
  gateway.onStateChange((provider, availability) => telemetry.providerState(provider, availability));
  for (const provider of gateway.providers()) telemetry.providerState(provider, gateway.availability(provider));
  const deps: DispatchDeps & { gateway: GuardedGateway } = {
    transactions,
    gateway,
    router: programCorridors(programs),
    settings: settingsOf(config),
    clock: { now: () => new Date() },
    logger,
    telemetry,
  };
  const consumer = await runtime.startConsumer({
    groupId: config.DISPATCH_CONSUMER_GROUP,
    // Partitions in parallel: each event locks only its own payout's rows, so chunks of different partitions never
    // wait on each other, and the consumer is bound by round trips to PostgreSQL rather than by CPU.
    partitionsConcurrently: 3,
    fromBeginning: config.DISPATCH_CONSUMER_FROM_BEGINNING,
    handlers: [
      payoutsAcceptedV1({ outbox: messaging.outbox }),
      withAppendBuffer(complianceDecidedV1({ outbox: messaging.outbox, ...deps }), messaging.outbox),
      withAppendBuffer(providerCallbacksReceivedV1({ outbox: messaging.outbox, ...deps }), messaging.outbox),
    ],
  });
  const dispatcher = new Dispatcher(deps, {
    tickMs: config.DISPATCH_TICK_MS,
    maxInFlight: config.DISPATCH_MAX_IN_FLIGHT,
  });
  dispatcher.start();
  const app = dispatchHttpApp({
    deps,
    operators: config.DISPATCH_OPERATOR_KEYS,
    logger,
    metrics,
    // Providers are detail, never a reason to be unready: an open breaker is dispatch doing its job (payouts wait).
    readiness: { ...runtime.readiness, providers: async () => ({ ok: true, detail: gateway.describe() }) },
    onProviderEnabled: (provider) => dispatcher.resetFunding(provider),
  });
  const { url, port } = await runtime.serve(app);
  logger.info({ port, db: config.DISPATCH_DB_NAME, providers: gateway.providers() }, 'dispatch started');
  return {
    config,
    url,
    port,
    app,
    db,
    messaging,
    relay: runtime.relay,
    consumer,
    dispatcher,
    gateway,
    transactions,
    close: () =>
      runtime.close(async () => {
        await dispatcher.stop();
        gateway.shutdown();
      }),
  };
}

/** The provider adapters (the sandbox by default) behind their breakers and kill switches. */
function gatewayOf(config: DispatchConfig, providers: readonly PayoutProvider[] | undefined, logger: Logger) {
  const adapters = providers ?? [
    sandboxProvider({
      baseUrl: config.SANDBOX_URL,
      apiKey: config.SANDBOX_API_KEY,
      timeoutMs: config.DISPATCH_PROVIDER_TIMEOUT_MS,
    }),
  ];
  return guardedGateway(
    adapters,
    {
      errorThresholdPercentage: config.DISPATCH_BREAKER_ERROR_PERCENT,
      volumeThreshold: config.DISPATCH_BREAKER_VOLUME,
      rollingCountTimeoutMs: config.DISPATCH_BREAKER_WINDOW_MS,
      resetTimeoutMs: config.DISPATCH_BREAKER_RESET_MS,
    },
    logger,
  );
}

function settingsOf(config: DispatchConfig): DispatchSettings {
  return {
    pollAfterMs: config.DISPATCH_POLL_AFTER_MS,
    pollMaxMs: config.DISPATCH_POLL_MAX_MS,
    unknownResendAfterMs: config.DISPATCH_UNKNOWN_RESEND_AFTER_MS,
    reversalWatchMs: config.DISPATCH_REVERSAL_WATCH_MS,
    fundingCheckMs: config.DISPATCH_FUNDING_CHECK_MS,
    retryBaseMs: config.DISPATCH_RETRY_BASE_MS,
    retryMaxMs: config.DISPATCH_RETRY_MAX_MS,
    providerTimeoutMs: config.DISPATCH_PROVIDER_TIMEOUT_MS,
    leaseMarginMs: config.DISPATCH_LEASE_MARGIN_MS,
    batchSize: config.DISPATCH_BATCH_SIZE,
  };
}

if (import.meta.main) await runService('dispatch', loadDispatchConfig, startDispatch);
