import { stringify } from 'csv-stringify/sync';
import type { Express, Response } from 'express';
import { z } from 'zod';
import type { LedgerReader, PostedEntry } from '../../app/ports.ts';
import { requirePermission } from './auth.middleware.ts';
import type { LedgerHttpDeps } from './deps.ts';
import { isoDate, parse } from './params.ts';
import { entryResource } from './resources.ts';

/** Longest range one export may cover; a year is what a finance team closes at most. */
const MAX_EXPORT_DAYS = 366;
const PAGE = 500;
const DAY_MS = 86_400_000;

const exportQuery = z
  .object({ from: isoDate, to: isoDate, format: z.enum(['csv', 'json']).default('csv') })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] })
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / DAY_MS < MAX_EXPORT_DAYS, {
    message: `the range may span at most ${MAX_EXPORT_DAYS} days`,
    path: ['to'],
  });

export const CSV_COLUMNS = [
  'entry_id',
  'entry_type',
  'effective_date',
  'posted_at',
  'payout_id',
  'provider_reference',
  'cause_event_id',
  'reverses_entry_id',
  'program_id',
  'description',
  'line_no',
  'account_id',
  'account_external_code',
  'account_type',
  'direction',
  'amount_minor',
  'currency',
] as const;

/** Spreadsheets run a cell starting with = + - @ as a formula: free text is quoted with a leading apostrophe. */
const cell = (value: string | null): string => (value && /^[=+\-@\t\r]/.test(value) ? `'${value}` : (value ?? ''));

function csvRows(entries: readonly PostedEntry[]): string[][] {
  return entries.flatMap((entry) => {
    const e = entryResource(entry);
    return e.lines.map((line) => [
      e.id,
      e.entry_type,
      e.effective_date,
      e.posted_at,
      cell(e.payout_id),
      cell(e.provider_reference),
      e.cause_event_id,
      e.reverses_entry_id ?? '',
      e.program_id ?? '',
      cell(e.description),
      String(line.line_no),
      line.account_id,
      line.account_external_code,
      line.account_type,
      line.direction,
      line.amount_minor,
      line.currency,
    ]);
  });
}

/** Pages through the range in effective-date order; memory stays at one page whatever the range holds. */
async function* pages(reader: LedgerReader, from: string, to: string): AsyncGenerator<PostedEntry[]> {
  let after: { effectiveDate: string; id: string } | undefined;
  for (;;) {
    const page = await reader.entries({ fromDate: from, toDate: to, after, limit: PAGE });
    if (page.length > 0) yield page;
    if (page.length < PAGE) return;
    const last = page.at(-1)!;
    after = { effectiveDate: last.effectiveDate, id: last.id };
  }
}

async function write(res: Response, chunk: string): Promise<void> {
  // Respect backpressure: a slow client must not make the whole range pile up in memory.
  if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
}

/** Journal export by effective-date range: CSV (one row per line) or JSON (entries with their lines), streamed. */
export function journalExportRoutes(app: Express, deps: LedgerHttpDeps): void {
  app.get('/v1/journal/export', requirePermission('read'), async (req, res) => {
    const q = parse(exportQuery, req.query);
    const filename = `journal_${q.from}_${q.to}.${q.format}`;
    res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    if (q.format === 'csv') {
      res.type('text/csv; charset=utf-8');
      await write(res, stringify([[...CSV_COLUMNS]]));
      for await (const page of pages(deps.reader, q.from, q.to)) await write(res, stringify(csvRows(page)));
    } else {
      res.type('application/json');
      await write(res, `{"from":"${q.from}","to":"${q.to}","entries":[`);
      let first = true;
      for await (const page of pages(deps.reader, q.from, q.to)) {
        const body = page.map((entry) => JSON.stringify(entryResource(entry))).join(',');
        await write(res, `${first ? '' : ','}${body}`);
        first = false;
      }
      await write(res, ']}');
    }
    res.end();
  });
}
