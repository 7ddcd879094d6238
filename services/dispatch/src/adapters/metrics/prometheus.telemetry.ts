import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { ProviderAvailability, Telemetry } from '../../app/ports.ts';

/** Shortest interval between two counts of dispatch's payouts by status. */
const COUNT_EVERY_MS = 15_000;

/** Numeric breaker state for dashboards: 0 closed, 1 half-open, 2 open, 3 disabled (kill switch). */
const STATE_VALUE: Record<ProviderAvailability, number> = { closed: 0, half_open: 1, open: 2, disabled: 3 };

/** Dispatch's metrics. `dispatch_provider_auth_refused_total` and `dispatch_provider_state` are the alerting ones. */
export function prometheusTelemetry(
  registry: Registry,
  countByStatus: () => Promise<Record<string, number>>,
): Telemetry & { providerState(provider: string, availability: ProviderAvailability): void } {
  const registers = [registry];
  const calls = new Counter({
    name: 'dispatch_provider_calls_total',
    help: 'Provider calls by operation and failure class',
    labelNames: ['provider', 'operation', 'error_class'] as const,
    registers,
  });
  const latency = new Histogram({
    name: 'dispatch_provider_call_seconds',
    help: 'Provider call latency by operation',
    labelNames: ['provider', 'operation'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10],
    registers,
  });
  const transitions = new Counter({
    name: 'dispatch_transitions_total',
    help: 'Lifecycle transitions applied',
    labelNames: ['from', 'to'] as const,
    registers,
  });
  const conflicts = new Counter({
    name: 'dispatch_conflicts_total',
    help: 'Provider observations refused as regressions (recorded for reconciliation)',
    labelNames: ['source'] as const,
    registers,
  });
  const authRefused = new Counter({
    name: 'dispatch_provider_auth_refused_total',
    help: 'Provider refused our credentials (provider disabled until an operator re-enables it): page on any increase',
    labelNames: ['provider'] as const,
    registers,
  });
  const blocked = new Counter({
    name: 'dispatch_blocked_total',
    help: 'Approved payouts dispatch will not send without a human (unroutable corridor, amount mismatch …)',
    labelNames: ['reason'] as const,
    registers,
  });
  const shadowed = new Counter({
    name: 'dispatch_shadow_would_dispatch_total',
    help: 'Payouts of read-only markets recorded as "would dispatch"',
    registers,
  });
  const loopSteps = new Histogram({
    name: 'dispatch_loop_step_seconds',
    help: "Duration of the dispatcher loop's steps: claiming sends, claiming polls, recording a call's outcome",
    labelNames: ['step'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers,
  });
  const callsInFlight = new Gauge({
    name: 'dispatch_calls_in_flight',
    help: 'Provider calls in flight (bounded by DISPATCH_MAX_IN_FLIGHT)',
    registers,
  });
  const recordingsPending = new Gauge({
    name: 'dispatch_recordings_pending',
    help: 'Provider calls answered whose outcome is not recorded yet (at most DISPATCH_MAX_IN_FLIGHT)',
    registers,
  });
  const state = new Gauge({
    name: 'dispatch_provider_state',
    help: 'Provider availability: 0 closed, 1 half-open, 2 open, 3 disabled',
    labelNames: ['provider'] as const,
    registers,
  });
  // The count reads the whole table (≈ 110 ms at 36,000 payouts under load): at most one per COUNT_EVERY_MS however
  // often and by how many scrapers /metrics is read; in between a scrape gets the last counts.
  let counted: { atMs: number; counts: Promise<Record<string, number>> } | undefined;
  new Gauge({
    name: 'dispatch_payouts',
    help: `Payouts dispatch holds, by status (awaiting_approval: accepted, not yet approved); counted at most every ${COUNT_EVERY_MS / 1000} s`,
    labelNames: ['status'] as const,
    registers,
    async collect() {
      const nowMs = Date.now();
      if (!counted || nowMs - counted.atMs >= COUNT_EVERY_MS) {
        counted = { atMs: nowMs, counts: countByStatus() };
        counted.counts.catch(() => {
          counted = undefined;
        });
      }
      const counts = await counted.counts;
      this.reset();
      for (const [status, count] of Object.entries(counts)) this.set({ status }, count);
    },
  });
  return {
    providerCall(provider, operation, errorClass, latencyMs) {
      calls.inc({ provider, operation, error_class: errorClass });
      latency.observe({ provider, operation }, latencyMs / 1000);
    },
    transition: (from, to) => transitions.inc({ from, to }),
    conflict: (source) => conflicts.inc({ source }),
    authRefused: (provider) => authRefused.inc({ provider }),
    blocked: (reason) => blocked.inc({ reason }),
    shadowed: () => shadowed.inc(),
    loopStep: (step, seconds) => loopSteps.observe({ step }, seconds),
    inFlight(calls, recording) {
      callsInFlight.set(calls);
      recordingsPending.set(recording);
    },
    providerState: (provider, availability) => state.set({ provider }, STATE_VALUE[availability]),
  };
}
