import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every level, bigints as decimal strings and dates as ISO strings, so the same
 * inputs always give the same bytes whatever order they were assembled in.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalize(value));
}

/** Lowercase hex SHA-256 of {@link canonicalJson}: the `input_hash` of a gate run. */
export function inputHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

function normalize(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(normalize);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, normalize(v)]));
  }
  return value;
}
