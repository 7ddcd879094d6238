import { TOPICS } from '@sluice/contracts';
import { type ConsumerRunner, type Messaging, type OutboxRelay, openRuntime, runService } from '@sluice/messaging';
import type { Database } from '@sluice/persistence';
import { createLogger, createMetrics, type Logger } from '@sluice/service-kit';
import type { Express } from 'express';
import { SqlAccountDirectory } from './adapters/db/account.store.ts';
import { checkInvariants, type InvariantReport } from './adapters/db/invariants.store.ts';
import { LEDGER_MIGRATIONS } from './adapters/db/migrations/index.ts';
import { operatorStore } from './adapters/db/operator.store.ts';
import { postingRequestStore } from './adapters/db/posting-request.store.ts';
import { ledgerReader } from './adapters/db/read.store.ts';
import { sqlTransactions } from './adapters/db/transactions.ts';
import { ledgerHttpApp } from './adapters/http/ledger-app.ts';
import { payoutsStatusChangedV1 } from './adapters/kafka/payouts-status-changed.v1.handler.ts';
import { ledgerMetrics } from './adapters/metrics.ts';
import { OperatorAuthenticator } from './app/authenticate.ts';
import type { ManualPostingDeps } from './app/manual-postings.ts';
import type { AccountFilter } from './app/ports.ts';
import { readBalances } from './app/read-balances.ts';
import { type LedgerConfig, loadLedgerConfig } from './config.ts';
import type { BalanceView } from './domain/balance.ts';

/** A running ledger: what tests, the demo and the CLI need to drive, inspect and stop it. */
export interface LedgerHandles {
  readonly config: LedgerConfig;
  /** Base URL of the HTTP API, e.g. http://127.0.0.1:7005 */
  readonly url: string;
  readonly port: number;
  readonly app: Express;
  readonly db: Database;
  readonly messaging: Messaging;
  readonly relay: OutboxRelay;
  readonly consumer: ConsumerRunner;
  /** Posted, pending and available balances of the matching accounts, now or as of an instant. */
  balances(filter?: AccountFilter & { asOf?: Date }): Promise<BalanceView[]>;
  /** The four ledger invariants, checked on one snapshot. */
  invariants(): Promise<InvariantReport>;
  /** Stops taking requests, stops the consumer and the relay, then closes Kafka and the database. */
  close(): Promise<void>;
}

export interface StartLedgerOptions {
  readonly logger?: Logger;
}

/**
 * Composition root: database (migrated), messaging (outbox relay + consumer of payouts.status-changed), posting rules,
 * manual postings and the HTTP API. Resolves once everything is started.
 */
export async function startLedger(config: LedgerConfig, options: StartLedgerOptions = {}): Promise<LedgerHandles> {
  const logger = options.logger ?? createLogger('ledger', config.LOG_LEVEL);
  const metrics = createMetrics('ledger');
  const counters = ledgerMetrics(metrics.registry);
  const runtime = await openRuntime({
    service: 'ledger',
    config,
    database: { name: config.LEDGER_DB_NAME, migrations: LEDGER_MIGRATIONS, poolMax: config.LEDGER_DB_POOL_MAX },
    topics: TOPICS,
    logger,
    metrics,
  });
  const { db, messaging } = runtime;
  const accounts = new SqlAccountDirectory(db);
  const transactions = sqlTransactions(db, messaging.outbox);
  const consumer = await runtime.startConsumer({
    groupId: config.LEDGER_CONSUMER_GROUP,
    // Chunks of events share one transaction (the runner's fast path); their balance updates still happen once, at
    // commit, in the global lock order.
    handlers: [
      payoutsStatusChangedV1({
        posting: { accounts, timeZone: config.LEDGER_BUSINESS_TIMEZONE },
        metrics: counters,
      }),
    ],
  });
  const manual: ManualPostingDeps = {
    accounts,
    transactions,
    dualApprovalThresholdMajor: config.LEDGER_DUAL_APPROVAL_THRESHOLD,
    timeZone: config.LEDGER_BUSINESS_TIMEZONE,
    clock: { now: () => new Date() },
  };
  const reader = ledgerReader(db);
  const invariants = () => checkInvariants(db);
  const app = ledgerHttpApp({
    deps: { reader, manual, requests: () => postingRequestStore(db.fork()), invariants, metrics: counters },
    authenticator: new OperatorAuthenticator({
      operators: () => operatorStore(db.fork()),
      cacheMs: config.LEDGER_OPERATOR_KEY_CACHE_MS,
    }),
    logger,
    metrics,
    readiness: runtime.readiness,
  });
  const { url, port } = await runtime.serve(app);
  logger.info({ port, db: config.LEDGER_DB_NAME, topic_namespace: messaging.namespace }, 'ledger started');
  return {
    config,
    url,
    port,
    app,
    db,
    messaging,
    relay: runtime.relay,
    consumer,
    balances: ({ asOf, ...filter } = {}) => readBalances(reader, filter, asOf),
    invariants,
    close: () => runtime.close(),
  };
}

if (import.meta.main) await runService('ledger', loadLedgerConfig, startLedger);
