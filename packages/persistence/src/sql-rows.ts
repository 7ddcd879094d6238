import type { EntityManager } from '@mikro-orm/postgresql';

/** A raw result row; column types depend on the driver's parsers, so every mapper converts explicitly. */
export type Row = Record<string, unknown>;

/** Runs one statement with `?` placeholders in the transaction (or fork) of `em`. */
export const query = (em: EntityManager, sql: string, params: readonly unknown[] = []): Promise<Row[]> =>
  em.execute<Row[]>(sql, [...params]);

const absent = (value: unknown): value is null | undefined => value === null || value === undefined;

export const text = (value: unknown): string => String(value);
export const textOrNull = (value: unknown): string | null => (absent(value) ? null : String(value));
export const date = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)));
export const dateOrNull = (value: unknown): Date | null => (absent(value) ? null : date(value));
export const bigint = (value: unknown): bigint => BigInt(value as string | number | bigint);
export const bigintOrNull = (value: unknown): bigint | null => (absent(value) ? null : bigint(value));
export const intOrNull = (value: unknown): number | null => (absent(value) ? null : Number(value));
/** jsonb arrives parsed or as text depending on the driver settings. */
export const json = <T>(value: unknown): T => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T));
/** A `date` column as YYYY-MM-DD whatever the driver returns (a Date at local midnight or a string). */
export const day = (value: unknown): string =>
  value instanceof Date
    ? `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`
    : String(value).slice(0, 10);

/** `(?, ?, ?), (?, ?, ?)`: placeholders for a multi-row VALUES list, with an optional cast per column (`::uuid`). */
export const placeholders = (rows: number, columns: number, cast: readonly string[] = []): string => {
  const row = `(${Array.from({ length: columns }, (_, i) => `?${cast[i] ?? ''}`).join(', ')})`;
  return Array.from({ length: rows }, () => row).join(', ');
};
