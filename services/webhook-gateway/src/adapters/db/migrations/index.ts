import type { NamedMigration } from '@sluice/persistence';
import { WebhookTablesMigration } from './0001-webhook-tables.migration.ts';

/** The gateway's migrations in order (after the shared messaging tables); never rename or reorder one. */
export const WEBHOOK_MIGRATIONS: readonly NamedMigration[] = [
  { name: '0001_webhook_tables', migration: WebhookTablesMigration },
];
