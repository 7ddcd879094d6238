import type { EntityManager } from '@sluice/persistence';
import { date, placeholders, query, textOrNull } from '@sluice/persistence';
import type { CallLog, PayoutCall } from '../../app/ports.ts';

/** Create calls, in one statement. */
export async function insertCalls(em: EntityManager, calls: readonly PayoutCall[]): Promise<void> {
  if (calls.length === 0) return;
  await query(
    em,
    `insert into sbx_payout_calls (idempotency_key, client_reference, http_status, code, created_at)
     values ${placeholders(calls.length, 5)}`,
    calls.flatMap((call) => [call.idempotencyKey, call.clientReference, call.httpStatus, call.code, call.at]),
  );
}

/** Every create call as received, for tests that count what reached the provider. */
export function callLogStore(em: EntityManager): CallLog {
  return {
    record: (call) => insertCalls(em, [call]),
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
