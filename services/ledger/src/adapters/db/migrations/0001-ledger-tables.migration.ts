import { Migration } from '@sluice/persistence';

/**
 * The ledger's tables. The database enforces what must never be wrong even if the code is: lines are positive and in
 * their account's currency, every entry balances per currency (deferred trigger, checked at commit), posted entries
 * and lines never change, one entry per causing event, and at most one entry of each lifecycle type per payout.
 */
export class LedgerTablesMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table accounts (
      id uuid primary key,
      role text not null check (role in ('provider_funding', 'beneficiary_payable', 'payouts_in_flight', 'provider_fees', 'suspense')),
      type text not null check (type in ('asset', 'liability', 'expense', 'clearing', 'suspense')),
      program_id text not null,
      provider text not null,
      currency text not null,
      external_code text not null,
      name text not null,
      debits_minor bigint not null default 0 check (debits_minor >= 0),
      credits_minor bigint not null default 0 check (credits_minor >= 0),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (program_id, provider, currency, role),
      unique (id, currency))`);
    this.addSql(`create table journal_entries (
      id uuid primary key,
      entry_type text not null check (entry_type in ('reserve', 'settle', 'void', 'reversal', 'funding', 'adjustment')),
      cause_event_id uuid not null unique,
      payout_id text,
      provider_reference text,
      program_id text,
      reverses_entry_id uuid references journal_entries (id),
      effective_date date not null,
      description text,
      correlation_id text not null,
      posted_by text not null,
      posted_at timestamptz not null default now(),
      tx_id xid8 not null default pg_current_xact_id())`);
    // "No payout has two settlements" (nor two reserves, voids or reversals) holds even against a buggy caller.
    this.addSql(`create unique index journal_entries_payout_type_idx on journal_entries (payout_id, entry_type)
      where payout_id is not null and entry_type in ('reserve', 'settle', 'void', 'reversal')`);
    this.addSql(`create index journal_entries_provider_ref_idx on journal_entries (provider_reference)
      where provider_reference is not null`);
    this.addSql('create index journal_entries_effective_idx on journal_entries (effective_date, id)');
    // The commit-time balance update finds the transaction's entries by transaction id.
    this.addSql('create index journal_entries_tx_idx on journal_entries (tx_id)');
    this.addSql(`create table journal_lines (
      entry_id uuid not null references journal_entries (id),
      line_no smallint not null check (line_no >= 0),
      account_id uuid not null,
      direction text not null check (direction in ('debit', 'credit')),
      amount_minor bigint not null check (amount_minor > 0),
      currency text not null,
      posted_at timestamptz not null,
      primary key (entry_id, line_no),
      foreign key (account_id, currency) references accounts (id, currency))`);
    // as_of balances sum one account's lines up to an instant.
    this.addSql(
      'create index journal_lines_account_idx on journal_lines (account_id, posted_at) include (direction, amount_minor)',
    );
    this.addSql(`create function ledger_entry_balanced() returns trigger language plpgsql as $$
      declare line_count int; bad_currency text;
      begin
        select sum(lines)::int, min(currency) filter (where net <> 0) into line_count, bad_currency
        from (select currency, count(*) as lines,
                sum(case direction when 'debit' then amount_minor else -amount_minor end) as net
              from journal_lines where entry_id = new.id group by currency) per_currency;
        if coalesce(line_count, 0) < 2 then
          raise exception 'journal entry % has % line(s); at least 2 are required', new.id, coalesce(line_count, 0)
            using errcode = '23514';
        end if;
        if bad_currency is not null then
          raise exception 'journal entry % does not balance in %', new.id, bad_currency using errcode = '23514';
        end if;
        return null;
      end $$`);
    // Deferred: the entry row is inserted before its lines, so the check must wait until the transaction commits.
    this.addSql(`create constraint trigger journal_entries_balanced after insert on journal_entries
      deferrable initially deferred for each row execute function ledger_entry_balanced()`);
    this.addSql(`create function ledger_refuse_change() returns trigger language plpgsql as $$
      begin
        raise exception 'posted ledger rows are immutable: % on % refused; post a correcting entry', tg_op, tg_table_name
          using errcode = '55000';
      end $$`);
    for (const table of ['journal_entries', 'journal_lines']) {
      this.addSql(`create trigger ${table}_immutable before update or delete on ${table}
        for each row execute function ledger_refuse_change()`);
      this.addSql(`create trigger ${table}_no_truncate before truncate on ${table}
        for each statement execute function ledger_refuse_change()`);
    }
    // Adding lines to an entry posted earlier would change it just as an update would.
    this.addSql(`create function ledger_lines_with_their_entry() returns trigger language plpgsql as $$
      begin
        if exists (select 1 from inserted i join journal_entries e on e.id = i.entry_id
                   where e.tx_id <> pg_current_xact_id()) then
          raise exception 'lines can only be added in the transaction that posts their entry' using errcode = '55000';
        end if;
        return null;
      end $$`);
    this.addSql(`create trigger journal_lines_with_their_entry after insert on journal_lines
      referencing new table as inserted for each statement execute function ledger_lines_with_their_entry()`);
    this.applyBalancesAtCommit();
    this.addSql(`create table operators (
      id text primary key,
      name text not null,
      roles text[] not null check (roles <@ array['viewer', 'operator', 'approver']::text[] and cardinality(roles) > 0),
      created_at timestamptz not null default now())`);
    this.addSql(`create table operator_keys (
      key_id text primary key,
      operator_id text not null references operators (id),
      secret_sha256 bytea not null check (length(secret_sha256) = 32),
      created_at timestamptz not null default now(),
      revoked_at timestamptz)`);
    this.addSql(`create table posting_requests (
      id uuid primary key,
      kind text not null check (kind in ('funding', 'adjustment')),
      status text not null check (status in ('pending_approval', 'posted', 'rejected')),
      reason text not null,
      requested_by text not null references operators (id),
      idempotency_key text,
      request_hash text not null,
      body jsonb not null,
      approvals_required smallint not null check (approvals_required >= 0),
      entry_id uuid references journal_entries (id),
      rejected_by text references operators (id),
      rejection_reason text,
      created_at timestamptz not null default now(),
      decided_at timestamptz,
      unique (requested_by, idempotency_key),
      check ((status = 'posted') = (entry_id is not null)))`);
    this.addSql(`create table posting_approvals (
      request_id uuid not null references posting_requests (id),
      operator_id text not null references operators (id),
      approved_at timestamptz not null default now(),
      primary key (request_id, operator_id))`);
    this.addSql('create index posting_requests_status_idx on posting_requests (status, created_at)');
  }

  /**
   * Cached balances are updated inside the posting transaction, at its commit, once: a posting inserts its entry and
   * a marker row for its transaction; the marker's deferred trigger adds up every line the transaction posted and
   * updates the touched accounts in one statement that locks them in ascending id order first. Every transaction
   * therefore takes account locks exactly once and in one global order, so concurrent postings can queue on hot
   * accounts but never deadlock, however many entries (in whatever order) one transaction posts; and the locks are
   * held only for the commit itself. (So a ledger transaction must never SET CONSTRAINTS ... IMMEDIATE.)
   */
  private applyBalancesAtCommit(): void {
    this.addSql('create table balance_flushes (tx_id xid8 primary key)');
    this.addSql(`create function ledger_apply_balances() returns trigger language plpgsql as $$
      begin
        with deltas as (
          select l.account_id,
            coalesce(sum(l.amount_minor) filter (where l.direction = 'debit'), 0) as debits,
            coalesce(sum(l.amount_minor) filter (where l.direction = 'credit'), 0) as credits
          from journal_entries e join journal_lines l on l.entry_id = e.id
          where e.tx_id = new.tx_id group by l.account_id),
        locked as materialized (
          select a.id from accounts a where a.id in (select account_id from deltas) order by a.id for no key update)
        update accounts a set debits_minor = a.debits_minor + d.debits, credits_minor = a.credits_minor + d.credits,
          updated_at = now()
        from deltas d where a.id = d.account_id and a.id in (select id from locked);
        delete from balance_flushes where tx_id = new.tx_id;
        return null;
      end $$`);
    this.addSql(`create constraint trigger balance_flushes_apply after insert on balance_flushes
      deferrable initially deferred for each row execute function ledger_apply_balances()`);
  }
}
