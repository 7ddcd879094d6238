import type { EntityManager } from '@sluice/persistence';

/** A raw result row; column types depend on the driver's parsers, so every mapper converts explicitly. */
export type Row = Record<string, unknown>;

/** Runs one statement with `?` placeholders in the transaction (or fork) of `em`. */
export const query = (em: EntityManager, sql: string, params: readonly unknown[] = []): Promise<Row[]> =>
  em.execute<Row[]>(sql, [...params]);

export const text = (value: unknown): string => String(value);
export const textOrNull = (value: unknown): string | null =>
  value === null || value === undefined ? null : String(value);
export const date = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)));
export const dateOrNull = (value: unknown): Date | null => (value === null || value === undefined ? null : date(value));
export const bigint = (value: unknown): bigint => BigInt(value as string | number | bigint);
export const bigintOrNull = (value: unknown): bigint | null =>
  value === null || value === undefined ? null : bigint(value);
/** jsonb arrives parsed or as text depending on the driver settings. */
export const json = <T>(value: unknown): T => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T));
