import { backoffMs } from '../domain/backoff.ts';
import { classifyPoll, type FailureClass } from '../domain/failure-class.ts';
import { applyProviderObservation } from './apply-provider-observation.ts';
import { jobOf } from './claim-submissions.ts';
import type { DispatchDeps } from './deps.ts';
import { attempted, traceOf } from './events.ts';
import type { DispatchTx, PayoutRecord, ProviderCall, ProviderPayout } from './ports.ts';
import { disableProvider, type SendJob, sendInstruction } from './send-instruction.ts';
import { after, leaseUntil } from './settings.ts';

/**
 * Claims payouts of `provider` due for a poll: `pending` and `unknown` past their age (callbacks may never come),
 * `confirmed` within the reversal watch. The claim pushes their next action past the call's lease, so no other
 * tick or instance polls them meanwhile.
 */
export function claimPolls(deps: DispatchDeps, provider: string, limit: number): Promise<PayoutRecord[]> {
  return deps.transactions.run(async (tx) => {
    const now = deps.clock.now();
    const due: PayoutRecord[] = [];
    for (const payout of await tx.payouts.claimDuePolls(provider, limit, now)) {
      if (payout.status === 'confirmed' && pastReversalWatch(payout, now, deps.settings.reversalWatchMs)) {
        await tx.payouts.schedule(payout.payoutId, null, payout.pollCount);
        continue;
      }
      await tx.payouts.schedule(payout.payoutId, leaseUntil(now, deps.settings), payout.pollCount);
      due.push(payout);
    }
    return due;
  });
}

/**
 * Reads the provider's record (by its reference, or by our payout id while we have none) and applies it through
 * `applyProviderObservation`, the function callbacks use too. An `unknown` payout the provider still has no record
 * of after `unknownResendAfterMs` gets its stored bytes re-sent under the same key: the provider either creates the
 * one payout or returns the one it has; a new key is never used.
 */
export async function pollPayout(deps: DispatchDeps, payout: PayoutRecord): Promise<void> {
  const provider = deps.gateway.get(payout.provider!);
  if (!provider) return;
  const call = payout.providerReference
    ? await provider.getPayout(payout.providerReference)
    : await provider.findByClientReference(payout.payoutId);
  const resend = await deps.transactions.grouped((tx) => recordPoll(tx, deps, payout, call), payout.payoutId);
  if (resend) await sendInstruction(deps, resend);
}

async function recordPoll(
  tx: DispatchTx,
  deps: DispatchDeps,
  polled: PayoutRecord,
  call: ProviderCall<ProviderPayout | null>,
): Promise<SendJob | undefined> {
  const now = deps.clock.now();
  const errorClass = classifyPoll(call.outcome);
  const trace = traceOf(polled);
  const entry = pollEntry(polled, call, errorClass, now);
  if (entry) {
    await tx.journal.recordAttempt(entry);
    await tx.publish(attempted(entry), trace);
  }
  deps.telemetry.providerCall(polled.provider!, 'poll', errorClass, call.latencyMs);
  if (errorClass === 'auth') await disableProvider(tx, deps, polled.provider!, call, now);
  const payout = (await tx.payouts.lock(polled.payoutId))!;
  if (call.value) {
    const result = await applyProviderObservation(tx, payout, call.value, { ...deps, source: 'poll', trace, now });
    if (result.kind !== 'advance') await scheduleNext(tx, deps, result.payout, now);
    return undefined;
  }
  if (call.value === null && payout.status === 'unknown' && dueForResend(payout, now, deps)) {
    const attempt = await tx.payouts.markSending(payout.payoutId, leaseUntil(now, deps.settings));
    await tx.payouts.schedule(payout.payoutId, leaseUntil(now, deps.settings), payout.pollCount + 1);
    deps.logger.warn(
      { payout_id: payout.payoutId, attempt },
      'provider has no record: re-sending the same instruction',
    );
    return jobOf(payout, payout.provider!, attempt, 'unknown');
  }
  await scheduleNext(tx, deps, payout, now);
  return undefined;
}

const dueForResend = (payout: PayoutRecord, now: Date, deps: DispatchDeps): boolean =>
  payout.instruction !== null &&
  payout.statusChangedAt !== null &&
  now.getTime() - payout.statusChangedAt.getTime() >= deps.settings.unknownResendAfterMs;

const pastReversalWatch = (payout: PayoutRecord, now: Date, watchMs: number): boolean =>
  payout.statusChangedAt === null || now.getTime() - payout.statusChangedAt.getTime() >= watchMs;

async function scheduleNext(tx: DispatchTx, deps: DispatchDeps, payout: PayoutRecord, now: Date): Promise<void> {
  const { settings } = deps;
  const polling = payout.status === 'pending' || payout.status === 'unknown' || payout.status === 'confirmed';
  if (!polling || (payout.status === 'confirmed' && pastReversalWatch(payout, now, settings.reversalWatchMs))) {
    await tx.payouts.schedule(payout.payoutId, null, payout.pollCount);
    return;
  }
  const delayMs = backoffMs(payout.pollCount, { baseMs: settings.pollAfterMs, maxMs: settings.pollMaxMs });
  await tx.payouts.schedule(payout.payoutId, after(now, delayMs), payout.pollCount + 1);
}

function pollEntry(
  payout: PayoutRecord,
  call: ProviderCall<ProviderPayout | null>,
  errorClass: FailureClass,
  now: Date,
) {
  if (!payout.instruction) return undefined;
  const outcome = call.value
    ? call.value.status
    : call.value === null
      ? 'not_found'
      : call.outcome.kind === 'not_sent'
        ? 'not_sent'
        : 'unknown';
  return {
    payoutId: payout.payoutId,
    provider: payout.provider!,
    operation: 'poll' as const,
    attempt: payout.attempt,
    // A poll sends no body: the key and hash name the instruction whose outcome it reads.
    idempotencyKey: payout.instruction.idempotencyKey,
    requestHash: payout.instruction.requestHash,
    requestBody: null,
    httpStatus: call.outcome.kind === 'response' ? call.outcome.httpStatus : null,
    errorClass,
    errorCode: call.error?.code ?? null,
    errorMessage: call.error?.message ?? null,
    latencyMs: call.latencyMs,
    outcome,
    shadow: false,
    providerReference: call.value?.providerReference ?? payout.providerReference,
    at: now,
  };
}
