import type { NamedMigration } from '@sluice/persistence';
import { LedgerTablesMigration } from './0001-ledger-tables.migration.ts';
import { LineCheckPlanMigration } from './0002-line-check-plan.migration.ts';

/** The ledger's migrations in order. Names are recorded in the database: never rename one, only append. */
export const LEDGER_MIGRATIONS: readonly NamedMigration[] = [
  { name: '0001_ledger_tables', migration: LedgerTablesMigration },
  { name: '0002_line_check_plan', migration: LineCheckPlanMigration },
];
