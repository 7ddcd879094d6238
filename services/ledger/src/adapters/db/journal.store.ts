import type { EntityManager, Row, RunSql } from '@sluice/persistence';
import { bigint, date, placeholders, query, text } from '@sluice/persistence';
import type { JournalStore, NewEntry } from '../../app/ports.ts';
import type { AccountRole, Direction } from '../../domain/account.ts';
import type { RoleLine } from '../../domain/journal-entry.ts';
import type { PayoutPostings, PostedEntryRef } from '../../domain/payout-postings.ts';

const PAYOUT_ENTRY_TYPES = ['reserve', 'settle', 'void', 'reversal'] as const;

/** The journal within one transaction: append-only writes; balances follow at commit (see the migration). */
export function journalStore(em: EntityManager): JournalStore {
  const payoutPostingsMany: JournalStore['payoutPostingsMany'] = async (payoutIds) => {
    const ids = [...new Set(payoutIds)];
    const rows =
      ids.length === 0
        ? []
        : await query(
            em,
            `select e.payout_id, e.id, e.entry_type, l.direction, l.amount_minor, a.role
             from journal_entries e join journal_lines l on l.entry_id = e.id join accounts a on a.id = l.account_id
             where e.payout_id in (${placeholders(ids.length, 1)})
               and e.entry_type in ('reserve', 'settle', 'void', 'reversal')
             order by e.id, l.line_no`,
            ids,
          );
    const rowsOf = new Map<string, Row[]>(ids.map((id) => [id, []]));
    for (const row of rows) rowsOf.get(text(row.payout_id))?.push(row);
    return new Map([...rowsOf].map(([id, payoutRows]) => [id, toPayoutPostings(payoutRows)]));
  };

  return {
    async payoutPostings(payoutId) {
      // payoutPostingsMany answers every id it was asked about.
      return (await payoutPostingsMany([payoutId])).get(payoutId)!;
    },

    payoutPostingsMany,

    // No conflict target: a second entry for the same cause and a second reserve/settle/void/reversal of a payout (a
    // concurrent twin of this posting) are both "exists", never an error that would dead-letter the event.
    // One statement: the entry (skipped when it exists), its lines (only if the entry was inserted), and the marker
    // that makes the commit update the cached balances of every account this transaction touched (see migration).
    async insert(entry) {
      const inserted = await query(
        em,
        `with e as (
           insert into journal_entries (id, entry_type, cause_event_id, payout_id, provider_reference, program_id,
             reverses_entry_id, effective_date, description, correlation_id, posted_by)
           values (?, ?, ?, ?, ?, ?, ?, ?::date, ?, ?, ?)
           on conflict do nothing returning id, posted_at),
         l as (
           insert into journal_lines (entry_id, line_no, account_id, direction, amount_minor, currency, posted_at)
           select e.id, v.line_no, v.account_id, v.direction, v.amount_minor, v.currency, e.posted_at
           from e cross join (values ${placeholders(entry.lines.length, 5, ['::smallint', '::uuid', '', '::bigint', ''])})
             as v (line_no, account_id, direction, amount_minor, currency)),
         f as (insert into balance_flushes (tx_id) select pg_current_xact_id() from e on conflict do nothing)
         select posted_at from e`,
        [
          ...entryParams(entry),
          ...entry.lines.flatMap((line, lineNo) => [
            lineNo,
            line.accountId,
            line.direction,
            line.amountMinor.toString(),
            line.currency,
          ]),
        ],
      );
      return inserted[0] ? date(inserted[0].posted_at) : undefined;
    },

    async findByCause(causeEventId) {
      const rows = await query(em, 'select id from journal_entries where cause_event_id = ?', [causeEventId]);
      return rows[0] ? text(rows[0].id) : undefined;
    },
  };
}

/**
 * Inserts entries and their lines in one statement, each entry skipped when it exists (same cause, or the payout's
 * entry of that type), with the commit marker; returns how many were inserted. The chunked consumer's write path.
 */
export async function insertEntries(run: RunSql, entries: readonly NewEntry[]): Promise<number> {
  if (entries.length === 0) return 0;
  const lines = entries.flatMap((entry) => entry.lines.map((line, lineNo) => ({ entryId: entry.id, lineNo, line })));
  const column = <T>(pick: (entry: NewEntry) => T) => entries.map(pick);
  const [row] = await run(
    `with e as (
       insert into journal_entries (id, entry_type, cause_event_id, payout_id, provider_reference, program_id,
         reverses_entry_id, effective_date, description, correlation_id, posted_by)
       select * from unnest(?::uuid[], ?::text[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::uuid[], ?::date[],
         ?::text[], ?::text[], ?::text[])
       on conflict do nothing returning id, posted_at),
     l as (
       insert into journal_lines (entry_id, line_no, account_id, direction, amount_minor, currency, posted_at)
       select v.entry_id, v.line_no, v.account_id, v.direction, v.amount_minor, v.currency, e.posted_at
       from unnest(?::uuid[], ?::smallint[], ?::uuid[], ?::text[], ?::bigint[], ?::text[])
         as v (entry_id, line_no, account_id, direction, amount_minor, currency)
       join e on e.id = v.entry_id),
     f as (insert into balance_flushes (tx_id) select pg_current_xact_id() where exists (select 1 from e)
       on conflict do nothing)
     select count(*)::int as n from e`,
    [
      column((e) => e.id),
      column((e) => e.entryType),
      column((e) => e.causeEventId),
      column((e) => e.payoutId),
      column((e) => e.providerReference),
      column((e) => e.programId),
      column((e) => e.reversesEntryId),
      column((e) => e.effectiveDate),
      column((e) => e.description),
      column((e) => e.correlationId),
      column((e) => e.postedBy),
      lines.map((l) => l.entryId),
      lines.map((l) => l.lineNo),
      lines.map((l) => l.line.accountId),
      lines.map((l) => l.line.direction),
      lines.map((l) => l.line.amountMinor),
      lines.map((l) => l.line.currency),
    ],
  );
  return Number(row?.n ?? 0);
}

/** One payout's entry rows (ordered by entry, then line) as the posting rules see them. */
function toPayoutPostings(rows: readonly Row[]): PayoutPostings {
  const byType = new Map<string, { entryId: string; lines: RoleLine[] }>();
  for (const row of rows) {
    const type = text(row.entry_type);
    const entry = byType.get(type) ?? { entryId: text(row.id), lines: [] };
    entry.lines.push({
      role: text(row.role) as AccountRole,
      direction: text(row.direction) as Direction,
      amountMinor: bigint(row.amount_minor),
    });
    byType.set(type, entry);
  }
  const postings: Partial<Record<(typeof PAYOUT_ENTRY_TYPES)[number], PostedEntryRef>> = {};
  for (const type of PAYOUT_ENTRY_TYPES) {
    const entry = byType.get(type);
    if (entry) postings[type] = entry;
  }
  return postings as PayoutPostings;
}

function entryParams(entry: NewEntry): unknown[] {
  return [
    entry.id,
    entry.entryType,
    entry.causeEventId,
    entry.payoutId,
    entry.providerReference,
    entry.programId,
    entry.reversesEntryId,
    entry.effectiveDate,
    entry.description,
    entry.correlationId,
    entry.postedBy,
  ];
}
