import type { NamedMigration } from '@sluice/persistence';
import { SandboxTablesMigration } from './0001-sandbox-tables.migration.ts';

/** The sandbox's migrations in order. Names are recorded in the database: never rename one, only append. */
export const SANDBOX_MIGRATIONS: readonly NamedMigration[] = [
  { name: '0001_sandbox_tables', migration: SandboxTablesMigration },
];
