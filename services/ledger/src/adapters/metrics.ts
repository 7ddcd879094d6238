import { Counter, Gauge, type Registry } from 'prom-client';

/** What an operator watches on the ledger: entries posted by type, events that posted nothing and why, invariants. */
export interface LedgerMetrics {
  readonly entriesPosted: Counter<'entry_type'>;
  readonly postingsSkipped: Counter<'reason'>;
  readonly invariantViolations: Gauge<'invariant'>;
}

export function ledgerMetrics(registry: Registry): LedgerMetrics {
  return {
    entriesPosted: new Counter({
      name: 'ledger_entries_posted_total',
      help: 'Journal entries posted, by entry type',
      labelNames: ['entry_type'] as const,
      registers: [registry],
    }),
    postingsSkipped: new Counter({
      name: 'ledger_postings_skipped_total',
      help: 'Lifecycle events that posted nothing, by reason (shadow, conflict, no_rule, already_settled, ...)',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    invariantViolations: new Gauge({
      name: 'ledger_invariant_violations',
      help: 'Violations found by the last invariants check, by invariant (0 = holds)',
      labelNames: ['invariant'] as const,
      registers: [registry],
    }),
  };
}
