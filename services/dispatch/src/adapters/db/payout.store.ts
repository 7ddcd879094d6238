import type { EntityManager } from '@sluice/persistence';
import { nativeOn, query, type Row } from '@sluice/persistence';
import type {
  AcceptedFacts,
  Approval,
  DecisionFacts,
  PayoutRecord,
  PayoutRepository,
  StatusWrite,
} from '../../app/ports.ts';
import { claimQueries } from './payout-claims.ts';
import { byPayoutId, toRecord } from './payout-row.ts';

/** Dispatch's payouts in PostgreSQL. Every write is a named command; status writes come only from changeStatus. */
export function payoutStore(em: EntityManager): PayoutRepository {
  const one = async (sql: string, params: unknown[]): Promise<PayoutRecord | null> => {
    const rows = await query(em, sql, params);
    return rows[0] ? toRecord(rows[0]) : null;
  };
  return {
    find: (id) => one('select * from dispatch_payouts where payout_id = ?', [id]),
    lock: (id) => one('select * from dispatch_payouts where payout_id = ? for update', [id]),

    async idByProviderReference(provider, providerReference) {
      const rows = await query(
        em,
        'select payout_id from dispatch_payouts where provider = ? and provider_reference = ? limit 1',
        [provider, providerReference],
      );
      return rows[0] ? String(rows[0].payout_id) : null;
    },

    // The decision may have created the row first (no cross-topic order); the first accepted event's facts win.
    recordAccepted: (f) => upsertAccepted(em, [f]),
    recordDecision: async (f) => void (await upsertDecisions(em, [f])),

    markApproved: (id, a) => approveMany(em, [{ payoutId: id, ...a }]),

    async markBlocked(id, reason) {
      await query(em, 'update dispatch_payouts set blocked_reason = ?, updated_at = now() where payout_id = ?', [
        reason,
        id,
      ]);
    },

    async cancelUnowned(id, reason, at) {
      await query(
        em,
        `update dispatch_payouts set status = 'canceled', status_reason = ?, status_changed_at = ?, next_action_at = null,
           updated_at = now() where payout_id = ? and status is null`,
        [reason, at, id],
      );
    },

    writeStatus: (id, w) => writeStatuses(em, [{ payoutId: id, write: w }]),

    async storeInstruction(id, i) {
      // `where idempotency_key is null`: an instruction, once frozen, is never replaced (same key, same bytes).
      await query(
        em,
        `update dispatch_payouts set instruction = ?, idempotency_key = ?, request_body = ?, request_hash = ?,
           updated_at = now()
         where payout_id = ? and idempotency_key is null`,
        [i.instruction, i.idempotencyKey, i.body, i.requestHash, id],
      );
    },

    async startSubmissions(starts) {
      if (starts.length === 0) return new Map();
      // In payout id order, as every multi-row lock here. An instruction already frozen is kept (as storeInstruction).
      const sorted = [...starts].sort(byPayoutId);
      const rows = await nativeOn(em)(
        `update dispatch_payouts p set
           instruction = case when p.idempotency_key is null then v.instruction else p.instruction end,
           request_body = case when p.idempotency_key is null then v.request_body else p.request_body end,
           request_hash = case when p.idempotency_key is null then v.request_hash else p.request_hash end,
           idempotency_key = coalesce(p.idempotency_key, v.idempotency_key),
           status = 'submitting', status_reason = v.reason, status_changed_at = v.at, next_action_at = null,
           poll_count = 0, attempt = p.attempt + 1, send_state = 'sending', lease_until = v.lease_until,
           updated_at = now()
         from unnest(?::text[], ?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[],
           ?::timestamptz[]) as v (payout_id, instruction, idempotency_key, request_body, request_hash, reason, at,
           lease_until)
         where p.payout_id = v.payout_id
         returning p.payout_id, p.attempt`,
        [
          sorted.map((s) => s.payoutId),
          sorted.map((s) => s.instruction.instruction),
          sorted.map((s) => s.instruction.idempotencyKey),
          sorted.map((s) => s.instruction.body),
          sorted.map((s) => s.instruction.requestHash),
          sorted.map((s) => s.write.reason),
          sorted.map((s) => s.write.at),
          sorted.map((s) => s.leaseUntil),
        ],
      );
      return new Map(rows.map((row) => [String(row.payout_id), Number(row.attempt)]));
    },

    async markSending(id, leaseUntil) {
      const rows = await query(
        em,
        `update dispatch_payouts set attempt = attempt + 1, send_state = 'sending', lease_until = ?, updated_at = now()
         where payout_id = ? returning attempt`,
        [leaseUntil, id],
      );
      return Number(rows[0]!.attempt);
    },

    async markQueued(id, nextActionAt) {
      await query(
        em,
        `update dispatch_payouts set send_state = 'queued', lease_until = null, next_action_at = ?, updated_at = now()
         where payout_id = ? and status = 'submitting'`,
        [nextActionAt, id],
      );
    },

    async markShadowed(id, at) {
      const rows = await query(
        em,
        `update dispatch_payouts set shadow = true, attempt = attempt + 1, status_reason = 'shadow_would_dispatch',
           next_action_at = null, updated_at = ? where payout_id = ? returning attempt`,
        [at, id],
      );
      return Number(rows[0]!.attempt);
    },

    async schedule(id, nextActionAt, pollCount) {
      await query(
        em,
        `update dispatch_payouts set next_action_at = ?, poll_count = ?,
           send_state = case when status = 'submitting' then send_state end,
           lease_until = case when status = 'submitting' then lease_until end, updated_at = now()
         where payout_id = ?`,
        [nextActionAt, pollCount, id],
      );
    },

    async markPolled(id, providerReference, providerStatus) {
      await query(
        em,
        `update dispatch_payouts set provider_reference = coalesce(provider_reference, ?),
           provider_status = coalesce(?, provider_status), updated_at = now() where payout_id = ?`,
        [providerReference, providerStatus, id],
      );
    },

    ...claimQueries(em),

    async countByStatus() {
      const rows = await query(
        em,
        "select coalesce(status, 'awaiting_approval') as status, count(*)::int as n from dispatch_payouts group by 1",
      );
      return Object.fromEntries(rows.map((row) => [String(row.status), Number(row.n)]));
    },
  };
}

/**
 * Accepted facts, one row per payout (sorted by payout id by the caller when several: the lock order), in one upsert;
 * a row an accepted event already filled keeps its facts.
 */
export async function upsertAccepted(em: EntityManager, rows: readonly AcceptedFacts[]): Promise<void> {
  if (rows.length === 0) return;
  await nativeOn(em)(
    `insert into dispatch_payouts (payout_id, correlation_id, program_id, market, corridor, currency, amount_minor,
       accepted_event_id, platform_id, destination_type, destination_id, network, destination_address, metadata)
     select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[],
       ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::jsonb[])
     on conflict (payout_id) do update set
       accepted_event_id = excluded.accepted_event_id, platform_id = excluded.platform_id,
       destination_type = excluded.destination_type, destination_id = excluded.destination_id,
       network = excluded.network, destination_address = excluded.destination_address,
       metadata = excluded.metadata, program_id = excluded.program_id, market = excluded.market,
       corridor = excluded.corridor, currency = excluded.currency, amount_minor = excluded.amount_minor,
       updated_at = now()
     where dispatch_payouts.accepted_event_id is null`,
    [
      rows.map((f) => f.payoutId),
      rows.map((f) => f.correlationId),
      rows.map((f) => f.programId),
      rows.map((f) => f.market),
      rows.map((f) => f.corridor),
      rows.map((f) => f.currency),
      rows.map((f) => f.amountMinor),
      rows.map((f) => f.eventId),
      rows.map((f) => f.platformId),
      rows.map((f) => f.destinationType),
      rows.map((f) => f.destinationId),
      rows.map((f) => f.network),
      rows.map((f) => f.destinationAddress),
      rows.map((f) => JSON.stringify(f.metadata)),
    ],
  );
}

/** Status writes (checked by `changeStatus`) of distinct payouts in one statement; rows sorted by payout id. */
export async function writeStatuses(
  em: EntityManager,
  rows: readonly { readonly payoutId: string; readonly write: StatusWrite }[],
): Promise<void> {
  if (rows.length === 0) return;
  await nativeOn(em)(
    `update dispatch_payouts p set status = v.status, status_reason = v.reason, status_changed_at = v.at,
       next_action_at = v.next_action_at, poll_count = 0,
       send_state = case when v.status = 'submitting' then p.send_state end,
       lease_until = case when v.status = 'submitting' then p.lease_until end,
       provider_reference = coalesce(v.provider_reference, p.provider_reference),
       provider_status = coalesce(v.provider_status, p.provider_status),
       settled_amount_minor = coalesce(v.settled_amount_minor, p.settled_amount_minor),
       fee_amount_minor = coalesce(v.fee_amount_minor, p.fee_amount_minor),
       failure_code = coalesce(v.failure_code, p.failure_code),
       failure_message = coalesce(v.failure_message, p.failure_message), updated_at = now()
     from unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[], ?::text[], ?::text[],
       ?::bigint[], ?::bigint[], ?::text[], ?::text[])
       as v (payout_id, status, reason, at, next_action_at, provider_reference, provider_status,
         settled_amount_minor, fee_amount_minor, failure_code, failure_message)
     where p.payout_id = v.payout_id`,
    [
      rows.map((r) => r.payoutId),
      rows.map((r) => r.write.status),
      rows.map((r) => r.write.reason),
      rows.map((r) => r.write.at),
      rows.map((r) => r.write.nextActionAt),
      rows.map((r) => r.write.providerReference ?? null),
      rows.map((r) => r.write.providerStatus ?? null),
      rows.map((r) => r.write.settledAmountMinor ?? null),
      rows.map((r) => r.write.feeAmountMinor ?? null),
      rows.map((r) => r.write.failureCode ?? null),
      rows.map((r) => r.write.failureMessage ?? null),
    ],
  );
}

/** Approves payouts dispatch does not own yet (status null), in one statement; rows sorted by payout id. */
export async function approveMany(
  em: EntityManager,
  rows: readonly ({ readonly payoutId: string } & Approval)[],
): Promise<void> {
  if (rows.length === 0) return;
  await nativeOn(em)(
    `update dispatch_payouts p set status = 'approved', status_reason = 'compliance_approved',
       status_changed_at = v.at, provider = v.provider, blocked_reason = v.blocked_reason, decision_mode = v.mode,
       decision_event_id = v.decision_event_id, next_action_at = v.at, updated_at = now()
     from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[])
       as v (payout_id, provider, blocked_reason, mode, decision_event_id, at)
     where p.payout_id = v.payout_id and p.status is null`,
    [
      rows.map((a) => a.payoutId),
      rows.map((a) => a.provider),
      rows.map((a) => a.blockedReason),
      rows.map((a) => a.mode),
      rows.map((a) => a.decisionEventId),
      rows.map((a) => a.at),
    ],
  );
}

/** Decisions, one row per payout (sorted by payout id when several), in one upsert returning the rows (locked). */
export async function upsertDecisions(em: EntityManager, rows: readonly DecisionFacts[]): Promise<Row[]> {
  if (rows.length === 0) return [];
  return nativeOn(em)(
    `insert into dispatch_payouts (payout_id, correlation_id, program_id, market, corridor, currency,
       amount_minor, decision, decision_amount_minor)
     select t.*, t.amount_minor from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
       ?::bigint[], ?::text[]) as t (payout_id, correlation_id, program_id, market, corridor, currency,
       amount_minor, decision)
     on conflict (payout_id) do update set decision = excluded.decision,
       decision_amount_minor = excluded.decision_amount_minor, updated_at = now()
     returning *`,
    [
      rows.map((f) => f.payoutId),
      rows.map((f) => f.correlationId),
      rows.map((f) => f.programId),
      rows.map((f) => f.market),
      rows.map((f) => f.corridor),
      rows.map((f) => f.currency),
      rows.map((f) => f.amountMinor),
      rows.map((f) => f.decision),
    ],
  );
}
