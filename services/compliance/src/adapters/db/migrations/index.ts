import type { NamedMigration } from '@sluice/persistence';
import { ComplianceTablesMigration } from './0001-compliance-tables.migration.ts';

/** Compliance's migrations in order. Names are recorded in the database: never rename one, only append. */
export const COMPLIANCE_MIGRATIONS: readonly NamedMigration[] = [
  { name: '0001_compliance_tables', migration: ComplianceTablesMigration },
];
