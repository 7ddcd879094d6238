import type { NamedMigration } from '@sluice/persistence';
import { LedgerTablesMigration } from './0001-ledger-tables.migration.ts';

/** The ledger's migrations in order. Names are recorded in the database: never rename one, only append. */
export const LEDGER_MIGRATIONS: readonly NamedMigration[] = [
  { name: '0001_ledger_tables', migration: LedgerTablesMigration },
];
