import type { EntityManager } from '@sluice/persistence';
import { date, query, textOrNull } from '@sluice/persistence';
import type { CallLog } from '../../app/ports.ts';

/** Every create call as received, for tests that count what reached the provider. */
export function callLogStore(em: EntityManager): CallLog {
  return {
    async record(call) {
      await query(
        em,
        `insert into sbx_payout_calls (idempotency_key, client_reference, http_status, code, created_at)
         values (?, ?, ?, ?, ?)`,
        [call.idempotencyKey, call.clientReference, call.httpStatus, call.code, call.at],
      );
    },
    async list(filter, limit) {
      const conditions: string[] = [];
      const params: unknown[] = [];
      if (filter.clientReference !== undefined) {
        conditions.push('client_reference = ?');
        params.push(filter.clientReference);
      }
      if (filter.idempotencyKey !== undefined) {
        conditions.push('idempotency_key = ?');
        params.push(filter.idempotencyKey);
      }
      const where = conditions.length > 0 ? `where ${conditions.join(' and ')}` : '';
      const rows = await query(em, `select * from sbx_payout_calls ${where} order by id limit ?`, [...params, limit]);
      return rows.map((row) => ({
        idempotencyKey: textOrNull(row.idempotency_key),
        clientReference: textOrNull(row.client_reference),
        httpStatus: Number(row.http_status),
        code: textOrNull(row.code),
        at: date(row.created_at),
      }));
    },
  };
}
