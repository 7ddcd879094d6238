import type { EntityManager } from '@sluice/persistence';
import { date, query } from '@sluice/persistence';
import type { AdmissionStore } from '../../app/ports.ts';

/** Flap counters and funding gates, keyed by the client's idempotency key. */
export function admissionStore(em: EntityManager): AdmissionStore {
  return {
    async countFlap(idempotencyKey) {
      const [row] = await query(
        em,
        `insert into sbx_flap_counters (idempotency_key, calls) values (?, 1)
         on conflict (idempotency_key) do update set calls = sbx_flap_counters.calls + 1 returning calls`,
        [idempotencyKey],
      );
      return Number(row?.calls);
    },
    async fundingGate(idempotencyKey, currency, at) {
      await query(
        em,
        `insert into sbx_funding_gates (idempotency_key, currency, created_at) values (?, ?, ?)
         on conflict (idempotency_key) do nothing`,
        [idempotencyKey, currency, at],
      );
      const [row] = await query(em, 'select created_at from sbx_funding_gates where idempotency_key = ?', [
        idempotencyKey,
      ]);
      return date(row?.created_at);
    },
  };
}
