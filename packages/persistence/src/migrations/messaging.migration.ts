import { Migration } from '@mikro-orm/migrations';

/**
 * The tables every service shares for messaging guarantees: the inbox makes consumers idempotent by event id, the
 * outbox makes publication atomic with the state change. Both live in the service's own database.
 */
export class MessagingTablesMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table if not exists inbox (
        event_id uuid primary key,
        topic text not null,
        partition int not null,
        "offset" bigint not null,
        event_type text not null,
        processed_at timestamptz not null default now()
      )`);
    this.addSql(`
      create table if not exists outbox (
        id bigserial primary key,
        event_id uuid not null unique,
        topic text not null,
        message_key text not null,
        payload bytea not null,
        headers jsonb not null default '{}'::jsonb,
        payout_id text,
        correlation_id text not null,
        created_at timestamptz not null default now(),
        sent_at timestamptz,
        publish_attempts int not null default 0,
        last_error text
      )`);
    // The relay only ever scans unsent rows; a partial index keeps that scan small however large the table grows.
    this.addSql('create index if not exists outbox_unsent_idx on outbox (id) where sent_at is null');
    // Nudges the relay the moment a row commits (NOTIFY is delivered on commit), so publishing needs no busy polling.
    this.addSql(`
      create or replace function outbox_notify() returns trigger language plpgsql as $$
      begin perform pg_notify('outbox_rows', ''); return null; end $$`);
    this.addSql('drop trigger if exists outbox_notify_trg on outbox');
    this.addSql(
      'create trigger outbox_notify_trg after insert on outbox for each statement execute function outbox_notify()',
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists outbox');
    this.addSql('drop table if exists inbox');
    this.addSql('drop function if exists outbox_notify');
  }
}
