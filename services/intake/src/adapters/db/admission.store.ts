import { OUTBOX_COLUMNS, type Outbox } from '@sluice/messaging';
import {
  type Database,
  type EntityManager,
  GroupCommit,
  preparedOn,
  query,
  type Row,
  type RunSql,
  text,
} from '@sluice/persistence';
import { type AcceptedEvent, type AdmissionRepository, type AdmitResult, KeyBusyError } from '../../app/ports.ts';
import { bankAccountDisplay } from '../../domain/bank-account.ts';
import type { DestinationState } from '../../domain/destination-state.ts';
import type { StoredResponse } from '../../domain/idempotency.ts';
import type { PayableDestination } from '../../domain/payout-checks.ts';
import { isFinished } from '../../domain/payout-status.ts';
import type { PayoutView } from '../../domain/payout-view.ts';
import { walletDisplay } from '../../domain/wallet.ts';
import { toBankAccount } from './destination.store.ts';
import { storedResponseOf } from './idempotency.store.ts';

// lock_not_available: the session's lock_timeout expired while another transaction held the key.
const LOCK_NOT_AVAILABLE = '55P03';

/**
 * The payout-acceptance hot path: one data-modifying statement, preceded by one read for a destination not seen
 * before. Every extra round trip to PostgreSQL costs more here than all of the request's own computation (on this
 * machine a socket write is the most expensive thing a request does), which is why this is SQL, not an ORM.
 */
export function admissionStore(
  em: EntityManager,
  outbox: Outbox,
  admit: AdmissionRepository['admit'] = (...args) =>
    admitOne((sql, params) => query(em, sql, params), admission(outbox, ...args)),
): AdmissionRepository {
  return {
    async lookup(platformId, key, beneficiaryId, destination) {
      const table = destination.type === 'wallet' ? 'wallets' : 'bank_accounts';
      const rows = await query(
        em,
        `select k.request_hash, k.payout_id, k.response_status, k.response_body, k.created_at, k.expires_at,
           b.id as beneficiary_id, to_jsonb(d) as destination
         from (select 1) as one
         left join idempotency_keys k on k.platform_id = ? and k.idempotency_key = ?
         left join beneficiaries b on b.id = ? and b.platform_id = ?
         left join ${table} d on d.id = ? and d.beneficiary_id = b.id`,
        [platformId, key, beneficiaryId, platformId, destination.id],
      );
      const row = rows[0]!;
      const stored = row.request_hash === null ? null : storedResponseOf(row);
      const found = row.destination === null ? null : (row.destination as Row);
      return {
        stored,
        beneficiaryFound: row.beneficiary_id !== null,
        destination: found ? payable(destination.type, beneficiaryId, found) : null,
      };
    },

    admit,
  };
}

/** One payout to admit, with its outbox row already validated and encoded (a bad event fails only its own request). */
export interface Admission {
  readonly payout: PayoutView;
  readonly extra: { readonly requestHash: string; readonly channel: 'api' | 'topic' };
  readonly stored: StoredResponse;
  readonly outboxRow: readonly unknown[];
}

/**
 * Admissions of concurrent REST requests share one statement (group commit): one round trip and one WAL flush per
 * batch instead of per payout, prepared once per batch size instead of formatted per call. Each request is answered
 * only after its own statement committed. Upstream-topic admissions do not come here: they run inside the consumer's
 * transaction.
 */
export function groupedAdmissions(db: Database, outbox: Outbox, options: { concurrency: number }) {
  const group = new GroupCommit<Admission, AdmitResult>({
    concurrency: options.concurrency,
    run: async (items) => admitAll(preparedOn(await db.pool()), items),
  });
  return { admit: (...args: AdmitArgs) => group.submit(admission(outbox, ...args)) };
}

type AdmitArgs = Parameters<AdmissionRepository['admit']>;

/** An admission with its event validated and encoded into an outbox row (a batch builds many). */
export const admission = (
  outbox: Outbox,
  payout: PayoutView,
  extra: Admission['extra'],
  stored: StoredResponse,
  accepted: AcceptedEvent,
): Admission => ({
  payout,
  extra,
  stored,
  outboxRow: outbox.row(outbox.event(accepted.topic, accepted.payload, accepted.trace)),
});

async function admitOne(run: RunSql, admission: Admission): Promise<AdmitResult> {
  const [result] = await admitAll(run, [admission]);
  return result!;
}

const INPUT_COLUMNS = `ord, destination_type, destination_id, beneficiary_id, platform_id, idempotency_key, request_hash,
  payout_id, response_status, response_body, key_created_at, key_expires_at, channel, platform_reference,
  destination_display, network, amount_minor, currency, corridor, program_id, market, metadata, correlation_id, status,
  finished, created_at, updated_at, event_id, topic, message_key, payload, event_payout_id, event_correlation_id`;
const INPUT_VALUES = `(?::int, ?, ?::uuid, ?::uuid, ?, ?, ?, ?::uuid, ?::int, ?, ?::timestamptz, ?::timestamptz, ?, ?, ?, ?,
  ?::bigint, ?, ?, ?, ?, ?::jsonb, ?, ?, ?::boolean, ?::timestamptz, ?::timestamptz, ?::uuid, ?, ?, ?::bytea, ?, ?)`;

/**
 * In ONE statement, all or nothing for the batch: for each payout, checks its destination is still `active` and
 * belongs to its beneficiary and platform, claims (platform, key) — a live key stays with its holder; an expired one
 * is taken over — inserts the payout and writes its accepted event to the outbox, only for the keys it claimed. Keys
 * are claimed in key order (byte order, whatever the database's collation, so a caller splitting a larger set sorted
 * by code unit keeps one order across statements) so concurrent batches lock in one order and cannot deadlock; outbox
 * rows go in arrival order. Two requests with one key in one batch make PostgreSQL refuse the statement (a row affected twice): the
 * group then runs the batch one by one, where the second meets the first's key.
 */
/** `run` is a transaction's EntityManager (`query`) or the pool's prepared statements (one text per batch size). */
export async function admitAll(run: RunSql, admissions: readonly Admission[]): Promise<AdmitResult[]> {
  const params: unknown[] = [];
  for (const [ord, { payout: p, extra, stored, outboxRow }] of admissions.entries()) {
    params.push(ord, p.destination.type, p.destination.id, p.beneficiaryId, p.platformId, p.requestId);
    params.push(stored.requestHash, stored.payoutId, stored.responseStatus, stored.responseBody, stored.createdAt);
    params.push(stored.expiresAt, extra.channel, p.platformReference, p.destination.display, p.destination.network);
    params.push(p.amountMinor, p.currency, p.corridor, p.programId, p.market, JSON.stringify(p.metadata));
    params.push(p.correlationId, p.status, isFinished(p.status), p.createdAt, p.updatedAt, ...outboxRow);
  }
  try {
    const rows = await run(
      `with input (${INPUT_COLUMNS}) as (values ${admissions.map(() => INPUT_VALUES).join(', ')}),
       payable as (
         select i.ord from input i join beneficiaries b on b.id = i.beneficiary_id and b.platform_id = i.platform_id
         where case i.destination_type
           when 'wallet' then exists (
             select 1 from wallets d where d.id = i.destination_id and d.beneficiary_id = b.id and d.state = 'active')
           else exists (
             select 1 from bank_accounts d where d.id = i.destination_id and d.beneficiary_id = b.id and d.state = 'active')
           end),
       claim as (
         insert into idempotency_keys
           (platform_id, idempotency_key, request_hash, payout_id, response_status, response_body, created_at, expires_at)
         select i.platform_id, i.idempotency_key, i.request_hash, i.payout_id, i.response_status, i.response_body,
           i.key_created_at, i.key_expires_at
         from input i join payable using (ord) order by i.platform_id, i.idempotency_key collate "C"
         on conflict (platform_id, idempotency_key) do update set
           request_hash = excluded.request_hash, payout_id = excluded.payout_id,
           response_status = excluded.response_status, response_body = excluded.response_body,
           created_at = excluded.created_at, expires_at = excluded.expires_at
         where idempotency_keys.expires_at <= excluded.created_at
         returning payout_id),
       claimed as (select i.* from input i join claim c using (payout_id)),
       payout as (
         insert into payouts (id, platform_id, request_id, request_hash, channel, platform_reference, beneficiary_id,
           destination_type, destination_id, destination_display, network, amount_minor, currency, corridor,
           program_id, market, metadata, correlation_id, status, finished, created_at, updated_at)
         select payout_id, platform_id, idempotency_key, request_hash, channel, platform_reference, beneficiary_id,
           destination_type, destination_id, destination_display, network, amount_minor, currency, corridor,
           program_id, market, metadata, correlation_id, status, finished, created_at, updated_at
         from claimed),
       event as (
         insert into outbox (${OUTBOX_COLUMNS})
         select event_id, topic, message_key, payload, event_payout_id, event_correlation_id from claimed order by ord)
       select i.ord, exists (select 1 from payable p where p.ord = i.ord) as payable,
         exists (select 1 from claim c where c.payout_id = i.payout_id) as claimed
       from input i order by i.ord`,
      params,
    );
    return rows.map((row) =>
      row.payable !== true ? 'destination_not_payable' : row.claimed === true ? 'admitted' : 'key_taken',
    );
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === LOCK_NOT_AVAILABLE) throw new KeyBusyError();
    throw error;
  }
}

/** A destination row (`to_jsonb` of a wallet or bank account) as a payout needs it. */
export function payable(type: 'wallet' | 'bank_account', beneficiaryId: string, row: Row): PayableDestination {
  const state = text(row.state) as DestinationState;
  if (type === 'wallet') {
    const address = text(row.address);
    const display = walletDisplay(address);
    return {
      type,
      id: text(row.id),
      beneficiaryId,
      network: text(row.network),
      currency: text(row.asset),
      state,
      display,
      address,
    };
  }
  const account = toBankAccount(row);
  const display = bankAccountDisplay(account);
  return {
    type,
    id: account.id,
    beneficiaryId,
    network: account.rail,
    currency: account.currency,
    state,
    display,
    address: null,
  };
}
