import type { NamedMigration } from '@sluice/persistence';
import { IntakeTablesMigration } from './0001-intake-tables.migration.ts';
import { PayoutBatchesMigration } from './0002-payout-batches.migration.ts';

/** Intake's migrations in order. Names are recorded in the database: never rename one, only append. */
export const INTAKE_MIGRATIONS: readonly NamedMigration[] = [
  { name: '0001_intake_tables', migration: IntakeTablesMigration },
  { name: '0002_payout_batches', migration: PayoutBatchesMigration },
];
