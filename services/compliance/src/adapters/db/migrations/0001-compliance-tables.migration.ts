import { Migration } from '@sluice/persistence';

/** Compliance's tables: screened payouts, gate runs, holds and approvals, beneficiaries' KYC and tax, operators, audit. */
export class ComplianceTablesMigration extends Migration {
  override async up(): Promise<void> {
    // One row per payout: the primary key is what makes a re-sent accepted event (new event id) a no-op.
    this.addSql(`create table screenings (
      payout_id text primary key,
      event_id text not null,
      correlation_id text not null,
      beneficiary_id text not null,
      program_id text not null,
      market text not null,
      corridor text not null,
      amount_minor bigint not null check (amount_minor > 0),
      currency text not null,
      destination_type text not null,
      destination text not null,
      network text,
      decision text not null check (decision in ('screening', 'approved', 'held', 'denied', 'released')),
      mode text not null check (mode in ('read_only', 'live')),
      config_version text not null,
      day date not null,
      decided_at timestamptz not null)`);
    this.addSql(`create table gate_runs (
      id bigserial primary key,
      payout_id text not null references screenings (payout_id),
      hold_id uuid,
      trigger text not null check (trigger in ('accepted', 'reevaluation')),
      gate text not null,
      rule text not null,
      rule_version text not null,
      input_hash text not null check (input_hash ~ '^[0-9a-f]{64}$'),
      result text not null check (result in ('allow', 'hold', 'deny')),
      code text,
      owner text not null,
      evidence jsonb not null default '[]',
      config_version text not null,
      checked_at timestamptz not null,
      check ((result = 'allow') = (code is null)))`);
    this.addSql('create index gate_runs_payout_idx on gate_runs (payout_id, id)');
    this.addSql(`create table holds (
      id uuid primary key,
      payout_id text not null unique references screenings (payout_id),
      correlation_id text not null,
      beneficiary_id text not null,
      program_id text not null,
      market text not null,
      corridor text not null,
      mode text not null,
      config_version text not null,
      amount_minor bigint not null,
      currency text not null,
      status text not null check (status in ('open', 'released', 'denied')),
      reasons jsonb not null,
      evidence_refs jsonb not null,
      owner text not null,
      escalation_owner text not null,
      sla_deadline timestamptz not null,
      unblock_path text not null,
      required_approvals smallint not null check (required_approvals in (1, 2)),
      created_at timestamptz not null,
      cleared_at timestamptz,
      sla_breached_at timestamptz,
      resolved_at timestamptz,
      resolved_by text[] not null default '{}',
      resolution_note text,
      check ((status = 'open') = (resolved_at is null)))`);
    this.addSql('create index holds_status_idx on holds (status, id desc)');
    this.addSql(`create index holds_open_beneficiary_idx on holds (beneficiary_id) where status = 'open'`);
    // The primary key refuses a second approval by the same person at the database too (4-eyes is two people).
    this.addSql(`create table hold_approvals (
      hold_id uuid not null references holds (id),
      operator_id text not null,
      note text not null check (length(btrim(note)) > 0),
      evidence_refs jsonb not null,
      approved_at timestamptz not null,
      primary key (hold_id, operator_id))`);
    this.addSql(`create table beneficiary_kyc (
      beneficiary_id text primary key,
      status text not null check (status in ('unknown', 'pending', 'verified', 'rejected', 'expired')),
      legal_name text,
      country text,
      expires_at timestamptz,
      evidence_ref text not null,
      updated_by text not null,
      updated_at timestamptz not null)`);
    this.addSql(`create table tax_artifacts (
      id uuid primary key,
      beneficiary_id text not null,
      type text not null,
      status text not null check (status in ('present', 'missing', 'expired', 'under_review')),
      expires_at timestamptz,
      masked_identifier text check (masked_identifier is null or masked_identifier like '…%'),
      evidence_ref text not null,
      recorded_by text not null,
      recorded_at timestamptz not null,
      unique (beneficiary_id, type))`);
    this.addSql(`create table velocity (
      scope text not null,
      day date not null,
      currency text not null,
      total_minor bigint not null check (total_minor >= 0),
      primary key (scope, day, currency))`);
    this.addSql(`create table operators (
      id text primary key,
      name text not null,
      role text not null check (role in ('viewer', 'operator', 'approver', 'admin')),
      key_id text not null unique,
      secret_sha256 bytea not null check (length(secret_sha256) = 32),
      disabled boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now())`);
    // Append-only by convention and by privilege: nothing in the service updates or deletes audit rows.
    this.addSql(`create table audit_log (
      id bigserial primary key,
      at timestamptz not null,
      actor text not null,
      action text not null,
      subject_type text not null,
      subject_id text not null,
      detail jsonb not null)`);
    this.addSql('create index audit_subject_idx on audit_log (subject_type, subject_id, id)');
    this.addSql(`create table program_versions (
      program_id text not null,
      content_hash text not null check (content_hash ~ '^[0-9a-f]{64}$'),
      version text not null,
      file text not null,
      first_loaded_at timestamptz not null,
      primary key (program_id, content_hash))`);
  }
}
