import { Migration } from '@sluice/persistence';

/** The archive of verified callbacks (raw bytes and verdict, deduplicated per provider event) and the rejection log. */
export class WebhookTablesMigration extends Migration {
  override async up(): Promise<void> {
    // The unique (provider, provider_event_id) is the dedupe: concurrent deliveries of one event serialize on it and
    // exactly one inserts (and emits). The raw body is bytea: what the signature covered, byte for byte.
    this.addSql(`create table webhook_callbacks (
      id uuid primary key,
      provider text not null,
      provider_event_id text not null check (length(provider_event_id) between 1 and 255),
      event_type text not null,
      outcome text not null check (outcome in ('forwarded', 'ignored')),
      provider_reference text,
      client_reference text,
      payout_id uuid,
      provider_status text,
      scheme text not null,
      key_id text not null,
      verdict text not null check (verdict = 'valid'),
      needs_confirmation boolean not null,
      signed_at timestamptz,
      headers jsonb not null,
      raw_body bytea not null,
      raw_body_sha256 text not null check (raw_body_sha256 ~ '^[0-9a-f]{64}$'),
      source_address text,
      received_at timestamptz not null,
      event_id uuid,
      duplicate_count int not null default 0,
      mismatched_duplicate_count int not null default 0,
      last_duplicate_at timestamptz,
      unique (provider, provider_event_id),
      check ((outcome = 'forwarded') = (event_id is not null)))`);
    this.addSql(
      'create index webhook_callbacks_payout_idx on webhook_callbacks (payout_id, received_at) where payout_id is not null',
    );
    this.addSql(
      'create index webhook_callbacks_reference_idx on webhook_callbacks (provider, provider_reference, received_at)',
    );
    // Rejections come from anyone who can reach the endpoint: no raw body unless the signature was valid (then it is
    // the provider's own words and worth keeping), bounded headers, and a retention purge on received_at. An oversized
    // body is refused unread, so it has a declared size and no hash.
    this.addSql(`create table webhook_rejections (
      id uuid primary key,
      provider text not null,
      reason text not null,
      verdict text not null,
      scheme text,
      key_id text,
      detail text not null,
      headers jsonb not null,
      body_bytes int not null,
      raw_body_sha256 text check (raw_body_sha256 ~ '^[0-9a-f]{64}$'),
      raw_body bytea,
      source_address text,
      received_at timestamptz not null,
      check (raw_body is null or verdict = 'valid'),
      check ((raw_body_sha256 is null) = (reason = 'body_too_large')))`);
    this.addSql('create index webhook_rejections_received_idx on webhook_rejections (received_at)');
    this.addSql('create index webhook_rejections_provider_idx on webhook_rejections (provider, received_at desc)');
  }
}
