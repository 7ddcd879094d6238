import type { Constructor, EntitySchema } from '@mikro-orm/core';
import { type Migration, Migrator } from '@mikro-orm/migrations';
import { type EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { databaseUrl, ensureDatabase } from './database-url.ts';
import { messagingEntities } from './entities.ts';
import { MessagingTablesMigration } from './migrations/messaging.migration.ts';

/** A named, ordered migration. Names are stable identifiers recorded in `mikro_orm_migrations`; never rename one. */
export interface NamedMigration {
  readonly name: string;
  readonly migration: Constructor<Migration>;
}

export interface DatabaseOptions {
  /** Server URL (any database), e.g. postgres://postgres@127.0.0.1:5432 */
  readonly serverUrl: string;
  /** The service's own database, e.g. sluice_intake. Created when missing. */
  readonly dbName: string;
  readonly entities?: readonly EntitySchema[];
  /** The service's migrations, in order; the shared messaging tables always run first. */
  readonly migrations?: readonly NamedMigration[];
  readonly poolMax?: number;
}

/** A service's database: the ORM, its migrations applied, and a transaction helper. */
export interface Database {
  readonly orm: MikroORM;
  readonly url: string;
  /** Runs `work` in one transaction on a fresh EntityManager fork; commits when it resolves, rolls back when it throws. */
  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T>;
  /** A fresh EntityManager for reads outside a transaction (an identity map per request, never shared). */
  fork(): EntityManager;
  /** The driver's connection pool, for prepared statements on hot paths (see prepared.ts). */
  pool(): Promise<pg.Pool>;
  check(): Promise<{ ok: boolean; detail?: string }>;
  close(): Promise<void>;
}

/** The migration every service database gets before its own: inbox and outbox tables. */
export const MESSAGING_MIGRATIONS: readonly NamedMigration[] = [
  { name: '0000_messaging_tables', migration: MessagingTablesMigration },
];

/**
 * Ensures the database exists, connects, and applies pending migrations at start-up, so a service never runs against a
 * schema older than its code. Migrations are listed explicitly (no file globbing) to work the same from source and bundles.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  await ensureDatabase(options.serverUrl, options.dbName);
  const url = databaseUrl(options.serverUrl, options.dbName);
  const migrations = [...MESSAGING_MIGRATIONS, ...(options.migrations ?? [])];
  const orm = await MikroORM.init({
    clientUrl: url,
    entities: [...messagingEntities, ...(options.entities ?? [])],
    extensions: [Migrator],
    discovery: { warnWhenNoEntities: false },
    pool: { min: 0, max: options.poolMax ?? 10 },
    migrations: {
      migrationsList: migrations.map(({ name, migration }) => ({ name, class: migration })),
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
    debug: false,
  });
  await orm.migrator.up();
  return {
    orm,
    url,
    transaction: (work) => orm.em.fork().transactional((em) => work(em)),
    fork: () => orm.em.fork(),
    pool: () => orm.em.getConnection().getNativeClient(),
    async check() {
      const result = await orm.checkConnection();
      return result.ok ? { ok: true } : { ok: false, detail: result.reason };
    },
    close: () => orm.close(),
  };
}
