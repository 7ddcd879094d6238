import type { NamedMigration } from '@sluice/persistence';
import { DispatchTablesMigration } from './0001-dispatch-tables.migration.ts';
import { WorkQueueIndexesMigration } from './0002-work-queue-indexes.migration.ts';

/** Dispatch's migrations in order. Names are recorded in the database: never rename one, only append. */
export const DISPATCH_MIGRATIONS: readonly NamedMigration[] = [
  { name: '0001_dispatch_tables', migration: DispatchTablesMigration },
  { name: '0002_work_queue_indexes', migration: WorkQueueIndexesMigration },
];
