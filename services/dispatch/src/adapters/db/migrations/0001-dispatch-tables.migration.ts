import { Migration } from '@sluice/persistence';

/** Dispatch's own tables: the payouts it owns, the attempt / transition / conflict journals, provider switches. */
export class DispatchTablesMigration extends Migration {
  override async up(): Promise<void> {
    // A dispatch session never waits long for a row lock: claims skip locked rows, signals retry.
    this.addSql(
      `do $$ begin execute format('alter database %I set lock_timeout = %L', current_database(), '5s'); end $$`,
    );
    this.addSql(`create table dispatch_payouts (
      payout_id text primary key,
      correlation_id text not null,
      program_id text not null,
      market text not null,
      corridor text not null,
      currency text not null,
      amount_minor bigint not null check (amount_minor > 0),
      accepted_event_id text,
      platform_id text,
      destination_type text,
      destination_id text,
      network text,
      destination_address text,
      metadata jsonb,
      decision text,
      decision_amount_minor bigint,
      decision_mode text,
      decision_event_id text,
      status text check (status in ('approved', 'submitting', 'pending', 'unknown', 'confirmed', 'failed',
        'funding_hold', 'canceled', 'reversed')),
      status_reason text,
      status_changed_at timestamptz,
      provider text,
      blocked_reason text,
      shadow boolean not null default false,
      attempt integer not null default 0 check (attempt >= 0),
      instruction integer,
      idempotency_key text unique,
      request_body text,
      request_hash text,
      send_state text check (send_state in ('queued', 'sending')),
      lease_until timestamptz,
      next_action_at timestamptz,
      poll_count integer not null default 0,
      provider_reference text,
      provider_status text,
      settled_amount_minor bigint,
      fee_amount_minor bigint,
      failure_code text,
      failure_message text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      -- An instruction is frozen as a whole: key, body and hash are set together and never apart.
      check ((idempotency_key is null) = (request_body is null) and (request_body is null) = (request_hash is null)),
      check (send_state is null or status = 'submitting' or status = 'unknown'))`);
    this.addSql(
      'create index dispatch_payouts_due_idx on dispatch_payouts (status, next_action_at) where next_action_at is not null',
    );
    this.addSql('create index dispatch_payouts_provider_ref_idx on dispatch_payouts (provider, provider_reference)');
    this.addSql(`create table dispatch_attempts (
      id bigserial primary key,
      payout_id text not null references dispatch_payouts (payout_id),
      provider text not null,
      operation text not null,
      attempt integer not null,
      idempotency_key text not null,
      request_hash text not null,
      request_body text,
      http_status integer,
      error_class text not null,
      error_code text,
      error_message text,
      latency_ms integer not null,
      outcome text not null,
      shadow boolean not null,
      provider_reference text,
      created_at timestamptz not null)`);
    this.addSql('create index dispatch_attempts_payout_idx on dispatch_attempts (payout_id, id)');
    this.addSql(`create table dispatch_transitions (
      id bigserial primary key,
      payout_id text not null references dispatch_payouts (payout_id),
      from_status text,
      to_status text not null,
      reason text not null,
      source text not null,
      actor text,
      attempt integer not null,
      shadow boolean not null,
      created_at timestamptz not null)`);
    this.addSql('create index dispatch_transitions_payout_idx on dispatch_transitions (payout_id, id)');
    this.addSql(`create table dispatch_conflicts (
      id bigserial primary key,
      payout_id text not null references dispatch_payouts (payout_id),
      current_status text not null,
      attempted_status text not null,
      source text not null,
      provider_status text not null,
      provider_reference text,
      detail text not null,
      created_at timestamptz not null,
      unique (payout_id, current_status, attempted_status, provider_status))`);
    this.addSql(`create table provider_switches (
      provider text primary key,
      disabled boolean not null,
      reason text,
      changed_by text not null,
      changed_at timestamptz not null)`);
  }
}
