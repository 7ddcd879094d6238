export { defineEntity, p } from '@mikro-orm/core';
export { Migration } from '@mikro-orm/migrations';
export type { EntityManager } from '@mikro-orm/postgresql';
export {
  type Database,
  type DatabaseOptions,
  MESSAGING_MIGRATIONS,
  type NamedMigration,
  openDatabase,
} from './database.ts';
export { databaseUrl, ensureDatabase } from './database-url.ts';
export { InboxEntry, messagingEntities, OutboxEntry } from './entities.ts';
export { GroupCommit, type GroupCommitOptions } from './group-commit.ts';
export { nativeOn, type PreparedStatement, prepare, preparedOn, type RunSql } from './prepared.ts';
export {
  bigint,
  bigintOrNull,
  date,
  dateOrNull,
  day,
  intOrNull,
  json,
  placeholders,
  query,
  type Row,
  text,
  textOrNull,
} from './sql-rows.ts';
export { StatisticsKeeper, type StatisticsKeeperOptions } from './statistics-keeper.ts';
