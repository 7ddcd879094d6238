import type pg from 'pg';
import type { Row } from './sql-rows.ts';

/** A statement with `?` placeholders turned into a named, server-side prepared statement. */
export interface PreparedStatement {
  readonly name: string;
  readonly text: string;
}

let counter = 0;

/**
 * Prepares `sql` (written with `?` placeholders, like every other statement here) once per process: `pg` then parses
 * and plans it once per connection and sends the parameters apart from the text (a Buffer as binary). For hot paths
 * only: MikroORM formats every value into the SQL text on the client, which costs the service CPU per value and
 * PostgreSQL a parse and a plan per execution. The SQL must hold no other `?` (no jsonb `?` operators).
 */
export function prepare(sql: string): PreparedStatement {
  let position = 0;
  counter += 1;
  return { name: `sluice_${counter}`, text: sql.replace(/\?/g, () => `$${++position}`) };
}

/** Runs a prepared statement as its own autocommit statement on a connection of the pool. */
export async function runPrepared(
  pool: pg.Pool,
  statement: PreparedStatement,
  params: readonly unknown[],
): Promise<Row[]> {
  const result = await pool.query<Row>({ name: statement.name, text: statement.text, values: [...params] });
  return result.rows;
}
