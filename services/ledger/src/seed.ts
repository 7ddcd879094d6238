import { openDatabase } from '@sluice/persistence';
import { createLogger } from '@sluice/service-kit';
import { LEDGER_MIGRATIONS } from './adapters/db/migrations/index.ts';
import { operatorStore } from './adapters/db/operator.store.ts';
import { LOCAL_OPERATORS, type SeededOperator, seedOperators } from './app/seed-operators.ts';
import { type LedgerConfig, loadLedgerConfig } from './config.ts';

/**
 * Seeds the local stack's ledger operators (a viewer, an operator, two approvers) straight into the ledger's database
 * (migrating it first), each with a fresh key. For `sluice up` and the demo; plaintext keys are only in the result.
 */
export async function seedLedgerOperators(
  config: Pick<LedgerConfig, 'DATABASE_URL' | 'LEDGER_DB_NAME'>,
  operators = LOCAL_OPERATORS,
): Promise<SeededOperator[]> {
  const db = await openDatabase({
    serverUrl: config.DATABASE_URL,
    dbName: config.LEDGER_DB_NAME,
    migrations: LEDGER_MIGRATIONS,
  });
  try {
    return await seedOperators((work) => db.transaction((em) => work(operatorStore(em))), operators);
  } finally {
    await db.close();
  }
}

// `node services/ledger/src/seed.ts` prints the operators and their new keys as JSON.
if (import.meta.main) {
  const logger = createLogger('ledger-seed');
  const seeded = await seedLedgerOperators(loadLedgerConfig());
  logger.info({ operators: seeded.map((o) => o.operatorId) }, 'ledger operators seeded');
  process.stdout.write(`${JSON.stringify(seeded)}\n`);
}
