import { Counter, type Registry } from 'prom-client';
import type { GatewayMetrics } from '../../app/ports.ts';

/**
 * Prometheus counters for callbacks. Labels are bounded: providers come from config (unknown ones are counted as
 * `unknown`), reasons and outcomes are closed unions, key ids are from the key set.
 */
export function gatewayMetrics(registry: Registry): GatewayMetrics {
  const callbacks = new Counter({
    name: 'webhook_callbacks_total',
    help: 'Callbacks received, by provider and outcome (accepted, duplicate, ignored, rejected)',
    labelNames: ['provider', 'outcome'] as const,
    registers: [registry],
  });
  const rejections = new Counter({
    name: 'webhook_callbacks_rejected_total',
    help: 'Callbacks refused, by provider and reason code',
    labelNames: ['provider', 'reason'] as const,
    registers: [registry],
  });
  const keys = new Counter({
    name: 'webhook_signing_key_used_total',
    help: 'Verified callbacks by the key that verified them (an old key going flat can be retired)',
    labelNames: ['provider', 'key_id'] as const,
    registers: [registry],
  });
  return {
    callback: (provider, outcome) => callbacks.inc({ provider, outcome }),
    rejected: (provider, reason) => rejections.inc({ provider, reason }),
    keyUsed: (provider, keyId) => keys.inc({ provider, key_id: keyId }),
  };
}
