import type { EntityManager } from '@sluice/persistence';
import { type IdempotencyRepository, KeyBusyError } from '../../app/ports.ts';
import type { StoredResponse } from '../../domain/idempotency.ts';
import { date, query, text } from './sql.ts';

// lock_not_available: the lock_timeout of the connection expired while another transaction held the key.
const LOCK_NOT_AVAILABLE = '55P03';

/** Idempotency keys in PostgreSQL; the primary key (platform_id, idempotency_key) is what settles races. */
export function idempotencyStore(em: EntityManager): IdempotencyRepository {
  return {
    async find(platformId, key) {
      const rows = await query(
        em,
        `select request_hash, payout_id, response_status, response_body, created_at, expires_at
         from idempotency_keys where platform_id = ? and idempotency_key = ?`,
        [platformId, key],
      );
      const row = rows[0];
      if (!row) return null;
      return {
        requestHash: text(row.request_hash),
        payoutId: text(row.payout_id),
        responseStatus: Number(row.response_status),
        responseBody: text(row.response_body),
        createdAt: date(row.created_at),
        expiresAt: date(row.expires_at),
      } satisfies StoredResponse;
    },

    async claim(platformId, key, stored) {
      // An expired entry is replaced in place; a live one makes the insert a no-op. A concurrent uncommitted claim
      // of the same key makes this statement wait for that transaction: the loser then sees the winner's row.
      try {
        const rows = await query(
          em,
          `insert into idempotency_keys
             (platform_id, idempotency_key, request_hash, payout_id, response_status, response_body, created_at, expires_at)
           values (?, ?, ?, ?, ?, ?, ?, ?)
           on conflict (platform_id, idempotency_key) do update set
             request_hash = excluded.request_hash, payout_id = excluded.payout_id,
             response_status = excluded.response_status, response_body = excluded.response_body,
             created_at = excluded.created_at, expires_at = excluded.expires_at
           where idempotency_keys.expires_at <= excluded.created_at
           returning 1 as claimed`,
          [
            platformId,
            key,
            stored.requestHash,
            stored.payoutId,
            stored.responseStatus,
            stored.responseBody,
            stored.createdAt,
            stored.expiresAt,
          ],
        );
        return rows.length === 1;
      } catch (error) {
        if (sqlState(error) === LOCK_NOT_AVAILABLE) throw new KeyBusyError();
        throw error;
      }
    },
  };
}

function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
