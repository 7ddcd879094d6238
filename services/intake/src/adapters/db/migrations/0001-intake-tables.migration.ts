import { Migration } from '@sluice/persistence';

/** Intake's own tables: platforms and keys, beneficiaries and destinations, idempotency keys, the payout view. */
export class IntakeTablesMigration extends Migration {
  override async up(): Promise<void> {
    // No intake session ever waits more than 5 s for a row lock: a request stuck behind another with the same
    // idempotency key gets 409 request_in_progress instead of hanging, a consumer retries. New sessions only.
    this.addSql(
      `do $$ begin execute format('alter database %I set lock_timeout = %L', current_database(), '5s'); end $$`,
    );
    this.addSql(`create table platforms (
      id text primary key,
      name text not null,
      mode text not null check (mode in ('test', 'live')),
      created_at timestamptz not null default now())`);
    this.addSql(`create table api_keys (
      key_id text primary key,
      platform_id text not null references platforms (id),
      secret_sha256 bytea not null check (length(secret_sha256) = 32),
      scopes text[] not null,
      created_at timestamptz not null default now(),
      revoked_at timestamptz)`);
    this.addSql(`create table beneficiaries (
      id uuid primary key,
      platform_id text not null references platforms (id),
      kind text not null check (kind in ('individual', 'business')),
      name text not null,
      country text not null,
      email text,
      reference text,
      created_at timestamptz not null)`);
    this.addSql('create index beneficiaries_platform_idx on beneficiaries (platform_id, id desc)');
    this.addSql(`create table wallets (
      id uuid primary key,
      platform_id text not null references platforms (id),
      beneficiary_id uuid not null references beneficiaries (id),
      network text not null,
      address text not null,
      asset text not null,
      label text,
      state text not null check (state in ('unverified', 'active', 'frozen', 'retired')),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      unique (beneficiary_id, network, address, asset))`);
    this.addSql(`create table bank_accounts (
      id uuid primary key,
      platform_id text not null references platforms (id),
      beneficiary_id uuid not null references beneficiaries (id),
      rail text not null check (rail in ('iban', 'aba_routing')),
      iban text,
      routing_number text,
      account_number text,
      account_type text,
      currency text not null,
      country text not null,
      holder_name text not null,
      state text not null check (state in ('unverified', 'active', 'frozen', 'retired')),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check ((rail = 'iban') = (iban is not null)),
      check ((rail = 'aba_routing') = (routing_number is not null and account_number is not null)))`);
    this.addSql(`create unique index bank_accounts_identity_idx on bank_accounts
      (beneficiary_id, rail, coalesce(iban, ''), coalesce(routing_number, ''), coalesce(account_number, ''), currency)`);
    // The response is text, not jsonb: a replay must return the first response byte for byte.
    this.addSql(`create table idempotency_keys (
      platform_id text not null,
      idempotency_key text not null check (length(idempotency_key) between 1 and 255),
      request_hash text not null,
      payout_id uuid not null,
      response_status int not null,
      response_body text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null check (expires_at >= created_at + interval '24 hours'),
      primary key (platform_id, idempotency_key))`);
    this.addSql('create index idempotency_keys_expiry_idx on idempotency_keys (expires_at)');
    this.addSql(`create table payouts (
      id uuid primary key,
      platform_id text not null references platforms (id),
      request_id text not null,
      request_hash text not null,
      channel text not null check (channel in ('api', 'topic')),
      platform_reference text,
      beneficiary_id uuid not null references beneficiaries (id),
      destination_type text not null check (destination_type in ('wallet', 'bank_account')),
      destination_id uuid not null,
      destination_display text not null,
      network text not null,
      amount_minor bigint not null check (amount_minor > 0),
      currency text not null,
      corridor text not null,
      program_id text not null,
      market text not null,
      metadata jsonb not null,
      correlation_id text not null,
      status text not null,
      status_reason text,
      finished boolean not null default false,
      provider_reference text,
      settled_amount_minor bigint,
      fee_amount_minor bigint,
      hold jsonb,
      cancel_requested_at timestamptz,
      created_at timestamptz not null,
      updated_at timestamptz not null)`);
    this.addSql('create index payouts_platform_idx on payouts (platform_id, id desc)');
    this.addSql('create index payouts_platform_status_idx on payouts (platform_id, status, id desc)');
    this.addSql('create index payouts_platform_finished_idx on payouts (platform_id, finished, id desc)');
    this.addSql('create index payouts_beneficiary_idx on payouts (platform_id, beneficiary_id, id desc)');
    this.addSql(`create table payout_history (
      id bigserial primary key,
      payout_id uuid not null references payouts (id),
      event_id uuid,
      source text not null,
      status text not null,
      reason text,
      applied boolean not null,
      occurred_at timestamptz not null,
      recorded_at timestamptz not null default now())`);
    this.addSql('create index payout_history_payout_idx on payout_history (payout_id, id)');
  }

  override async down(): Promise<void> {
    for (const table of [
      'payout_history',
      'payouts',
      'idempotency_keys',
      'bank_accounts',
      'wallets',
      'beneficiaries',
      'api_keys',
      'platforms',
    ]) {
      this.addSql(`drop table if exists ${table}`);
    }
  }
}
