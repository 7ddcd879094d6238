import type { EntityManager } from '@sluice/persistence';
import { date, query, text } from '@sluice/persistence';
import type { ProviderSwitchRepository } from '../../app/ports.ts';

/** Provider kill switches in PostgreSQL, so every dispatch instance stops (and resumes) together. */
export function providerSwitchStore(em: EntityManager): ProviderSwitchRepository {
  return {
    async disabled() {
      const rows = await query(em, 'select provider, reason, changed_at from provider_switches where disabled');
      return new Map(rows.map((row) => [text(row.provider), { reason: text(row.reason), at: date(row.changed_at) }]));
    },
    async disable(provider, reason, by, at) {
      await query(
        em,
        `insert into provider_switches (provider, disabled, reason, changed_by, changed_at) values (?, true, ?, ?, ?)
         on conflict (provider) do update set disabled = true, reason = excluded.reason,
           changed_by = excluded.changed_by, changed_at = excluded.changed_at`,
        [provider, reason, by, at],
      );
    },
    async enable(provider, by, at) {
      const rows = await query(
        em,
        `update provider_switches set disabled = false, reason = null, changed_by = ?, changed_at = ?
         where provider = ? and disabled returning provider`,
        [by, at, provider],
      );
      return rows.length > 0;
    },
  };
}
