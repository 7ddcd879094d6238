import { OUTBOX_COLUMNS, type Outbox } from '@sluice/messaging';
import type { EntityManager } from '@sluice/persistence';
import { date, query, type Row, text } from '@sluice/persistence';
import { type AdmissionRepository, KeyBusyError } from '../../app/ports.ts';
import { bankAccountDisplay } from '../../domain/bank-account.ts';
import type { DestinationState } from '../../domain/destination-state.ts';
import type { PayableDestination } from '../../domain/payout-checks.ts';
import { isFinished } from '../../domain/payout-status.ts';
import { walletDisplay } from '../../domain/wallet.ts';
import { toBankAccount } from './destination.store.ts';

// lock_not_available: the session's lock_timeout expired while another transaction held the key.
const LOCK_NOT_AVAILABLE = '55P03';

/**
 * The payout-acceptance hot path: one data-modifying statement, preceded by one read for a destination not seen
 * before. Every extra round trip
 * to PostgreSQL costs more here than all of the request's own computation, which is why this is SQL, not an ORM.
 */
export function admissionStore(em: EntityManager, outbox: Outbox): AdmissionRepository {
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
      const stored =
        row.request_hash === null
          ? null
          : {
              requestHash: text(row.request_hash),
              payoutId: text(row.payout_id),
              responseStatus: Number(row.response_status),
              responseBody: text(row.response_body),
              createdAt: date(row.created_at),
              expiresAt: date(row.expires_at),
            };
      const found = row.destination === null ? null : (row.destination as Row);
      return {
        stored,
        beneficiaryFound: row.beneficiary_id !== null,
        destination: found ? payable(destination.type, beneficiaryId, found) : null,
      };
    },

    async admit(p, extra, stored, accepted) {
      // The outbox row the relay publishes, folded into this statement so admission stays one round trip.
      const outboxRow = outbox.row(outbox.event(accepted.topic, accepted.payload, accepted.trace));
      const table = p.destination.type === 'wallet' ? 'wallets' : 'bank_accounts';
      try {
        const rows = await query(
          em,
          `with payable as (
             select 1 from ${table} d join beneficiaries b on b.id = d.beneficiary_id
             where d.id = ?::uuid and b.id = ?::uuid and b.platform_id = ? and d.state = 'active'),
           claim as (
             insert into idempotency_keys
               (platform_id, idempotency_key, request_hash, payout_id, response_status, response_body, created_at, expires_at)
             select ?, ?, ?, ?::uuid, ?::int, ?, ?::timestamptz, ?::timestamptz where exists (select 1 from payable)
             on conflict (platform_id, idempotency_key) do update set
               request_hash = excluded.request_hash, payout_id = excluded.payout_id,
               response_status = excluded.response_status, response_body = excluded.response_body,
               created_at = excluded.created_at, expires_at = excluded.expires_at
             where idempotency_keys.expires_at <= excluded.created_at
             returning 1),
           payout as (
             insert into payouts (id, platform_id, request_id, request_hash, channel, platform_reference, beneficiary_id,
               destination_type, destination_id, destination_display, network, amount_minor, currency, corridor,
               program_id, market, metadata, correlation_id, status, finished, created_at, updated_at)
             select ?::uuid, ?, ?, ?, ?, ?, ?::uuid, ?, ?::uuid, ?, ?, ?::bigint, ?, ?, ?, ?, ?::jsonb, ?, ?, ?::boolean,
               ?::timestamptz, ?::timestamptz
             where exists (select 1 from claim)),
           event as (
             insert into outbox (${OUTBOX_COLUMNS})
             select ?::uuid, ?, ?, ?::bytea, ?, ? where exists (select 1 from claim))
           select (select count(*) from payable)::int as payable, (select count(*) from claim)::int as claimed`,
          [
            p.destination.id,
            p.beneficiaryId,
            p.platformId,
            p.platformId,
            p.requestId,
            stored.requestHash,
            stored.payoutId,
            stored.responseStatus,
            stored.responseBody,
            stored.createdAt,
            stored.expiresAt,
            p.id,
            p.platformId,
            p.requestId,
            extra.requestHash,
            extra.channel,
            p.platformReference,
            p.beneficiaryId,
            p.destination.type,
            p.destination.id,
            p.destination.display,
            p.destination.network,
            p.amountMinor,
            p.currency,
            p.corridor,
            p.programId,
            p.market,
            JSON.stringify(p.metadata),
            p.correlationId,
            p.status,
            isFinished(p.status),
            p.createdAt,
            p.updatedAt,
            ...outboxRow,
          ],
        );
        const row = rows[0]!;
        if (Number(row.payable) === 0) return 'destination_not_payable';
        return Number(row.claimed) === 1 ? 'admitted' : 'key_taken';
      } catch (error) {
        if ((error as { code?: unknown } | null)?.code === LOCK_NOT_AVAILABLE) throw new KeyBusyError();
        throw error;
      }
    },
  };
}

function payable(type: 'wallet' | 'bank_account', beneficiaryId: string, row: Row): PayableDestination {
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
