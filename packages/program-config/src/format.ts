import type { ReadinessReport } from './readiness.ts';
import type { ReadinessItem } from './readiness-item.ts';

/**
 * Renders a readiness report as plain text lines for `sluice readiness`: one header per program and market, then
 * every item as PASS/FAIL with what is missing. No colours: the output goes to terminals, logs and tickets alike.
 */
export function formatReadiness(report: ReadinessReport): string[] {
  const lines = [
    `program ${report.programId} version ${report.version} (custody ${report.custodyModel}, sha256 ${report.contentHash.slice(0, 12)})`,
    `  custody no-go conditions: ${verdict(report.custody)}`,
    ...report.custody.flatMap(formatItem),
  ];
  for (const market of report.markets) {
    const gaps = market.items.filter((i) => !i.pass).length;
    const state = market.ready ? 'READY' : `NOT READY (${gaps} of ${market.items.length} checks failing)`;
    lines.push(`  market ${market.country} mode ${market.mode}: ${state}`);
    lines.push(...market.items.flatMap(formatItem));
  }
  return lines;
}

function verdict(items: readonly ReadinessItem[]): string {
  const failing = items.filter((i) => !i.pass).length;
  return failing === 0 ? 'clear' : `${failing} failing`;
}

function formatItem(item: ReadinessItem): string[] {
  const head = `    ${item.pass ? 'PASS' : 'FAIL'}  ${item.id}: ${item.title}`;
  return item.pass ? [head] : [head, `          missing: ${item.missing.join('; ')}`];
}
