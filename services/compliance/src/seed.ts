import { avroOptions, TOPICS } from '@sluice/contracts';
import { EventCodec, Outbox } from '@sluice/messaging';
import { openDatabase } from '@sluice/persistence';
import { createLogger } from '@sluice/service-kit';
import { COMPLIANCE_MIGRATIONS } from './adapters/db/migrations/index.ts';
import { sqlTransactions } from './adapters/db/transactions.ts';
import { DEFAULT_OPERATORS, type IssuedOperator, issueOperators } from './app/operators.ts';
import { type ComplianceConfig, loadComplianceConfig } from './config.ts';
import type { Role } from './domain/roles.ts';

/**
 * Seeds operators straight into compliance's database (migrating it first) without starting the service: by default
 * one per role plus a second approver (4-eyes). Each call issues fresh tokens (an existing operator's old token stops
 * working); the plaintext tokens are in the result and nowhere else. For `sluice up` and the demo.
 */
export async function seedOperators(
  config: Pick<ComplianceConfig, 'DATABASE_URL' | 'COMPLIANCE_DB_NAME'>,
  operators: readonly { id: string; name: string; role: Role }[] = DEFAULT_OPERATORS,
): Promise<IssuedOperator[]> {
  const db = await openDatabase({
    serverUrl: config.DATABASE_URL,
    dbName: config.COMPLIANCE_DB_NAME,
    migrations: COMPLIANCE_MIGRATIONS,
  });
  try {
    // Seeding publishes nothing; the outbox is only there to satisfy the transaction port.
    const outbox = new Outbox({ codec: new EventCodec(TOPICS, avroOptions()), producer: 'compliance' });
    return await issueOperators(sqlTransactions(db, outbox), { now: () => new Date() }, operators);
  } finally {
    await db.close();
  }
}

// `node services/compliance/src/seed.ts` prints the seeded operators and their new tokens as JSON.
if (import.meta.main) {
  const logger = createLogger('compliance-seed');
  const issued = await seedOperators(loadComplianceConfig());
  logger.info({ operators: issued.map((o) => ({ id: o.operatorId, role: o.role })) }, 'operators seeded');
  process.stdout.write(`${JSON.stringify(issued)}\n`);
}
