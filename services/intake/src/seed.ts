import { avroOptions, TOPICS } from '@sluice/contracts';
import { EventCodec, Outbox } from '@sluice/messaging';
import { openDatabase } from '@sluice/persistence';
import { INTAKE_MIGRATIONS } from './adapters/db/migrations/index.ts';
import { sqlTransactions } from './adapters/db/transactions.ts';
import { type SeededPlatform, type SeedPlatformOptions, seedPlatform } from './app/seed-platform.ts';
import { type IntakeConfig, loadIntakeConfig } from './config.ts';

/**
 * Seeds a sandbox platform and a fresh API key straight into intake's database (migrating it first), without
 * starting the service. For `sluice up` and the demo; the plaintext key is in the result and nowhere else.
 */
export async function seedIntakePlatform(
  config: Pick<IntakeConfig, 'DATABASE_URL' | 'INTAKE_DB_NAME'>,
  options: SeedPlatformOptions = {},
): Promise<SeededPlatform> {
  const db = await openDatabase({
    serverUrl: config.DATABASE_URL,
    dbName: config.INTAKE_DB_NAME,
    migrations: INTAKE_MIGRATIONS,
  });
  try {
    // Seeding publishes nothing; the outbox is only there to satisfy the transaction port.
    return await seedPlatform(
      sqlTransactions(db, { outbox: new Outbox({ codec: new EventCodec(TOPICS, avroOptions()), producer: 'intake' }) }),
      options,
    );
  } finally {
    await db.close();
  }
}

// `node services/intake/src/seed.ts [platform-id]` prints the platform and its new key as JSON.
if (import.meta.main) {
  // Only the JSON goes to stdout, so callers can parse it; the key is not logged anywhere.
  const seeded = await seedIntakePlatform(loadIntakeConfig(), { platformId: process.argv[2] ?? 'sandbox' });
  process.stdout.write(`${JSON.stringify(seeded)}\n`);
}
