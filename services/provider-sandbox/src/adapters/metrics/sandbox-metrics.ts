import type { ServiceMetrics } from '@sluice/service-kit';
import { Counter } from 'prom-client';

/** What the sandbox counts: create calls by answer, scripted lifecycle steps, and callback tries by result. */
export interface SandboxMetrics {
  readonly payoutCalls: Counter<'status' | 'code'>;
  readonly lifecycleSteps: Counter<'status' | 'scenario'>;
  readonly callbackTries: Counter<'result'>;
}

export function sandboxMetrics(metrics: ServiceMetrics): SandboxMetrics {
  const registers = [metrics.registry];
  return {
    payoutCalls: new Counter({
      name: 'sandbox_payout_calls_total',
      help: 'POST /v1/payouts calls by HTTP status and error code',
      labelNames: ['status', 'code'] as const,
      registers,
    }),
    lifecycleSteps: new Counter({
      name: 'sandbox_lifecycle_steps_total',
      help: 'Scripted payout status changes applied, by new status and scenario',
      labelNames: ['status', 'scenario'] as const,
      registers,
    }),
    callbackTries: new Counter({
      name: 'sandbox_callback_tries_total',
      help: 'Callback delivery tries by result (delivered, retry, failed)',
      labelNames: ['result'] as const,
      registers,
    }),
  };
}
