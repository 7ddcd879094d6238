import { TOPICS } from '@sluice/contracts';
import {
  type ConsumerRunner,
  type Messaging,
  newEventId,
  type OutboxRelay,
  openRuntime,
  runService,
} from '@sluice/messaging';
import type { Database } from '@sluice/persistence';
import { loadPrograms, type ProgramCatalog } from '@sluice/program-config';
import { createLogger, createMetrics, type Logger } from '@sluice/service-kit';
import type { Express } from 'express';
import { COMPLIANCE_MIGRATIONS } from './adapters/db/migrations/index.ts';
import { sqlTransactions } from './adapters/db/transactions.ts';
import { complianceHttpApp } from './adapters/http/compliance-app.ts';
import { payoutsAcceptedV1 } from './adapters/kafka/payouts-accepted.v1.handler.ts';
import { type ComplianceMetrics, complianceMetrics } from './adapters/metrics.ts';
import { listSanctionsScreening, loadSanctionsLists } from './adapters/providers/screening/list-sanctions.adapter.ts';
import { sandboxRiskScoring } from './adapters/providers/screening/sandbox-risk.adapter.ts';
import { DEFAULT_OPERATORS, type IssuedOperator, issueOperators } from './app/operators.ts';
import type { Clock, ComplianceDeps, Transactions } from './app/ports.ts';
import { sweepSlaBreaches } from './app/sla-sweep.ts';
import { type ComplianceConfig, loadComplianceConfig } from './config.ts';
import type { Role } from './domain/roles.ts';

/** A running compliance service: what tests, the demo and the CLI need to drive and stop it. */
export interface ComplianceHandles {
  readonly config: ComplianceConfig;
  /** Base URL of the HTTP API, e.g. http://127.0.0.1:7002 */
  readonly url: string;
  readonly port: number;
  readonly app: Express;
  readonly db: Database;
  readonly messaging: Messaging;
  readonly relay: OutboxRelay;
  readonly consumer: ConsumerRunner;
  readonly transactions: Transactions;
  readonly catalog: ProgramCatalog;
  readonly metrics: ComplianceMetrics;
  /** Creates (or rotates the token of) operators; the plaintext tokens are returned only here. */
  seedOperators(operators?: readonly { id: string; name: string; role: Role }[]): Promise<IssuedOperator[]>;
  /** Runs one SLA sweep now (it also runs every COMPLIANCE_SLA_SWEEP_MS). */
  sweepSla(): Promise<{ newlyBreached: number; open: number; breached: number }>;
  /** Stops taking requests, stops the sweeper, the consumer and the relay, then closes Kafka and the database. */
  close(): Promise<void>;
}

/**
 * Composition root: program catalog (a bad file or a `live` market failing readiness stops start-up), sanctions
 * lists, database (migrated), the consumer of payouts.accepted.v1, the outbox relay, the SLA sweeper and the API.
 */
export async function startCompliance(
  config: ComplianceConfig,
  options: { logger?: Logger; clock?: Clock } = {},
): Promise<ComplianceHandles> {
  const logger = options.logger ?? createLogger('compliance', config.LOG_LEVEL);
  const clock = options.clock ?? { now: () => new Date() };
  const catalog = loadPrograms(config.COMPLIANCE_PROGRAMS_DIR);
  const lists = loadSanctionsLists(config.COMPLIANCE_SCREENING_DIR);
  const serviceMetrics = createMetrics('compliance');
  const metrics = complianceMetrics(serviceMetrics.registry);
  const runtime = await openRuntime({
    service: 'compliance',
    config,
    database: {
      name: config.COMPLIANCE_DB_NAME,
      migrations: COMPLIANCE_MIGRATIONS,
      poolMax: config.COMPLIANCE_DB_POOL_MAX,
    },
    topics: TOPICS,
    logger,
    metrics: serviceMetrics,
  });
  const { db, messaging } = runtime;
  const transactions = sqlTransactions(db, messaging.outbox);
  await recordProgramVersions(transactions, catalog, clock, logger);
  const deps: ComplianceDeps = {
    catalog,
    clock,
    ids: { newId: newEventId },
    screening: { ...listSanctionsScreening(lists), ...sandboxRiskScoring() },
    kyt: { holdAt: config.COMPLIANCE_KYT_HOLD_SCORE, denyAt: config.COMPLIANCE_KYT_DENY_SCORE },
  };
  const consumer = await runtime.startConsumer({
    groupId: config.COMPLIANCE_CONSUMER_GROUP,
    handlers: [payoutsAcceptedV1({ outbox: messaging.outbox, compliance: deps, metrics })],
  });
  const sweepSla = async () => {
    const result = await sweepSlaBreaches(transactions, clock);
    metrics.slaBreaches.inc(result.newlyBreached);
    metrics.holdsOpen.set(result.open);
    metrics.holdsSlaBreached.set(result.breached);
    if (result.newlyBreached > 0) logger.warn({ newly_breached: result.newlyBreached }, 'holds passed their SLA');
    return result;
  };
  const sweeper = setInterval(() => {
    sweepSla().catch((error: unknown) => logger.error({ err: error }, 'SLA sweep failed'));
  }, config.COMPLIANCE_SLA_SWEEP_MS);
  sweeper.unref();
  const app = complianceHttpApp({
    transactions,
    compliance: deps,
    metrics,
    logger,
    serviceMetrics,
    readiness: runtime.readiness,
    rateLimit: { ratePerSecond: config.COMPLIANCE_RATE_LIMIT_PER_SECOND, burst: config.COMPLIANCE_RATE_LIMIT_BURST },
  });
  const { url, port } = await runtime.serve(app);
  logger.info(
    {
      port,
      db: config.COMPLIANCE_DB_NAME,
      catalog_hash: catalog.contentHash,
      sanctions_lists: lists.version,
    },
    'compliance started',
  );
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
    catalog,
    metrics,
    seedOperators: (operators = DEFAULT_OPERATORS) => issueOperators(transactions, clock, operators),
    sweepSla,
    async close() {
      clearInterval(sweeper);
      await runtime.close();
    },
  };
}

/** Records each program's content hash (once per distinct content) and audits a change of config. */
async function recordProgramVersions(
  transactions: Transactions,
  catalog: ProgramCatalog,
  clock: Clock,
  logger: Logger,
): Promise<void> {
  await transactions.run(async (tx) => {
    for (const program of catalog.programs) {
      if (!(await tx.programVersions.record(program, clock.now()))) continue;
      await tx.audit.append({
        at: clock.now(),
        actor: 'system',
        action: 'program_config_loaded',
        subjectType: 'program',
        subjectId: program.id,
        detail: { version: program.version, content_hash: program.contentHash, file: program.file },
      });
      logger.info(
        { program_id: program.id, version: program.version, content_hash: program.contentHash },
        'program config recorded',
      );
    }
  });
}

if (import.meta.main) await runService('compliance', loadComplianceConfig, startCompliance);
