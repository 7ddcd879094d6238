import type { NamedMigration } from '@sluice/persistence';
import { DispatchTablesMigration } from './0001-dispatch-tables.migration.ts';

/** Dispatch's migrations in order. Names are recorded in the database: never rename one, only append. */
export const DISPATCH_MIGRATIONS: readonly NamedMigration[] = [
  { name: '0001_dispatch_tables', migration: DispatchTablesMigration },
];
