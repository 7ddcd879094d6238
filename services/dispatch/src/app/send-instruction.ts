import type { Trace } from '@sluice/messaging';
import { backoffMs } from '../domain/backoff.ts';
import { classifySubmit, type FailureClass, type TransportOutcome } from '../domain/failure-class.ts';
import type { Instruction } from '../domain/instruction.ts';
import { applyProviderObservation, type ObservationContext } from './apply-provider-observation.ts';
import { changeStatus } from './change-status.ts';
import type { DispatchDeps } from './deps.ts';
import { attempted } from './events.ts';
import type { AttemptEntry, DispatchTx, PayoutRecord, ProviderCall, ProviderPayout } from './ports.ts';
import { after } from './settings.ts';

/** One create call to make: the frozen instruction, the attempt number it was claimed under, and where from. */
export interface SendJob {
  readonly payoutId: string;
  readonly provider: string;
  readonly attempt: number;
  readonly instruction: Instruction;
  readonly trace: Trace;
  /** `submitting` for a first send, a queued retry or a funding release; `unknown` for a same-key re-send. */
  readonly from: 'submitting' | 'unknown';
}

const NOT_SENT: ProviderCall<ProviderPayout> = { outcome: { kind: 'not_sent' }, latencyMs: 0 };

/**
 * Sends the stored bytes under the stored key, says the call is over (`callEnded`: the dispatcher's budget counts
 * provider calls), then records what happened in one transaction. Nothing here ever builds a new body or key: a retry
 * is the same instruction, so the provider can never create a second payout.
 */
export async function sendInstruction(
  deps: DispatchDeps,
  job: SendJob,
  callEnded: () => void = () => {},
): Promise<void> {
  const provider = deps.gateway.get(job.provider);
  const call = provider
    ? await provider.createPayout({ idempotencyKey: job.instruction.idempotencyKey, body: job.instruction.body })
    : NOT_SENT;
  // The payout stays leased (`sending`) until this outcome commits: a crash before it turns into `unknown` and a
  // same-key re-send, as for a call that never answered.
  callEnded();
  await deps.transactions.grouped((tx) => recordSendOutcome(tx, deps, job, call), job.payoutId);
}

/** The failure class of a create call; a 2xx whose body we could not read is `unknown`, never success. */
export function classOfCall(call: ProviderCall<unknown>): FailureClass {
  const errorClass = classifySubmit(call.outcome);
  return errorClass === 'none' && call.value === undefined ? 'unknown' : errorClass;
}

async function recordSendOutcome(
  tx: DispatchTx,
  deps: DispatchDeps,
  job: SendJob,
  call: ProviderCall<ProviderPayout>,
): Promise<void> {
  const now = deps.clock.now();
  const errorClass = classOfCall(call);
  const entry = attemptEntry(job, call, errorClass, now);
  await tx.journal.recordAttempt(entry);
  await tx.publish(attempted(entry), job.trace);
  deps.telemetry.providerCall(job.provider, 'submit', errorClass, call.latencyMs);
  const payout = (await tx.payouts.lock(job.payoutId))!;
  const context: ObservationContext = { ...deps, source: 'submit', trace: job.trace, now };
  const ours =
    payout.attempt === job.attempt &&
    payout.status === job.from &&
    (job.from === 'unknown' || payout.sendState === 'sending');
  if (!ours) {
    // The lease expired (recovery moved the payout to `unknown`) or a callback got there first: only the provider's
    // own record of the payout still says something.
    if (call.value) await applyProviderObservation(tx, payout, call.value, context);
    return;
  }
  if (errorClass === 'none') {
    await applyProviderObservation(tx, payout, call.value!, context);
    return;
  }
  if (errorClass === 'auth') await disableProvider(tx, deps, job.provider, call, now);
  if (job.from === 'unknown') {
    await afterResendFromUnknown(tx, deps, payout, errorClass, call, now, job.trace);
    return;
  }
  await afterFirstSend(tx, deps, payout, errorClass, call, now, job.trace);
}

async function afterFirstSend(
  tx: DispatchTx,
  deps: DispatchDeps,
  payout: PayoutRecord,
  errorClass: Exclude<FailureClass, 'none'>,
  call: ProviderCall<ProviderPayout>,
  now: Date,
  trace: Trace,
): Promise<void> {
  const { settings } = deps;
  const meta = { source: 'submit', trace, telemetry: deps.telemetry };
  switch (errorClass) {
    case 'funding': {
      const retryMs = backoffMs(payout.attempt - 1, { baseMs: settings.fundingCheckMs, maxMs: settings.pollMaxMs });
      const write = {
        status: 'funding_hold' as const,
        reason: 'insufficient_funds',
        at: now,
        nextActionAt: after(now, retryMs),
      };
      await changeStatus(tx, payout, write, meta);
      return;
    }
    case 'permanent':
      await changeStatus(tx, payout, failedWrite(call, now), meta);
      return;
    case 'auth':
      // Nothing exists at the provider (it refused us); the payout waits, queued, until an operator re-enables it.
      await tx.payouts.markQueued(payout.payoutId, after(now, settings.retryMaxMs));
      return;
    case 'retryable': {
      const retryMs = backoffMs(payout.attempt - 1, { baseMs: settings.retryBaseMs, maxMs: settings.retryMaxMs });
      await tx.payouts.markQueued(payout.payoutId, after(now, retryMs));
      return;
    }
    case 'unknown': {
      const write = {
        status: 'unknown' as const,
        reason: unknownReason(call),
        at: now,
        nextActionAt: after(now, settings.pollAfterMs),
      };
      await changeStatus(tx, payout, write, meta);
      return;
    }
  }
}

/** A same-key re-send from `unknown` that got no record back: only a definitive refusal ends it; else keep polling. */
async function afterResendFromUnknown(
  tx: DispatchTx,
  deps: DispatchDeps,
  payout: PayoutRecord,
  errorClass: Exclude<FailureClass, 'none'>,
  call: ProviderCall<ProviderPayout>,
  now: Date,
  trace: Trace,
): Promise<void> {
  if (errorClass === 'permanent') {
    // The provider looked at this exact instruction under this key and refused it: nothing exists there.
    await changeStatus(tx, payout, failedWrite(call, now), { source: 'submit', trace, telemetry: deps.telemetry });
    return;
  }
  const delayMs = backoffMs(payout.pollCount, { baseMs: deps.settings.pollAfterMs, maxMs: deps.settings.pollMaxMs });
  await tx.payouts.schedule(payout.payoutId, after(now, delayMs), payout.pollCount + 1);
}

function failedWrite(call: ProviderCall<ProviderPayout>, now: Date) {
  const httpStatus = call.outcome.kind === 'response' ? call.outcome.httpStatus : null;
  return {
    status: 'failed' as const,
    reason: 'provider_rejected',
    at: now,
    nextActionAt: null,
    failureCode: call.error?.code ?? `http_${httpStatus}`,
    failureMessage: call.error?.message ?? null,
  };
}

/** A provider refused our credentials: kill switch on (every instance stops sending), metric, error log. */
export async function disableProvider(
  tx: DispatchTx,
  deps: DispatchDeps,
  provider: string,
  call: ProviderCall<unknown>,
  now: Date,
): Promise<void> {
  const httpStatus = call.outcome.kind === 'response' ? call.outcome.httpStatus : null;
  await tx.switches.disable(provider, `credentials_refused:http_${httpStatus}`, 'dispatch', now);
  deps.gateway.updateDisabled(new Set([...(await tx.switches.disabled()).keys()]));
  deps.telemetry.authRefused(provider);
  deps.logger.error(
    { provider, http_status: httpStatus, error_code: call.error?.code ?? null },
    'provider refused our credentials: provider disabled, payouts wait until an operator re-enables it',
  );
}

function unknownReason(call: ProviderCall<unknown>): string {
  const outcome: TransportOutcome = call.outcome;
  switch (outcome.kind) {
    case 'timeout':
      return 'provider_timeout';
    case 'connection_lost':
      return 'provider_connection_lost';
    case 'response':
      return outcome.httpStatus < 300 ? 'provider_response_unreadable' : `provider_http_${outcome.httpStatus}`;
    default:
      return `provider_${outcome.kind}`;
  }
}

function outcomeWord(errorClass: FailureClass, call: ProviderCall<ProviderPayout>): string {
  switch (errorClass) {
    case 'none':
      return call.value?.status === 'pending' ? 'accepted' : (call.value?.status ?? 'unknown');
    case 'funding':
    case 'permanent':
    case 'auth':
      return 'rejected';
    case 'retryable':
      return call.outcome.kind === 'response' ? 'rejected' : 'not_sent';
    case 'unknown':
      return 'unknown';
  }
}

function attemptEntry(
  job: SendJob,
  call: ProviderCall<ProviderPayout>,
  errorClass: FailureClass,
  now: Date,
): AttemptEntry {
  return {
    payoutId: job.payoutId,
    provider: job.provider,
    operation: 'submit',
    attempt: job.attempt,
    idempotencyKey: job.instruction.idempotencyKey,
    requestHash: job.instruction.requestHash,
    requestBody: job.instruction.body,
    httpStatus: call.outcome.kind === 'response' ? call.outcome.httpStatus : null,
    errorClass,
    errorCode: call.error?.code ?? null,
    errorMessage: call.error?.message ?? (call.outcome.kind === 'response' ? null : call.outcome.kind),
    latencyMs: call.latencyMs,
    outcome: outcomeWord(errorClass, call),
    shadow: false,
    providerReference: call.value?.providerReference ?? null,
    at: now,
  };
}
