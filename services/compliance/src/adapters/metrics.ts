import { Counter, Gauge, type Registry } from 'prom-client';

/** What matters about compliance on /metrics: decisions, gate results, hold actions and hold SLAs. */
export interface ComplianceMetrics {
  readonly decisions: Counter<'decision' | 'market' | 'mode'>;
  readonly gateResults: Counter<'gate' | 'result' | 'code'>;
  readonly holdActions: Counter<'action' | 'outcome'>;
  readonly holdsOpen: Gauge;
  readonly holdsSlaBreached: Gauge;
  readonly slaBreaches: Counter;
}

export function complianceMetrics(registry: Registry): ComplianceMetrics {
  const registers = [registry];
  return {
    decisions: new Counter({
      name: 'compliance_decisions_total',
      help: 'Compliance decisions published, by decision, market and mode',
      labelNames: ['decision', 'market', 'mode'] as const,
      registers,
    }),
    gateResults: new Counter({
      name: 'compliance_gate_results_total',
      help: 'Gate runs by gate, result and reason code (codes are a bounded set)',
      labelNames: ['gate', 'result', 'code'] as const,
      registers,
    }),
    holdActions: new Counter({
      name: 'compliance_hold_actions_total',
      help: 'Operator actions on holds, by action and outcome (refusals included)',
      labelNames: ['action', 'outcome'] as const,
      registers,
    }),
    holdsOpen: new Gauge({ name: 'compliance_holds_open', help: 'Holds currently open', registers }),
    holdsSlaBreached: new Gauge({
      name: 'compliance_holds_sla_breached',
      help: 'Open holds past their SLA deadline',
      registers,
    }),
    slaBreaches: new Counter({
      name: 'compliance_hold_sla_breaches_total',
      help: 'Holds that passed their SLA deadline while open',
      registers,
    }),
  };
}
