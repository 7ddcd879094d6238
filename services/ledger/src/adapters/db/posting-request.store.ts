import type { EntityManager } from '@sluice/persistence';
import { bigint, date, dateOrNull, json, query, type Row, text, textOrNull } from '@sluice/persistence';
import type { PostingRequestBody, PostingRequestRecord, PostingRequestStore } from '../../app/ports.ts';
import type { Direction } from '../../domain/account.ts';

interface StoredBody {
  lines: { accountId: string; direction: Direction; amountMinor: string; currency: string }[];
  programId: string | null;
  providerReference: string | null;
  payoutId: string | null;
  effectiveDate: string | null;
}

const SELECT = `select r.*, coalesce(array(select operator_id from posting_approvals a where a.request_id = r.id
  order by a.approved_at), '{}') as approved_by from posting_requests r`;

function toBody(stored: StoredBody): PostingRequestBody {
  return { ...stored, lines: stored.lines.map((line) => ({ ...line, amountMinor: bigint(line.amountMinor) })) };
}

function toRecord(row: Row): PostingRequestRecord {
  return {
    id: text(row.id),
    kind: text(row.kind) as PostingRequestRecord['kind'],
    status: text(row.status) as PostingRequestRecord['status'],
    reason: text(row.reason),
    requestedBy: text(row.requested_by),
    requestHash: text(row.request_hash),
    body: toBody(json<StoredBody>(row.body)),
    approvalsRequired: Number(row.approvals_required),
    approvedBy: (row.approved_by as string[]) ?? [],
    entryId: textOrNull(row.entry_id),
    rejectedBy: textOrNull(row.rejected_by),
    rejectionReason: textOrNull(row.rejection_reason),
    createdAt: date(row.created_at),
    decidedAt: dateOrNull(row.decided_at),
  };
}

/** Manual posting requests (top-ups and adjustments) and their approvals. */
export function postingRequestStore(em: EntityManager): PostingRequestStore {
  return {
    async insert(record, idempotencyKey) {
      const body: StoredBody = {
        ...record.body,
        lines: record.body.lines.map((line) => ({ ...line, amountMinor: line.amountMinor.toString() })),
      };
      const rows = await query(
        em,
        `insert into posting_requests (id, kind, status, reason, requested_by, idempotency_key, request_hash, body,
           approvals_required) values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)
         on conflict (requested_by, idempotency_key) do nothing returning id`,
        [
          record.id,
          record.kind,
          record.status,
          record.reason,
          record.requestedBy,
          idempotencyKey,
          record.requestHash,
          JSON.stringify(body),
          record.approvalsRequired,
        ],
      );
      return rows.length === 1;
    },
    async byIdempotencyKey(operatorId, idempotencyKey) {
      const rows = await query(em, `${SELECT} where r.requested_by = ? and r.idempotency_key = ?`, [
        operatorId,
        idempotencyKey,
      ]);
      return rows[0] ? toRecord(rows[0]) : null;
    },
    async lock(id) {
      const locked = await query(em, 'select id from posting_requests where id = ? for update', [id]);
      if (locked.length === 0) return null;
      const rows = await query(em, `${SELECT} where r.id = ?`, [id]);
      return toRecord(rows[0]!);
    },
    async get(id) {
      const rows = await query(em, `${SELECT} where r.id = ?`, [id]);
      return rows[0] ? toRecord(rows[0]) : null;
    },
    async list({ status, limit }) {
      const rows = await query(
        em,
        `${SELECT} ${status ? 'where r.status = ?' : ''} order by r.created_at desc limit ?`,
        status ? [status, limit] : [limit],
      );
      return rows.map(toRecord);
    },
    async addApproval(id, operatorId) {
      await query(em, 'insert into posting_approvals (request_id, operator_id) values (?, ?)', [id, operatorId]);
    },
    async markPosted(id, entryId) {
      await query(em, "update posting_requests set status = 'posted', entry_id = ?, decided_at = now() where id = ?", [
        entryId,
        id,
      ]);
    },
    async markRejected(id, operatorId, reason) {
      await query(
        em,
        `update posting_requests set status = 'rejected', rejected_by = ?, rejection_reason = ?, decided_at = now()
         where id = ?`,
        [operatorId, reason, id],
      );
    },
  };
}
