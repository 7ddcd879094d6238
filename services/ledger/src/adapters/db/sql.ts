import type { EntityManager } from '@sluice/persistence';

/** A raw result row; column types depend on the driver's parsers, so every mapper converts explicitly. */
export type Row = Record<string, unknown>;

/** Runs one statement with `?` placeholders in the transaction (or fork) of `em`. */
export const query = (em: EntityManager, sql: string, params: readonly unknown[] = []): Promise<Row[]> =>
  em.execute<Row[]>(sql, [...params]);

/** `(?, ?, ?), (?, ?, ?)`: placeholders for a multi-row VALUES list. */
export const placeholders = (rows: number, columns: number, cast: readonly string[] = []): string => {
  const row = `(${Array.from({ length: columns }, (_, i) => `?${cast[i] ?? ''}`).join(', ')})`;
  return Array.from({ length: rows }, () => row).join(', ');
};

export const text = (value: unknown): string => String(value);
export const textOrNull = (value: unknown): string | null =>
  value === null || value === undefined ? null : String(value);
export const date = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)));
export const dateOrNull = (value: unknown): Date | null => (value === null || value === undefined ? null : date(value));
/** bigint columns arrive as strings from pg; never go through a JS number. */
export const bigint = (value: unknown): bigint => BigInt(value as string | number | bigint);
/** jsonb arrives parsed or as text depending on the driver settings. */
export const json = <T>(value: unknown): T => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T));
