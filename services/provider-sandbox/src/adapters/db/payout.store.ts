import type { EntityManager } from '@sluice/persistence';
import {
  bigint,
  bigintOrNull,
  date,
  dateOrNull,
  json,
  nativeOn,
  placeholders,
  query,
  type Row,
  text,
  textOrNull,
} from '@sluice/persistence';
import type { PayoutStore, StoredPayout } from '../../app/ports.ts';
import type { Payout } from '../../domain/payout.ts';
import type { Destination } from '../../domain/payout-request.ts';
import type { PayoutStatus } from '../../domain/payout-status.ts';
import type { ScenarioPlan } from '../../domain/scenario.ts';
import type { SettlementRow } from '../../domain/settlement-report.ts';

const COLUMNS = `id, idempotency_key, request_sha256, client_reference, amount_minor, currency, destination, metadata,
  plan, status, step_index, next_step_at, settled_amount_minor, fee_amount_minor, failure_code, created_at, updated_at`;

/** New payouts, in one statement. */
export async function insertPayouts(em: EntityManager, stored: readonly StoredPayout[]): Promise<void> {
  if (stored.length === 0) return;
  await query(
    em,
    `insert into sbx_payouts (${COLUMNS}, scenario) values ${placeholders(stored.length, 18, PAYOUT_CASTS)}`,
    stored.flatMap(({ payout, requestSha256, metadata }) => [
      payout.id,
      payout.idempotencyKey,
      requestSha256,
      payout.clientReference,
      payout.amountMinor.toString(),
      payout.currency,
      JSON.stringify(payout.destination),
      JSON.stringify(metadata),
      JSON.stringify(payout.plan),
      payout.status,
      payout.stepIndex,
      payout.nextStepAt,
      payout.settledAmountMinor?.toString() ?? null,
      payout.feeAmountMinor?.toString() ?? null,
      payout.failureCode,
      payout.createdAt,
      payout.updatedAt,
      payout.plan.scenario,
    ]),
  );
}

const PAYOUT_CASTS = ['', '', '', '', '', '', '::jsonb', '::jsonb', '::jsonb'];

/** Status history rows, in one statement. */
export async function insertTransitions(
  em: EntityManager,
  transitions: readonly { payoutId: string; status: PayoutStatus; at: Date }[],
): Promise<void> {
  if (transitions.length === 0) return;
  await query(
    em,
    `insert into sbx_payout_transitions (payout_id, status, occurred_at) values ${placeholders(transitions.length, 3)}`,
    transitions.flatMap(({ payoutId, status, at }) => [payoutId, status, at]),
  );
}

/**
 * Locks several idempotency keys (in key order, so two transactions locking overlapping sets cannot deadlock) and
 * reads the payouts stored under them, one statement each.
 */
export async function lockAndFindKeys(em: EntityManager, keys: readonly string[]): Promise<Map<string, StoredPayout>> {
  const sorted = [...new Set(keys)].sort();
  if (sorted.length === 0) return new Map();
  await nativeOn(em)(
    'select pg_advisory_xact_lock(hashtextextended(k, 0)) from unnest(?::text[]) as k order by k collate "C"',
    [sorted],
  );
  const rows = await nativeOn(em)(`select ${COLUMNS} from sbx_payouts where idempotency_key = any(?::text[])`, [
    sorted,
  ]);
  return new Map(rows.map((row) => [text(row.idempotency_key), toStored(row)]));
}

/** Writes the lifecycle state of payouts (distinct ids) in one statement. */
export async function updatePayouts(em: EntityManager, payouts: readonly Payout[]): Promise<void> {
  if (payouts.length === 0) return;
  await nativeOn(em)(
    `update sbx_payouts p set status = v.status, step_index = v.step_index, next_step_at = v.next_step_at,
       settled_amount_minor = v.settled_amount_minor, fee_amount_minor = v.fee_amount_minor,
       failure_code = v.failure_code, updated_at = v.updated_at
     from unnest(?::text[], ?::text[], ?::int[], ?::timestamptz[], ?::bigint[], ?::bigint[], ?::text[],
       ?::timestamptz[])
       as v (id, status, step_index, next_step_at, settled_amount_minor, fee_amount_minor, failure_code, updated_at)
     where p.id = v.id`,
    [
      payouts.map((p) => p.id),
      payouts.map((p) => p.status),
      payouts.map((p) => p.stepIndex),
      payouts.map((p) => p.nextStepAt),
      payouts.map((p) => p.settledAmountMinor),
      payouts.map((p) => p.feeAmountMinor),
      payouts.map((p) => p.failureCode),
      payouts.map((p) => p.updatedAt),
    ],
  );
}

/** Payouts and their history in the sandbox database. */
export function payoutStore(em: EntityManager): PayoutStore {
  return {
    async lockKey(idempotencyKey) {
      await query(em, 'select pg_advisory_xact_lock(hashtextextended(?, 0))', [idempotencyKey]);
    },
    async findByKey(idempotencyKey) {
      const [row] = await query(em, `select ${COLUMNS} from sbx_payouts where idempotency_key = ?`, [idempotencyKey]);
      return row ? toStored(row) : null;
    },
    insert: (stored) => insertPayouts(em, [stored]),
    async get(id) {
      const [row] = await query(em, `select ${COLUMNS} from sbx_payouts where id = ?`, [id]);
      return row ? toPayout(row) : null;
    },
    async listByClientReference(clientReference, limit) {
      const rows = await query(
        em,
        `select ${COLUMNS} from sbx_payouts where client_reference = ? order by created_at, id limit ?`,
        [clientReference, limit],
      );
      return rows.map(toStored);
    },
    async claimDue(now, limit) {
      const rows = await query(
        em,
        `select ${COLUMNS} from sbx_payouts where next_step_at <= ?
         order by next_step_at limit ? for update skip locked`,
        [now, limit],
      );
      return rows.map(toPayout);
    },
    update: (payout) => updatePayouts(em, [payout]),
    recordTransition: (payoutId, status, at) => insertTransitions(em, [{ payoutId, status, at }]),
    async settlements(start, end) {
      const rows = await query(
        em,
        `select * from (
           select distinct on (t.payout_id) p.id, p.client_reference, t.status, p.amount_minor,
             p.settled_amount_minor, p.fee_amount_minor, p.currency, t.occurred_at
           from sbx_payout_transitions t join sbx_payouts p on p.id = t.payout_id
           where t.status in ('completed', 'failed', 'reversed') and t.occurred_at >= ? and t.occurred_at < ?
           order by t.payout_id, t.occurred_at desc, t.id desc) last_of_day
         order by occurred_at, id`,
        [start, end],
      );
      return rows.map(toSettlementRow);
    },
  };
}

function toPayout(row: Row): Payout {
  return {
    id: text(row.id),
    idempotencyKey: text(row.idempotency_key),
    clientReference: text(row.client_reference),
    amountMinor: bigint(row.amount_minor),
    currency: text(row.currency),
    destination: json<Destination>(row.destination),
    plan: json<ScenarioPlan>(row.plan),
    status: text(row.status) as PayoutStatus,
    stepIndex: Number(row.step_index),
    nextStepAt: dateOrNull(row.next_step_at),
    settledAmountMinor: bigintOrNull(row.settled_amount_minor),
    feeAmountMinor: bigintOrNull(row.fee_amount_minor),
    failureCode: textOrNull(row.failure_code),
    createdAt: date(row.created_at),
    updatedAt: date(row.updated_at),
  };
}

function toStored(row: Row): StoredPayout {
  return {
    payout: toPayout(row),
    requestSha256: text(row.request_sha256),
    metadata: json<Record<string, unknown>>(row.metadata),
  };
}

function toSettlementRow(row: Row): SettlementRow {
  const status = text(row.status) as SettlementRow['status'];
  // A failed payout never settled: its amounts stay empty even if the row carried any.
  const settled = status === 'failed' ? null : textOrNull(row.settled_amount_minor);
  return {
    id: text(row.id),
    client_reference: text(row.client_reference),
    status,
    amount_minor: text(row.amount_minor),
    settled_amount_minor: settled,
    fee_amount_minor: status === 'failed' ? null : textOrNull(row.fee_amount_minor),
    currency: text(row.currency),
    settled_at: date(row.occurred_at).toISOString(),
  };
}
