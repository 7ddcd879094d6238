import { Migration } from '@sluice/persistence';

/**
 * The sandbox's own tables: payouts (the idempotency key is unique on the payout itself, since only a created payout
 * binds a key), their status history, the account journal and cached balances, callback events and deliveries, the
 * scripted-refusal state and a log of create calls.
 */
export class SandboxTablesMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table sbx_payouts (
      id text primary key,
      idempotency_key text not null unique check (length(idempotency_key) between 1 and 255),
      request_sha256 text not null,
      client_reference text not null,
      amount_minor bigint not null check (amount_minor > 0),
      currency text not null,
      destination jsonb not null,
      metadata jsonb not null,
      scenario text not null,
      plan jsonb not null,
      status text not null check (status in ('pending', 'processing', 'completed', 'failed', 'reversed')),
      step_index int not null check (step_index >= 0),
      next_step_at timestamptz,
      settled_amount_minor bigint check (settled_amount_minor >= 0),
      fee_amount_minor bigint check (fee_amount_minor >= 0),
      failure_code text,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check (settled_amount_minor is null or settled_amount_minor + fee_amount_minor = amount_minor))`);
    this.addSql('create index sbx_payouts_client_reference_idx on sbx_payouts (client_reference, created_at)');
    this.addSql('create index sbx_payouts_due_idx on sbx_payouts (next_step_at) where next_step_at is not null');
    this.addSql(`create table sbx_payout_transitions (
      id bigserial primary key,
      payout_id text not null references sbx_payouts (id),
      status text not null,
      occurred_at timestamptz not null)`);
    this.addSql('create index sbx_payout_transitions_time_idx on sbx_payout_transitions (occurred_at)');
    this.addSql(`create table sbx_balances (
      currency text primary key,
      available_minor bigint not null check (available_minor >= 0),
      pending_minor bigint not null check (pending_minor >= 0))`);
    this.addSql(`create table sbx_fundings (
      id text primary key,
      idempotency_key text unique,
      request_sha256 text,
      currency text not null,
      amount_minor bigint not null check (amount_minor > 0),
      created_at timestamptz not null)`);
    this.addSql('create index sbx_fundings_currency_idx on sbx_fundings (currency, created_at)');
    this.addSql(`create table sbx_journal (
      id bigserial primary key,
      currency text not null references sbx_balances (currency),
      kind text not null check (kind in ('funding', 'reserve', 'settle', 'release', 'return')),
      -- Deferred: the reserve is written before the payout row, so a refused reserve leaves nothing to undo.
      payout_id text references sbx_payouts (id) deferrable initially deferred,
      funding_id text references sbx_fundings (id),
      available_delta_minor bigint not null,
      pending_delta_minor bigint not null,
      created_at timestamptz not null,
      check ((payout_id is null) <> (funding_id is null)))`);
    this.addSql(`create table sbx_events (
      id text primary key,
      payout_id text not null references sbx_payouts (id),
      type text not null,
      body text not null,
      created_at timestamptz not null)`);
    this.addSql(`create table sbx_deliveries (
      id bigserial primary key,
      event_id text not null references sbx_events (id),
      payout_id text not null references sbx_payouts (id),
      state text not null check (state in ('queued', 'delivered', 'failed', 'suppressed')),
      held boolean not null,
      attempts int not null default 0,
      next_attempt_at timestamptz not null,
      lease_until timestamptz,
      last_status int,
      last_error text,
      delivered_at timestamptz,
      created_at timestamptz not null)`);
    this.addSql(`create index sbx_deliveries_due_idx on sbx_deliveries (next_attempt_at)
      where state = 'queued' and not held`);
    this.addSql('create index sbx_deliveries_payout_idx on sbx_deliveries (payout_id, id)');
    this.addSql(`create table sbx_flap_counters (
      idempotency_key text primary key,
      calls int not null)`);
    this.addSql(`create table sbx_funding_gates (
      idempotency_key text primary key,
      currency text not null,
      created_at timestamptz not null)`);
    this.addSql(`create table sbx_payout_calls (
      id bigserial primary key,
      idempotency_key text,
      client_reference text,
      http_status int not null,
      code text,
      created_at timestamptz not null)`);
    this.addSql('create index sbx_payout_calls_reference_idx on sbx_payout_calls (client_reference, id)');
    this.addSql('create index sbx_payout_calls_key_idx on sbx_payout_calls (idempotency_key, id)');
  }

  override async down(): Promise<void> {
    for (const table of [
      'sbx_payout_calls',
      'sbx_funding_gates',
      'sbx_flap_counters',
      'sbx_deliveries',
      'sbx_events',
      'sbx_journal',
      'sbx_fundings',
      'sbx_balances',
      'sbx_payout_transitions',
      'sbx_payouts',
    ]) {
      this.addSql(`drop table if exists ${table}`);
    }
  }
}
