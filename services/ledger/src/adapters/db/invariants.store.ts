import type { Database } from '@sluice/persistence';
import { query, text } from '@sluice/persistence';

/** One invariant's verdict, with up to {@link MAX_VIOLATIONS} examples of what breaks it. */
export interface InvariantResult {
  readonly name: 'entries_balance' | 'currency_sums_zero' | 'cached_balances_match_lines' | 'one_settlement_per_payout';
  readonly ok: boolean;
  readonly violations: readonly string[];
}

export interface InvariantReport {
  readonly ok: boolean;
  readonly checkedAt: string;
  readonly entries: number;
  readonly accounts: number;
  readonly results: readonly InvariantResult[];
}

const MAX_VIOLATIONS = 20;

/**
 * Checks the ledger's invariants in one repeatable-read, read-only snapshot, so postings committing meanwhile cannot
 * make a cached balance and its lines look different. Full scans: meant for operators, the demo and tests.
 */
export async function checkInvariants(db: Database): Promise<InvariantReport> {
  return db.transaction(async (em) => {
    // Must be the transaction's first statement: every check below then reads the same snapshot.
    await query(em, 'set transaction isolation level repeatable read read only');
    const unbalanced = await query(
      em,
      `select entry_id::text as id from journal_lines group by entry_id, currency
         having sum(case direction when 'debit' then amount_minor else -amount_minor end) <> 0
         union
         select e.id::text from journal_entries e left join journal_lines l on l.entry_id = e.id
         group by e.id having count(l.entry_id) < 2
         limit ${MAX_VIOLATIONS}`,
    );
    const currencySums = await query(
      em,
      `select currency, sum(case direction when 'debit' then amount_minor else -amount_minor end)::text as net
         from journal_lines group by currency
         having sum(case direction when 'debit' then amount_minor else -amount_minor end) <> 0`,
    );
    const stale = await query(
      em,
      `select a.id::text as id, a.debits_minor::text as cached_debits, coalesce(s.debits, 0)::text as debits,
           a.credits_minor::text as cached_credits, coalesce(s.credits, 0)::text as credits
         from accounts a left join (
           select account_id, sum(amount_minor) filter (where direction = 'debit') as debits,
             sum(amount_minor) filter (where direction = 'credit') as credits
           from journal_lines group by account_id) s on s.account_id = a.id
         where a.debits_minor <> coalesce(s.debits, 0) or a.credits_minor <> coalesce(s.credits, 0)
         limit ${MAX_VIOLATIONS}`,
    );
    const doubleSettled = await query(
      em,
      `select payout_id, count(*)::int as settlements from journal_entries where entry_type = 'settle'
         group by payout_id having count(*) > 1 limit ${MAX_VIOLATIONS}`,
    );
    const counts = await query(
      em,
      'select (select count(*) from journal_entries)::int as entries, (select count(*) from accounts)::int as accounts',
    );
    const results: InvariantResult[] = [
      result(
        'entries_balance',
        unbalanced.map((r) => `entry ${text(r.id)} does not balance`),
      ),
      result(
        'currency_sums_zero',
        currencySums.map((r) => `${text(r.currency)} nets to ${text(r.net)}`),
      ),
      result(
        'cached_balances_match_lines',
        stale.map(
          (r) =>
            `account ${text(r.id)}: cached ${text(r.cached_debits)}/${text(r.cached_credits)}, lines ${text(r.debits)}/${text(r.credits)}`,
        ),
      ),
      result(
        'one_settlement_per_payout',
        doubleSettled.map((r) => `payout ${text(r.payout_id)} has ${Number(r.settlements)} settlements`),
      ),
    ];
    return {
      ok: results.every((r) => r.ok),
      checkedAt: new Date().toISOString(),
      entries: Number(counts[0]?.entries ?? 0),
      accounts: Number(counts[0]?.accounts ?? 0),
      results,
    };
  });
}

const result = (name: InvariantResult['name'], violations: string[]): InvariantResult => ({
  name,
  ok: violations.length === 0,
  violations,
});
