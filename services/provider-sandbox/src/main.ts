import { createHash } from 'node:crypto';
import { type Database, openDatabase } from '@sluice/persistence';
import { createLogger, createMetrics, type Logger, listen, onShutdown } from '@sluice/service-kit';
import type { Express } from 'express';
import { SANDBOX_MIGRATIONS } from './adapters/db/migrations/index.ts';
import { sqlTransactions } from './adapters/db/transactions.ts';
import { createDelays } from './adapters/http/delays.ts';
import { sandboxHttpApp } from './adapters/http/sandbox-app.ts';
import { sandboxMetrics } from './adapters/metrics/sandbox-metrics.ts';
import { startWorkers } from './adapters/scheduler/workers.ts';
import type { CreateDeps } from './app/create-payout.ts';
import { type FundDeps, postFunding } from './app/fund-account.ts';
import type { Clock, PayoutCall, Transactions } from './app/ports.ts';
import { sandboxQueries } from './app/queries.ts';
import { SandboxSwitches } from './app/switches.ts';
import { loadSandboxConfig, type SandboxConfig } from './config.ts';
import { seededIds } from './domain/ids.ts';

/** A running sandbox: what tests, the demo and the CLI need to drive and stop it. */
export interface ProviderSandboxHandles {
  readonly config: SandboxConfig;
  /** Base URL of the API, e.g. http://127.0.0.1:7010 */
  readonly url: string;
  readonly port: number;
  /** The first configured API key, for in-process callers. */
  readonly apiKey: string;
  readonly app: Express;
  readonly db: Database;
  /** The operator switches (same as the /v1/admin API). */
  readonly switches: SandboxSwitches;
  /** Stops taking requests, cuts held answers short, stops the workers, then closes the database. */
  close(): Promise<void>;
}

/**
 * Composition root: database (migrated, initial balances posted once), the HTTP API, and two workers over the
 * database: the scripted lifecycle and the callback deliveries. Both resume from the database after a restart.
 */
export async function startProviderSandbox(
  config: SandboxConfig,
  options: { logger?: Logger; clock?: Clock } = {},
): Promise<ProviderSandboxHandles> {
  const logger = options.logger ?? createLogger('provider-sandbox', config.LOG_LEVEL);
  const clock = options.clock ?? { now: () => new Date() };
  const metrics = createMetrics('provider-sandbox');
  const counters = sandboxMetrics(metrics);
  const db = await openDatabase({
    serverUrl: config.DATABASE_URL,
    dbName: config.SANDBOX_DB_NAME,
    migrations: SANDBOX_MIGRATIONS,
    poolMax: config.SANDBOX_DB_POOL_MAX,
  });
  const transactions = sqlTransactions(db);
  const ids = seededIds(config.SANDBOX_SEED);
  const switches = new SandboxSwitches({
    credentialsRevoked: config.SANDBOX_CREDENTIALS_REVOKED,
    callbacksEnabled: config.SANDBOX_CALLBACKS_ENABLED,
    callbackUrl: config.SANDBOX_CALLBACK_URL ?? null,
    callbackSecret: config.SANDBOX_CALLBACK_SECRET,
  });
  const fund: FundDeps = { transactions, ids, clock };
  await postInitialBalances(fund, config, logger);
  const timings = {
    stepDelayMs: config.SANDBOX_STEP_DELAY_MS,
    stepDelayMaxMs: Math.max(config.SANDBOX_STEP_DELAY_MS, config.SANDBOX_STEP_DELAY_MAX_MS ?? 0),
    slowStepDelayMs: config.SANDBOX_SLOW_STEP_DELAY_MS,
    timeoutDelayMs: config.SANDBOX_TIMEOUT_DELAY_MS,
  };
  const create: CreateDeps = { transactions, ids, switches, timings, clock };
  const queries = sandboxQueries(transactions);
  const delays = createDelays();
  const calls = callRecorder(transactions, logger, (call) =>
    counters.payoutCalls.inc({ status: String(call.httpStatus), code: call.code ?? 'none' }),
  );
  const app = sandboxHttpApp({
    apiKeys: config.SANDBOX_API_KEYS,
    latencyMs: config.SANDBOX_LATENCY_MS,
    create,
    fund,
    queries,
    switches,
    clock,
    delays,
    recordCall: calls.record,
    logger,
    metrics,
    readiness: { database: () => db.check() },
  });
  const http = await listen(app, config.HTTP_PORT, config.HTTP_HOST);
  const workers = startWorkers({ config, transactions, ids, switches, clock, logger, counters });
  const url = `http://${config.HTTP_HOST}:${http.port}`;
  logger.info({ url, db: config.SANDBOX_DB_NAME, callback_url: switches.callbackUrl }, 'provider sandbox started');
  return {
    config,
    url,
    port: http.port,
    apiKey: config.SANDBOX_API_KEYS[0] ?? '',
    app,
    db,
    switches,
    async close() {
      delays.cancelAll();
      await http.closable.close();
      await workers.stop();
      await calls.drain();
      await db.close();
    },
  };
}

/** Posts `SANDBOX_INITIAL_BALANCES` once per database: each is a keyed funding, so a restart posts nothing again. */
async function postInitialBalances(fund: FundDeps, config: SandboxConfig, logger: Logger): Promise<void> {
  for (const { currency, amountMinor } of config.SANDBOX_INITIAL_BALANCES) {
    const requestSha256 = createHash('sha256').update(`${currency}:${amountMinor}`).digest('hex');
    const result = await postFunding(fund, {
      key: `initial-balance:${currency}`,
      requestSha256,
      currency,
      amountMinor,
    });
    if (result.kind === 'refused') {
      logger.warn({ currency }, 'initial balance differs from the one this database was funded with; left as it is');
    }
  }
}

/** Writes the call log off the request path (in the creates' shared transactions); close() waits for those in flight. */
function callRecorder(transactions: Transactions, logger: Logger, count: (call: PayoutCall) => void) {
  const inFlight = new Set<Promise<void>>();
  return {
    record(call: PayoutCall) {
      count(call);
      const write = transactions
        .grouped((stores) => stores.calls.record(call))
        .catch((error: unknown) => logger.error({ err: error }, 'could not record a payout call'))
        .finally(() => inFlight.delete(write));
      inFlight.add(write);
    },
    async drain() {
      await Promise.all([...inFlight]);
    },
  };
}

if (import.meta.main) {
  const config = loadSandboxConfig();
  const logger = createLogger('provider-sandbox', config.LOG_LEVEL);
  const sandbox = await startProviderSandbox(config, { logger });
  onShutdown(logger, [{ name: 'provider-sandbox', close: () => sandbox.close() }]);
}
