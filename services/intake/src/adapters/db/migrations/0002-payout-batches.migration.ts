import { Migration } from '@sluice/persistence';

/** Payout batches and their items; listing payouts by platform reference or idempotency key. */
export class PayoutBatchesMigration extends Migration {
  override async up(): Promise<void> {
    // The batch is the record `GET /v1/payout-batches/:id` reads, so its key stays bound for as long as it is kept
    // (unlike item keys, which expire with idempotency_keys). 10,000 = BATCH_MAX_ITEMS.
    this.addSql(`create table payout_batches (
      id uuid primary key,
      platform_id text not null references platforms (id),
      idempotency_key text not null check (length(idempotency_key) between 1 and 255),
      request_hash text not null,
      item_count int not null check (item_count between 1 and 10000),
      admitted_count int not null check (admitted_count >= 0),
      refused_count int not null check (refused_count >= 0),
      created_at timestamptz not null,
      unique (platform_id, idempotency_key),
      check (admitted_count + refused_count in (0, item_count)))`);
    // One row per item, refused ones included, so the batch answers for every index it was sent.
    this.addSql(`create table payout_batch_items (
      batch_id uuid not null references payout_batches (id),
      item_index int not null check (item_index between 0 and 9999),
      idempotency_key text,
      outcome text not null check (outcome in ('created', 'existing', 'refused')),
      payout_id uuid references payouts (id),
      errors jsonb not null,
      primary key (batch_id, item_index),
      check ((outcome = 'refused') = (payout_id is null)))`);
    // Platforms following requests they published on payouts.requested.v1 look them up by these.
    this.addSql('create index payouts_platform_reference_idx on payouts (platform_id, platform_reference, id desc)');
    this.addSql('create index payouts_request_idx on payouts (platform_id, request_id, id desc)');
  }

  override async down(): Promise<void> {
    this.addSql('drop index if exists payouts_request_idx');
    this.addSql('drop index if exists payouts_platform_reference_idx');
    this.addSql('drop table if exists payout_batch_items');
    this.addSql('drop table if exists payout_batches');
  }
}
