import type { EntityManager } from '@sluice/persistence';
import { date, placeholders, query, type Row, text, textOrNull } from '@sluice/persistence';
import type { AttemptEntry, ConflictEntry, JournalRepository, TransitionEntry } from '../../app/ports.ts';
import type { FailureClass } from '../../domain/failure-class.ts';
import type { ObservationSource } from '../../domain/provider-observation.ts';

/** Attempts, transitions and conflicts: the record that explains a payout without reading logs. */
export function journalStore(em: EntityManager): JournalRepository {
  return {
    recordAttempt: (a) => insertAttempts(em, [a]),
    recordTransition: (t) => insertTransitions(em, [t]),
    async recordConflict(c) {
      const rows = await query(
        em,
        `insert into dispatch_conflicts (payout_id, current_status, attempted_status, source, provider_status,
           provider_reference, detail, created_at)
         values (?, ?, ?, ?, ?, ?, ?, ?)
         on conflict (payout_id, current_status, attempted_status, provider_status) do nothing returning id`,
        [
          c.payoutId,
          c.currentStatus,
          c.attemptedStatus,
          c.source,
          c.providerStatus,
          c.providerReference,
          c.detail,
          c.at,
        ],
      );
      return rows.length > 0;
    },
    async attempts(id) {
      return (await query(em, 'select * from dispatch_attempts where payout_id = ? order by id', [id])).map(toAttempt);
    },
    async transitions(id) {
      const rows = await query(em, 'select * from dispatch_transitions where payout_id = ? order by id', [id]);
      return rows.map(
        (row): TransitionEntry => ({
          payoutId: text(row.payout_id),
          fromStatus: textOrNull(row.from_status),
          toStatus: text(row.to_status),
          reason: text(row.reason),
          source: text(row.source),
          actor: textOrNull(row.actor),
          attempt: Number(row.attempt),
          shadow: row.shadow === true,
          at: date(row.created_at),
        }),
      );
    },
    async conflicts(id) {
      const rows = await query(em, 'select * from dispatch_conflicts where payout_id = ? order by id', [id]);
      return rows.map(
        (row): ConflictEntry => ({
          payoutId: text(row.payout_id),
          currentStatus: text(row.current_status),
          attemptedStatus: text(row.attempted_status),
          source: text(row.source) as ObservationSource,
          providerStatus: text(row.provider_status),
          providerReference: textOrNull(row.provider_reference),
          detail: text(row.detail),
          at: date(row.created_at),
        }),
      );
    },
  };
}

function toAttempt(row: Row): AttemptEntry {
  return {
    payoutId: text(row.payout_id),
    provider: text(row.provider),
    operation: text(row.operation) === 'poll' ? 'poll' : 'submit',
    attempt: Number(row.attempt),
    idempotencyKey: text(row.idempotency_key),
    requestHash: text(row.request_hash),
    requestBody: textOrNull(row.request_body),
    httpStatus: row.http_status === null ? null : Number(row.http_status),
    errorClass: text(row.error_class) as FailureClass,
    errorCode: textOrNull(row.error_code),
    errorMessage: textOrNull(row.error_message),
    latencyMs: Number(row.latency_ms),
    outcome: text(row.outcome),
    shadow: row.shadow === true,
    providerReference: textOrNull(row.provider_reference),
    at: date(row.created_at),
  };
}

/** Attempts in one multi-row insert, in order (their ids keep that order). */
export async function insertAttempts(em: EntityManager, attempts: readonly AttemptEntry[]): Promise<void> {
  if (attempts.length === 0) return;
  await query(
    em,
    `insert into dispatch_attempts (payout_id, provider, operation, attempt, idempotency_key, request_hash,
       request_body, http_status, error_class, error_code, error_message, latency_ms, outcome, shadow,
       provider_reference, created_at)
     values ${placeholders(attempts.length, 16)}`,
    attempts.flatMap((a) => [
      a.payoutId,
      a.provider,
      a.operation,
      a.attempt,
      a.idempotencyKey,
      a.requestHash,
      a.requestBody,
      a.httpStatus,
      a.errorClass,
      a.errorCode,
      a.errorMessage,
      Math.round(a.latencyMs),
      a.outcome,
      a.shadow,
      a.providerReference,
      a.at,
    ]),
  );
}

/** Transitions in one multi-row insert, in order. */
export async function insertTransitions(em: EntityManager, transitions: readonly TransitionEntry[]): Promise<void> {
  if (transitions.length === 0) return;
  await query(
    em,
    `insert into dispatch_transitions (payout_id, from_status, to_status, reason, source, actor, attempt, shadow,
       created_at)
     values ${placeholders(transitions.length, 9)}`,
    transitions.flatMap((t) => [
      t.payoutId,
      t.fromStatus,
      t.toStatus,
      t.reason,
      t.source,
      t.actor,
      t.attempt,
      t.shadow,
      t.at,
    ]),
  );
}
