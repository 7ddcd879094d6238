import { stringify } from 'csv-stringify/sync';

/** One line of the daily settlement report: a payout that completed, failed or was reversed that UTC day. */
export interface SettlementRow {
  readonly id: string;
  readonly client_reference: string;
  readonly status: 'completed' | 'failed' | 'reversed';
  readonly amount_minor: string;
  readonly settled_amount_minor: string | null;
  readonly fee_amount_minor: string | null;
  readonly currency: string;
  readonly settled_at: string;
}

/** Column order of the CSV report (the documented header line). */
export const REPORT_COLUMNS = [
  'id',
  'client_reference',
  'status',
  'amount_minor',
  'settled_amount_minor',
  'fee_amount_minor',
  'currency',
  'settled_at',
] as const satisfies readonly (keyof SettlementRow)[];

/** RFC 4180 CSV with a header line; a missing amount is an empty field. */
export function reportCsv(rows: readonly SettlementRow[]): string {
  return stringify(
    rows.map((row) => REPORT_COLUMNS.map((column) => row[column] ?? '')),
    { header: true, columns: [...REPORT_COLUMNS], record_delimiter: 'unix' },
  );
}

const DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

/** The UTC day `[start, end)` named by `YYYY-MM-DD`, or null for anything else (including 2025-02-30). */
export function reportDay(value: unknown): { start: Date; end: Date } | null {
  const match = typeof value === 'string' ? DATE.exec(value) : null;
  if (!match) return null;
  const start = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (start.toISOString().slice(0, 10) !== value) return null;
  return { start, end: new Date(start.getTime() + 24 * 60 * 60 * 1000) };
}
