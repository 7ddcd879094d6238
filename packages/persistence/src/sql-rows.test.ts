import { databaseUrl } from './database-url.ts';
import { bigint, bigintOrNull, day, json, placeholders, textOrNull } from './sql-rows.ts';

describe('row mappers', () => {
  it('keep bigint columns exact (pg returns them as strings)', () => {
    expect(bigint('9007199254740993')).toBe(9_007_199_254_740_993n);
    expect(bigintOrNull(null)).toBeNull();
  });

  it('read dates, json and nullable text the same whatever the driver returned', () => {
    expect(day(new Date(2026, 10, 26))).toBe('2026-11-26');
    expect(day('2026-11-26T00:00:00.000Z')).toBe('2026-11-26');
    expect(json<{ a: number }>('{"a":1}')).toEqual({ a: 1 });
    expect(json<{ a: number }>({ a: 1 })).toEqual({ a: 1 });
    expect(textOrNull(undefined)).toBeNull();
  });

  it('writes multi-row VALUES placeholders with optional casts', () => {
    expect(placeholders(2, 3, ['::uuid'])).toBe('(?::uuid, ?, ?), (?::uuid, ?, ?)');
  });
});

describe('databaseUrl', () => {
  it('points a server URL at the service database, keeping credentials and options', () => {
    expect(databaseUrl('postgres://app:secret@127.0.0.1:5432/postgres?sslmode=disable', 'sluice_ledger')).toBe(
      'postgres://app:secret@127.0.0.1:5432/sluice_ledger?sslmode=disable',
    );
  });
});
