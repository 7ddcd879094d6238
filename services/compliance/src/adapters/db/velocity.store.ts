import type { EntityManager } from '@sluice/persistence';
import { bigint, query, text } from '@sluice/persistence';
import type { VelocityRepository } from '../../app/ports.ts';

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
