import type { Database } from '@sluice/persistence';
import { bigint, date, placeholders, query, type Row, text, textOrNull } from '@sluice/persistence';
import type { AccountFilter, EntryFilter, LedgerReader, PostedEntry, PostedLine } from '../../app/ports.ts';
import type { AccountRole, AccountType, Direction } from '../../domain/account.ts';
import type { AccountTotals } from '../../domain/balance.ts';
import type { EntryType } from '../../domain/journal-entry.ts';

function accountWhere(filter: AccountFilter, alias: string): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (column: string, value: string | undefined) => {
    if (value === undefined) return;
    clauses.push(`${alias}.${column} = ?`);
    params.push(value);
  };
  add('program_id', filter.programId);
  add('provider', filter.provider);
  add('currency', filter.currency);
  add('id', filter.accountId);
  return { sql: clauses.length > 0 ? `where ${clauses.join(' and ')}` : '', params };
}

const toTotals = (row: Row): AccountTotals => ({
  accountId: text(row.id),
  role: text(row.role) as AccountRole,
  type: text(row.type) as AccountType,
  programId: text(row.program_id),
  provider: text(row.provider),
  currency: text(row.currency),
  externalCode: text(row.external_code),
  debitsMinor: bigint(row.debits_minor),
  creditsMinor: bigint(row.credits_minor),
});

const ORDER = 'order by program_id, provider, currency, role';

function entryConditions(filter: EntryFilter): { clauses: string[]; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, ...values: unknown[]) => {
    clauses.push(clause);
    params.push(...values);
  };
  if (filter.payoutId !== undefined) add('payout_id = ?', filter.payoutId);
  if (filter.providerReference !== undefined) add('provider_reference = ?', filter.providerReference);
  if (filter.fromDate !== undefined) add('effective_date >= ?::date', filter.fromDate);
  if (filter.toDate !== undefined) add('effective_date <= ?::date', filter.toDate);
  if (filter.after) add('(effective_date, id) > (?::date, ?::uuid)', filter.after.effectiveDate, filter.after.id);
  return { clauses, params };
}

/** Read-side queries on a fresh fork per call (no identity map is kept between requests). */
export function ledgerReader(db: Database): LedgerReader {
  return {
    async totals(filter, asOf) {
      const where = accountWhere(filter, 'a');
      if (!asOf) {
        return (await query(db.fork(), `select a.* from accounts a ${where.sql} ${ORDER}`, where.params)).map(toTotals);
      }
      // As of an instant: the accounts that existed then, with the sum of the lines posted up to it.
      const rows = await query(
        db.fork(),
        `select a.id, a.role, a.type, a.program_id, a.provider, a.currency, a.external_code,
           coalesce(sum(l.amount_minor) filter (where l.direction = 'debit'), 0) as debits_minor,
           coalesce(sum(l.amount_minor) filter (where l.direction = 'credit'), 0) as credits_minor
         from accounts a left join journal_lines l on l.account_id = a.id and l.posted_at <= ?
         ${where.sql ? `${where.sql} and` : 'where'} a.created_at <= ?
         group by a.id ${ORDER}`,
        [asOf, ...where.params, asOf],
      );
      return rows.map(toTotals);
    },

    async entries(filter) {
      const { clauses, params } = entryConditions(filter);
      const where = clauses.length > 0 ? `where ${clauses.join(' and ')}` : '';
      const rows = await query(
        db.fork(),
        `select *, effective_date::text as effective_day from journal_entries ${where}
         order by effective_date, id limit ?`,
        [...params, filter.limit],
      );
      return withLines(db, rows);
    },

    async entry(id) {
      const rows = await query(
        db.fork(),
        'select *, effective_date::text as effective_day from journal_entries where id = ?',
        [id],
      );
      return (await withLines(db, rows))[0] ?? null;
    },
  };
}

async function withLines(db: Database, entryRows: Row[]): Promise<PostedEntry[]> {
  if (entryRows.length === 0) return [];
  const ids = entryRows.map((row) => text(row.id));
  const lineRows = await query(
    db.fork(),
    `select l.*, a.type, a.external_code from journal_lines l join accounts a on a.id = l.account_id
     where l.entry_id in (${placeholders(ids.length, 1)}) order by l.entry_id, l.line_no`,
    ids,
  );
  const lines = new Map<string, PostedLine[]>();
  for (const row of lineRows) {
    const entryId = text(row.entry_id);
    const list = lines.get(entryId) ?? [];
    list.push({
      lineNo: Number(row.line_no),
      accountId: text(row.account_id),
      direction: text(row.direction) as Direction,
      amountMinor: bigint(row.amount_minor),
      currency: text(row.currency),
      accountType: text(row.type) as AccountType,
      externalCode: text(row.external_code),
    });
    lines.set(entryId, list);
  }
  return entryRows.map((row) => ({
    id: text(row.id),
    entryType: text(row.entry_type) as EntryType,
    causeEventId: text(row.cause_event_id),
    payoutId: textOrNull(row.payout_id),
    providerReference: textOrNull(row.provider_reference),
    programId: textOrNull(row.program_id),
    reversesEntryId: textOrNull(row.reverses_entry_id),
    effectiveDate: text(row.effective_day),
    description: textOrNull(row.description),
    correlationId: text(row.correlation_id),
    causationId: null,
    postedBy: text(row.posted_by),
    postedAt: date(row.posted_at),
    lines: lines.get(text(row.id)) ?? [],
  }));
}
