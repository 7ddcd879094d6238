import { Migration } from '@sluice/persistence';

/**
 * One partial index per work queue the dispatcher claims from, each in the order its claim reads. The one index on
 * (status, next_action_at) made every claim scan and sort all due rows of its statuses, then skip the locked ones: in
 * the dispatch benchmark the poll claim took 30 ms, the approved one 7 ms, and the lease and shadow claims (which find
 * nothing almost always) 7–10 ms each, four times a tick — about half of everything dispatch asked PostgreSQL. A
 * partial index holds only the rows of its queue, so a claim reads its first rows in order and stops.
 * The queue rows change state every few seconds: autovacuum visits the table after 2 % of it changed (the default
 * 20 % let dead index entries pile up in front of every claim).
 */
export class WorkQueueIndexesMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index dispatch_payouts_approved_idx on dispatch_payouts (provider, next_action_at)
      where status = 'approved' and decision_mode = 'live' and accepted_event_id is not null
        and blocked_reason is null and not shadow`);
    this.addSql(`create index dispatch_payouts_queued_idx on dispatch_payouts (provider, next_action_at)
      where status = 'submitting' and send_state = 'queued'`);
    this.addSql(`create index dispatch_payouts_polls_idx on dispatch_payouts (provider, next_action_at)
      where status in ('pending', 'unknown', 'confirmed')`);
    this.addSql(`create index dispatch_payouts_leases_idx on dispatch_payouts (lease_until)
      where status = 'submitting' and send_state = 'sending'`);
    this.addSql(`create index dispatch_payouts_shadow_idx on dispatch_payouts (status_changed_at)
      where status = 'approved' and decision_mode <> 'live' and accepted_event_id is not null
        and blocked_reason is null and not shadow`);
    this.addSql(`create index dispatch_payouts_funding_holds_idx on dispatch_payouts (provider, status_changed_at)
      where status = 'funding_hold'`);
    this.addSql('drop index dispatch_payouts_due_idx');
    this.addSql(`alter table dispatch_payouts set (autovacuum_vacuum_scale_factor = 0.02,
      autovacuum_analyze_scale_factor = 0.02)`);
  }

  override async down(): Promise<void> {
    this.addSql('alter table dispatch_payouts reset (autovacuum_vacuum_scale_factor, autovacuum_analyze_scale_factor)');
    this.addSql(
      'create index dispatch_payouts_due_idx on dispatch_payouts (status, next_action_at) where next_action_at is not null',
    );
    for (const queue of ['approved', 'queued', 'polls', 'leases', 'shadow', 'funding_holds']) {
      this.addSql(`drop index if exists dispatch_payouts_${queue}_idx`);
    }
  }
}
