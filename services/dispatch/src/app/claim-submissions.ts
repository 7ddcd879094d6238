import type { Instruction } from '../domain/instruction.ts';
import { checkTransition, statusWritten } from './change-status.ts';
import type { DispatchDeps } from './deps.ts';
import { traceOf } from './events.ts';
import { instructionOf } from './instruction-of.ts';
import type { DispatchTx, PayoutRecord } from './ports.ts';
import type { SendJob } from './send-instruction.ts';
import { leaseUntil } from './settings.ts';

/**
 * Claims up to `limit` payouts to send to `provider`: approved ones (frozen instruction, approved → submitting) and
 * queued retries of ones already submitting. Everything is committed before any call leaves, so a crash mid-call
 * leaves a `sending` lease that recovery turns into `unknown`, never a forgotten call. The approved ones start in one
 * statement, whatever their number: one at a time, three round trips each made the claim the slowest step of the
 * loop under load (the loop claims serially, so its pace was the pipeline's).
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
    const approved = await tx.payouts.claimApproved(provider, limit - jobs.length, now);
    return [...jobs, ...(await startSubmissions(tx, deps, approved, provider, now))];
  });
}

async function startSubmissions(
  tx: DispatchTx,
  deps: DispatchDeps,
  approved: readonly PayoutRecord[],
  provider: string,
  now: Date,
): Promise<SendJob[]> {
  const starts: { payout: PayoutRecord; instruction: Instruction }[] = [];
  for (const payout of approved) {
    const built = instructionOf(payout, deps.gateway.get(provider));
    if ('blocked' in built) {
      await tx.payouts.markBlocked(payout.payoutId, built.blocked);
      deps.telemetry.blocked(built.blocked);
      deps.logger.error({ payout_id: payout.payoutId, reason: built.blocked }, 'approved payout cannot be instructed');
    } else starts.push({ payout, instruction: built.instruction });
  }
  const write = { status: 'submitting' as const, reason: 'dispatch_started', at: now, nextActionAt: null };
  for (const { payout } of starts) checkTransition(payout, write);
  const attempts = await tx.payouts.startSubmissions(
    starts.map(({ payout, instruction }) => ({
      payoutId: payout.payoutId,
      instruction,
      write,
      leaseUntil: leaseUntil(now, deps.settings),
    })),
  );
  const jobs: SendJob[] = [];
  for (const { payout, instruction } of starts) {
    const attempt = attempts.get(payout.payoutId);
    if (attempt === undefined) throw new Error(`claimed payout ${payout.payoutId} was not started`);
    // The send state only exists within submitting: the record after the write has both.
    const claimed = { ...payout, instruction, attempt, sendState: 'sending' as const };
    const trace = traceOf(payout, payout.decisionEventId);
    await statusWritten(tx, claimed, write, { source: 'submit', trace, telemetry: deps.telemetry });
    jobs.push(jobOf(claimed, provider, attempt));
  }
  return jobs;
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
