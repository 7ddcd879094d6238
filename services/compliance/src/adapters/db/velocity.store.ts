import type { EntityManager } from '@sluice/persistence';
import { bigint, placeholders, query, text } from '@sluice/persistence';
import { type VelocityKey, type VelocityRepository, velocityKey } from '../../app/ports.ts';

/**
 * Daily totals per scope and currency. Reading locks the rows (creating them at zero first), so two payouts of the
 * same beneficiary screened at once are counted one after the other and cannot both slip under a limit.
 */
export function velocityStore(em: EntityManager): VelocityRepository {
  return {
    async lockTotals(scopes, day, currency) {
      // Sorted, so concurrent transactions lock in the same order and cannot deadlock each other.
      const sorted = [...scopes].sort();
      for (const scope of sorted) {
        await query(
          em,
          'insert into velocity (scope, day, currency, total_minor) values (?, ?, ?, 0) on conflict do nothing',
          [scope, day, currency],
        );
      }
      const totals = new Map<string, bigint>();
      for (const scope of sorted) {
        const rows = await query(
          em,
          'select scope, total_minor from velocity where scope = ? and day = ? and currency = ? for update',
          [scope, day, currency],
        );
        for (const row of rows) totals.set(text(row.scope), bigint(row.total_minor));
      }
      return totals;
    },

    async lockMany(keys) {
      if (keys.length === 0) return new Map();
      // One statement for every key of a chunk, locked in key order (the same order every transaction uses).
      const sorted = [...keys].sort(compareKeys);
      const params = sorted.flatMap((k) => [k.scope, k.day, k.currency]);
      await query(
        em,
        `insert into velocity (scope, day, currency, total_minor)
         select scope, day::date, currency, 0 from (values ${placeholders(sorted.length, 3)}) as k (scope, day, currency)
         order by 1, 2, 3 on conflict do nothing`,
        params,
      );
      const rows = await query(
        em,
        `select scope, to_char(day, 'YYYY-MM-DD') as day, currency, total_minor from velocity
         where (scope, day, currency) in (select scope, day::date, currency from (values ${placeholders(sorted.length, 3)}) as k (scope, day, currency))
         order by scope, day, currency for update`,
        params,
      );
      return new Map(
        rows.map((row) => [velocityKey(text(row.scope), text(row.day), text(row.currency)), bigint(row.total_minor)]),
      );
    },

    async setTotals(totals) {
      if (totals.length === 0) return;
      const sorted = [...totals].sort(compareKeys);
      await query(
        em,
        `insert into velocity (scope, day, currency, total_minor) values ${placeholders(sorted.length, 4, ['', '::date', '', '::bigint'])}
         on conflict (scope, day, currency) do update set total_minor = excluded.total_minor`,
        sorted.flatMap((t) => [t.scope, t.day, t.currency, t.totalMinor.toString()]),
      );
    },

    async add(scopes, day, currency, deltaMinor) {
      for (const scope of [...scopes].sort()) {
        await query(
          em,
          `insert into velocity (scope, day, currency, total_minor) values (?, ?, ?, greatest(?::bigint, 0))
           on conflict (scope, day, currency) do update set total_minor = greatest(velocity.total_minor + ?::bigint, 0)`,
          [scope, day, currency, deltaMinor.toString(), deltaMinor.toString()],
        );
      }
    },
  };
}

const compareKeys = (a: VelocityKey, b: VelocityKey): number =>
  a.scope < b.scope
    ? -1
    : a.scope > b.scope
      ? 1
      : a.day < b.day
        ? -1
        : a.day > b.day
          ? 1
          : a.currency < b.currency
            ? -1
            : a.currency > b.currency
              ? 1
              : 0;
