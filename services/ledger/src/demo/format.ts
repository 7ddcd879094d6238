import { formatMinor, getCurrency } from '@sluice/money';
import type { InvariantReport } from '../adapters/db/invariants.store.ts';
import type { BalanceView } from '../domain/balance.ts';
import type { ErpEntry } from './posted-ledger-reader.ts';

const amount = (minor: bigint, currency: string) =>
  getCurrency(currency) ? formatMinor(minor, currency) : minor.toString();

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const render = (row: readonly string[]) =>
    row.map((value, i) => (i >= header.length - 3 ? value.padStart(widths[i]!) : value.padEnd(widths[i]!))).join('  ');
  return [render(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(render)].join('\n');
}

/** Balances as a text table, in major units, posted / pending / available. */
export function formatBalances(views: readonly BalanceView[]): string {
  return table(
    ['external code', 'role', 'currency', 'posted', 'pending', 'available'],
    views.map((v) => [
      v.externalCode,
      v.role,
      v.currency,
      amount(v.postedMinor, v.currency),
      amount(v.pendingMinor, v.currency),
      amount(v.availableMinor, v.currency),
    ]),
  );
}

/** One line per invariant: ✔ or ✘ with the first violations. */
export function formatInvariants(report: InvariantReport): string {
  const lines = report.results.map(
    (r) => `${r.ok ? 'ok  ' : 'FAIL'} ${r.name}${r.ok ? '' : `: ${r.violations.slice(0, 3).join('; ')}`}`,
  );
  return [`ledger invariants (${report.entries} entries, ${report.accounts} accounts):`, ...lines].join('\n');
}

/** Posted-ledger entries as an ERP sees them: header line, then one line per posting line. */
export function formatErpEntries(entries: readonly ErpEntry[]): string {
  return entries
    .map((e) => {
      const head = `${e.effective_date} ${e.entry_type.padEnd(10)} ${e.entry_id} payout=${e.payout_id ?? '-'} ref=${e.provider_reference ?? '-'}`;
      const lines = e.lines.map(
        (l) =>
          `    ${l.direction === 'debit' ? 'Dr' : '   Cr'} ${l.account_external_code.padEnd(44)} ${amount(l.amount_minor, l.currency).padStart(16)} ${l.currency}`,
      );
      return [head, ...lines].join('\n');
    })
    .join('\n');
}
