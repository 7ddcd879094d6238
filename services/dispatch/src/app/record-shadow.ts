import type { DispatchDeps } from './deps.ts';
import { attempted, statusChanged, traceOf, UNROUTED_PROVIDER } from './events.ts';
import { instructionOf } from './instruction-of.ts';
import type { AttemptEntry, DispatchTx, PayoutRecord } from './ports.ts';

/**
 * Shadow (read-only) mode: everything runs except the provider call. The instruction is built and frozen exactly as
 * for a live send and recorded as "would dispatch" (attempt journal with the body, dispatch.attempted.v1 with
 * shadow = true). The payout rests in `approved` with `shadow` set, announced by a status-changed event
 * approved → approved (reason `shadow_would_dispatch`, shadow = true): no status that could read as money moving.
 */
export function recordShadows(deps: DispatchDeps): Promise<number> {
  return deps.transactions.run(async (tx) => {
    const claimed = await tx.payouts.claimShadow(deps.settings.batchSize);
    for (const payout of claimed) await recordShadow(tx, deps, payout);
    return claimed.length;
  });
}

async function recordShadow(tx: DispatchTx, deps: DispatchDeps, payout: PayoutRecord): Promise<void> {
  const built = instructionOf(payout, payout.provider ? deps.gateway.get(payout.provider) : undefined);
  if ('blocked' in built) {
    await tx.payouts.markBlocked(payout.payoutId, built.blocked);
    deps.telemetry.blocked(built.blocked);
    return;
  }
  const now = deps.clock.now();
  await tx.payouts.storeInstruction(payout.payoutId, built.instruction);
  const attempt = await tx.payouts.markShadowed(payout.payoutId, now);
  const shadowed = { ...payout, instruction: built.instruction, attempt, shadow: true };
  const entry: AttemptEntry = {
    payoutId: payout.payoutId,
    provider: payout.provider ?? UNROUTED_PROVIDER,
    operation: 'submit',
    attempt,
    idempotencyKey: built.instruction.idempotencyKey,
    requestHash: built.instruction.requestHash,
    requestBody: built.instruction.body,
    httpStatus: null,
    errorClass: 'none',
    errorCode: null,
    errorMessage: null,
    latencyMs: 0,
    outcome: 'would_dispatch',
    shadow: true,
    providerReference: null,
    at: now,
  };
  const trace = traceOf(payout, payout.decisionEventId);
  await tx.journal.recordAttempt(entry);
  await tx.publish(attempted(entry), trace);
  const change = { from: 'approved', to: 'approved', reason: 'shadow_would_dispatch', source: 'submit', shadow: true };
  await tx.publish(statusChanged(shadowed, change), trace);
  deps.telemetry.shadowed();
}
