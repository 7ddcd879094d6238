import type { DispatchDeps } from './deps.ts';

/**
 * Operator kill switch. Enabling is the only way back after a 403: a human confirms the credentials are fixed.
 * Waiting payouts (approved, or queued within submitting) are then sent on the next tick, under their same keys.
 */
export async function setProviderEnabled(
  deps: Pick<DispatchDeps, 'transactions' | 'gateway' | 'clock' | 'logger'>,
  provider: string,
  enabled: boolean,
  operatorId: string,
): Promise<'unknown_provider' | 'changed' | 'unchanged'> {
  if (!deps.gateway.get(provider)) return 'unknown_provider';
  const now = deps.clock.now();
  const changed = await deps.transactions.run(async (tx) => {
    if (enabled) return tx.switches.enable(provider, operatorId, now);
    const wasDisabled = (await tx.switches.disabled()).has(provider);
    await tx.switches.disable(provider, 'operator_disabled', operatorId, now);
    return !wasDisabled;
  });
  const disabled = await deps.transactions.read().switches.disabled();
  deps.gateway.updateDisabled(new Set(disabled.keys()));
  deps.logger.warn({ provider, enabled, operator: operatorId, changed }, 'provider switch set by an operator');
  return changed ? 'changed' : 'unchanged';
}
