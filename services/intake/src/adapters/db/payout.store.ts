import type { EntityManager } from '@sluice/persistence';
import {
  bigint,
  bigintOrNull,
  date,
  dateOrNull,
  json,
  nativeOn,
  query,
  type Row,
  text,
  textOrNull,
} from '@sluice/persistence';
import type { HistoryEntry, PayoutRepository, StatusPatch } from '../../app/ports.ts';
import { isFinished, type PayoutStatus } from '../../domain/payout-status.ts';
import type { HoldView, PayoutView } from '../../domain/payout-view.ts';

/** The columns of a payout view (shared with the consumer's chunk reads). */
export const COLUMNS = `id, platform_id, request_id, platform_reference, beneficiary_id, destination_type, destination_id,
  destination_display, network, amount_minor, currency, corridor, program_id, market, metadata, correlation_id, status,
  status_reason, provider_reference, settled_amount_minor, fee_amount_minor, hold, cancel_requested_at, created_at,
  updated_at`;

interface StoredHold {
  hold_id: string;
  reason_codes: string[];
  sla_deadline: string;
  unblock_path: string;
}

/** The payout view and its history in PostgreSQL. */
export function payoutStore(em: EntityManager): PayoutRepository {
  return {
    async find(platformId, id) {
      const rows = await query(em, `select ${COLUMNS} from payouts where id = ? and platform_id = ?`, [id, platformId]);
      return rows[0] ? toView(rows[0]) : null;
    },

    async lock(id) {
      const rows = await query(em, `select ${COLUMNS} from payouts where id = ? for update`, [id]);
      return rows[0] ? toView(rows[0]) : null;
    },

    async exists(id) {
      return (await query(em, 'select 1 from payouts where id = ?', [id])).length > 0;
    },

    async list(platformId, filter, page) {
      const conditions: [string, unknown][] = [['platform_id = ?', platformId]];
      if (filter.status) conditions.push(['status = ?', filter.status]);
      if (filter.beneficiaryId) conditions.push(['beneficiary_id = ?', filter.beneficiaryId]);
      if (filter.finished !== undefined) conditions.push(['finished = ?', filter.finished]);
      if (filter.platformReference) conditions.push(['platform_reference = ?', filter.platformReference]);
      if (filter.requestId) conditions.push(['request_id = ?', filter.requestId]);
      // Ids are UUIDv7, so `id <` the cursor is "older than the last one seen", stable while new payouts arrive.
      if (page.afterId) conditions.push(['id < ?', page.afterId]);
      const where = conditions.map(([sql]) => sql);
      const params = conditions.map(([, value]) => value);
      params.push(page.limit);
      const rows = await query(
        em,
        `select ${COLUMNS} from payouts where ${where.join(' and ')} order by id desc limit ?`,
        params,
      );
      return rows.map(toView);
    },

    async history(id) {
      const rows = await query(
        em,
        `select payout_id, event_id, source, status, reason, applied, occurred_at
         from payout_history where payout_id = ? order by id`,
        [id],
      );
      return rows.map(
        (row): HistoryEntry => ({
          payoutId: text(row.payout_id),
          eventId: textOrNull(row.event_id),
          source: text(row.source),
          status: text(row.status),
          reason: textOrNull(row.reason),
          applied: row.applied === true,
          occurredAt: date(row.occurred_at),
        }),
      );
    },

    applyStatus: (id, patch) => applyStatuses(em, [{ id, patch }]),

    async markCancelRequested(id, at) {
      await query(em, 'update payouts set cancel_requested_at = ?, updated_at = ? where id = ?', [at, at, id]);
    },

    async record(entry) {
      await query(
        em,
        `insert into payout_history (payout_id, event_id, source, status, reason, applied, occurred_at)
         values (?, ?, ?, ?, ?, ?, ?)`,
        [entry.payoutId, entry.eventId, entry.source, entry.status, entry.reason, entry.applied, entry.occurredAt],
      );
    },
  };
}

/**
 * Status patches of distinct payouts in one statement (a hold left undefined keeps the stored one, null clears it);
 * `updated_at` never moves back, whatever order signals arrive in.
 */
export async function applyStatuses(
  em: EntityManager,
  rows: readonly { readonly id: string; readonly patch: StatusPatch }[],
): Promise<void> {
  if (rows.length === 0) return;
  await nativeOn(em)(
    `update payouts p set status = v.status, status_reason = v.status_reason, finished = v.finished,
       provider_reference = coalesce(v.provider_reference, p.provider_reference),
       settled_amount_minor = coalesce(v.settled_amount_minor, p.settled_amount_minor),
       fee_amount_minor = coalesce(v.fee_amount_minor, p.fee_amount_minor),
       hold = case when v.hold_set then v.hold::jsonb else p.hold end,
       updated_at = greatest(p.updated_at, v.at)
     from unnest(?::uuid[], ?::text[], ?::text[], ?::boolean[], ?::text[], ?::bigint[], ?::bigint[], ?::boolean[],
       ?::text[], ?::timestamptz[])
       as v (id, status, status_reason, finished, provider_reference, settled_amount_minor, fee_amount_minor,
         hold_set, hold, at)
     where p.id = v.id`,
    [
      rows.map((r) => r.id),
      rows.map((r) => r.patch.status),
      rows.map((r) => r.patch.statusReason),
      rows.map((r) => isFinished(r.patch.status)),
      rows.map((r) => r.patch.providerReference ?? null),
      rows.map((r) => r.patch.settledAmountMinor ?? null),
      rows.map((r) => r.patch.feeAmountMinor ?? null),
      rows.map((r) => r.patch.hold !== undefined),
      rows.map((r) => (r.patch.hold ? JSON.stringify(holdJson(r.patch.hold)) : null)),
      rows.map((r) => r.patch.at),
    ],
  );
}

function holdJson(hold: HoldView): StoredHold {
  return {
    hold_id: hold.holdId,
    reason_codes: [...hold.reasonCodes],
    sla_deadline: hold.slaDeadline.toISOString(),
    unblock_path: hold.unblockPath,
  };
}

export function toView(row: Row): PayoutView {
  const hold = row.hold === null || row.hold === undefined ? null : json<StoredHold>(row.hold);
  return {
    id: text(row.id),
    platformId: text(row.platform_id),
    requestId: text(row.request_id),
    platformReference: textOrNull(row.platform_reference),
    beneficiaryId: text(row.beneficiary_id),
    destination: {
      type: text(row.destination_type) as PayoutView['destination']['type'],
      id: text(row.destination_id),
      display: text(row.destination_display),
      network: text(row.network),
    },
    amountMinor: bigint(row.amount_minor),
    currency: text(row.currency),
    corridor: text(row.corridor),
    programId: text(row.program_id),
    market: text(row.market),
    metadata: json<Record<string, string>>(row.metadata),
    correlationId: text(row.correlation_id),
    status: text(row.status) as PayoutStatus,
    statusReason: textOrNull(row.status_reason),
    providerReference: textOrNull(row.provider_reference),
    settledAmountMinor: bigintOrNull(row.settled_amount_minor),
    feeAmountMinor: bigintOrNull(row.fee_amount_minor),
    hold: hold
      ? {
          holdId: hold.hold_id,
          reasonCodes: hold.reason_codes,
          slaDeadline: new Date(hold.sla_deadline),
          unblockPath: hold.unblock_path,
        }
      : null,
    cancelRequestedAt: dateOrNull(row.cancel_requested_at),
    createdAt: date(row.created_at),
    updatedAt: date(row.updated_at),
  };
}
