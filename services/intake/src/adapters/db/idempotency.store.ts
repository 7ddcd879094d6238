import type { EntityManager } from '@sluice/persistence';
import { date, query, type Row, text } from '@sluice/persistence';
import type { IdempotencyRepository } from '../../app/ports.ts';
import type { StoredResponse } from '../../domain/idempotency.ts';

/** Stored idempotency keys; they are written by the admission statement (admission.store.ts). */
export function idempotencyStore(em: EntityManager): IdempotencyRepository {
  return {
    async find(platformId, key) {
      const rows = await query(
        em,
        `select request_hash, payout_id, response_status, response_body, created_at, expires_at
         from idempotency_keys where platform_id = ? and idempotency_key = ?`,
        [platformId, key],
      );
      return rows[0] ? storedResponseOf(rows[0]) : null;
    },
  };
}

/** A row with the columns of `idempotency_keys` (other than the platform and key) as a stored response. */
export const storedResponseOf = (row: Row): StoredResponse => ({
  requestHash: text(row.request_hash),
  payoutId: text(row.payout_id),
  responseStatus: Number(row.response_status),
  responseBody: text(row.response_body),
  createdAt: date(row.created_at),
  expiresAt: date(row.expires_at),
});
