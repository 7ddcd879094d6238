import { changeStatus } from './change-status.ts';
import type { DispatchDeps } from './deps.ts';
import { traceOf } from './events.ts';
import { instructionOf } from './instruction-of.ts';
import type { DispatchTx, PayoutRecord } from './ports.ts';
import type { SendJob } from './send-instruction.ts';
import { leaseUntil } from './settings.ts';

/**
 * Claims up to `limit` payouts to send to `provider`: approved ones (frozen instruction, approved → submitting) and
 * queued retries of ones already submitting. Everything is committed before any call leaves, so a crash mid-call
 * leaves a `sending` lease that recovery turns into `unknown`, never a forgotten call.
 */
export function claimSubmissions(deps: DispatchDeps, provider: string, limit: number): Promise<SendJob[]> {
  return deps.transactions.run(async (tx) => {
    const now = deps.clock.now();
    const jobs: SendJob[] = [];
    for (const payout of await tx.payouts.claimQueued(provider, limit, now)) {
      const attempt = await tx.payouts.markSending(payout.payoutId, leaseUntil(now, deps.settings));
      jobs.push(jobOf(payout, provider, attempt));
    }
    if (jobs.length >= limit) return jobs;
    for (const payout of await tx.payouts.claimApproved(provider, limit - jobs.length, now)) {
      const job = await startSubmission(tx, deps, payout, provider, now);
      if (job) jobs.push(job);
    }
    return jobs;
  });
}

async function startSubmission(
  tx: DispatchTx,
  deps: DispatchDeps,
  payout: PayoutRecord,
  provider: string,
  now: Date,
): Promise<SendJob | undefined> {
  const built = instructionOf(payout, deps.gateway.get(provider));
  if ('blocked' in built) {
    await tx.payouts.markBlocked(payout.payoutId, built.blocked);
    deps.telemetry.blocked(built.blocked);
    deps.logger.error({ payout_id: payout.payoutId, reason: built.blocked }, 'approved payout cannot be instructed');
    return undefined;
  }
  await tx.payouts.storeInstruction(payout.payoutId, built.instruction);
  // Status first (the send state only exists within submitting), then the lease; both commit together.
  const claimed = {
    ...payout,
    instruction: built.instruction,
    attempt: payout.attempt + 1,
    sendState: 'sending' as const,
  };
  const write = { status: 'submitting' as const, reason: 'dispatch_started', at: now, nextActionAt: null };
  const trace = traceOf(payout, payout.decisionEventId);
  await changeStatus(tx, claimed, write, { source: 'submit', trace, telemetry: deps.telemetry });
  const attempt = await tx.payouts.markSending(payout.payoutId, leaseUntil(now, deps.settings));
  return jobOf(claimed, provider, attempt);
}

/** A send job for a claimed payout whose instruction is frozen. */
export function jobOf(
  payout: PayoutRecord,
  provider: string,
  attempt: number,
  from: SendJob['from'] = 'submitting',
): SendJob {
  if (!payout.instruction) throw new Error(`payout ${payout.payoutId} has no frozen instruction`);
  return {
    payoutId: payout.payoutId,
    provider,
    attempt,
    instruction: payout.instruction,
    trace: traceOf(payout, payout.decisionEventId),
    from,
  };
}
