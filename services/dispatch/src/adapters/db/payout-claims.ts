import type { EntityManager } from '@sluice/persistence';
import { query } from '@sluice/persistence';
import type { PayoutRecord, PayoutRepository } from '../../app/ports.ts';
import { toRecord } from './payout-row.ts';

type Claims = Pick<
  PayoutRepository,
  | 'claimApproved'
  | 'claimQueued'
  | 'claimShadow'
  | 'claimExpiredLeases'
  | 'claimDuePolls'
  | 'claimFundingHolds'
  | 'providersWithFundingHolds'
>;

/**
 * Work queues over dispatch_payouts. Each claim locks its rows `for update skip locked`, so several dispatch
 * instances (or overlapping ticks) never take the same payout; the caller changes the row in the same transaction.
 */
export function claimQueries(em: EntityManager): Claims {
  const claim = async (sql: string, params: unknown[]): Promise<PayoutRecord[]> =>
    (await query(em, `${sql} for update skip locked`, params)).map(toRecord);
  return {
    claimApproved: (provider, limit, now) =>
      claim(
        `select * from dispatch_payouts
         where status = 'approved' and provider = ? and decision_mode = 'live' and accepted_event_id is not null
           and blocked_reason is null and not shadow and next_action_at <= ?
         order by next_action_at limit ?`,
        [provider, now, limit],
      ),
    claimQueued: (provider, limit, now) =>
      claim(
        `select * from dispatch_payouts
         where status = 'submitting' and send_state = 'queued' and provider = ? and next_action_at <= ?
         order by next_action_at limit ?`,
        [provider, now, limit],
      ),
    claimShadow: (limit) =>
      claim(
        `select * from dispatch_payouts
         where status = 'approved' and decision_mode <> 'live' and accepted_event_id is not null
           and blocked_reason is null and not shadow
         order by status_changed_at limit ?`,
        [limit],
      ),
    claimExpiredLeases: (limit, now) =>
      claim(
        `select * from dispatch_payouts where status = 'submitting' and send_state = 'sending' and lease_until < ?
         order by lease_until limit ?`,
        [now, limit],
      ),
    claimDuePolls: (provider, limit, now) =>
      claim(
        `select * from dispatch_payouts
         where status in ('pending', 'unknown', 'confirmed') and provider = ? and next_action_at <= ?
         order by next_action_at limit ?`,
        [provider, now, limit],
      ),
    claimFundingHolds: (provider, limit) =>
      claim(
        `select * from dispatch_payouts where status = 'funding_hold' and provider = ?
         order by status_changed_at limit ?`,
        [provider, limit],
      ),
    async providersWithFundingHolds() {
      const rows = await query(em, "select distinct provider from dispatch_payouts where status = 'funding_hold'");
      return rows.map((row) => String(row.provider));
    },
  };
}
