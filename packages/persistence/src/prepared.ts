import type { EntityManager } from '@mikro-orm/postgresql';
import { CompiledQuery, type Transaction } from 'kysely';
import type pg from 'pg';
import type { Row } from './sql-rows.ts';

/** A statement with `?` placeholders turned into `$n` ones; named when it is kept prepared on the server. */
export interface PreparedStatement {
  readonly name: string | undefined;
  readonly text: string;
}

/** Runs one statement with `?` placeholders and returns its rows. */
export type RunSql = (sql: string, params: readonly unknown[]) => Promise<Row[]>;

// Distinct statement texts kept prepared: each is parsed once per pooled connection and held there. Texts past this
// bound (a caller building unbounded variants) still run, as unnamed statements parsed per execution.
const MAX_NAMED = 500;
const statements = new Map<string, PreparedStatement>();

/** `?` → `$1…$n`, in order. The SQL must hold no other `?` (no jsonb `?` operators). */
const numbered = (sql: string): string => {
  let position = 0;
  return sql.replace(/\?/g, () => `$${++position}`);
};

/** The prepared form of `sql`, the same object (and server-side name) for the same text. */
export function prepare(sql: string): PreparedStatement {
  const known = statements.get(sql);
  if (known) return known;
  if (statements.size >= MAX_NAMED) return { name: undefined, text: numbered(sql) };
  const statement = { name: `sluice_${statements.size + 1}`, text: numbered(sql) };
  statements.set(sql, statement);
  return statement;
}

/**
 * Runs statements as server-side prepared statements on the driver's pool, each as its own autocommit statement, or
 * on one checked-out client (inside the transaction the caller opened on it): `pg` parses and plans a text once per
 * connection and sends the parameters apart from it (a Buffer as binary). For hot paths only: MikroORM formats every
 * value into the SQL text on the client, which costs the service CPU per value and PostgreSQL a parse and a plan per
 * execution.
 */
export const preparedOn =
  (pool: pg.Pool | pg.PoolClient): RunSql =>
  async (sql, params) => {
    const { name, text } = prepare(sql);
    const result = await pool.query<Row>({ name, text, values: [...params] });
    return result.rows;
  };

/**
 * Runs statements in the transaction of `em` (or autocommit on its fork) with the parameters sent apart from the text,
 * as `preparedOn` does on the pool: arrays bind as arrays (`= any(?::uuid[])`), a Buffer as binary, and no value is
 * formatted into SQL on the client. Unnamed: parsed per execution, since a transaction's connection is the ORM's.
 */
export const nativeOn =
  (em: EntityManager): RunSql =>
  async (sql, params) => {
    const executor = em.getTransactionContext<Transaction<unknown>>() ?? em.getConnection().getClient();
    const result = await executor.executeQuery<Row>(CompiledQuery.raw(prepare(sql).text, [...params]));
    return result.rows;
  };
