import type { Trace } from '@sluice/messaging';
import type { Logger } from '@sluice/service-kit';
import {
  type ObservationPlan,
  type ObservationSource,
  type ProviderObservation,
  planObservation,
  reasonFor,
} from '../domain/provider-observation.ts';
import { changeStatus } from './change-status.ts';
import { statusChanged } from './events.ts';
import type { DispatchTx, PayoutRecord, StatusWrite, Telemetry } from './ports.ts';
import { type DispatchSettings, nextActionAfter } from './settings.ts';

export interface ObservationContext {
  readonly source: ObservationSource;
  readonly trace: Trace;
  readonly now: Date;
  readonly settings: DispatchSettings;
  readonly logger: Logger;
  readonly telemetry: Telemetry;
}

export type ObservationResult = ObservationPlan & { readonly payout: PayoutRecord };

/**
 * The one function through which anything the provider says about a payout changes it: the answer to our submit,
 * a poll, a callback (issue 7). `payout` must be locked by the caller's transaction. Steps the provider vouches for
 * are applied in order (submitting → pending → confirmed for an early `completed`); an observation the payout is
 * already past is ignored; one that contradicts it (e.g. `failed` after `confirmed`) is refused, recorded as a
 * conflict and published for reconciliation with `to_status` = the unchanged status.
 */
export async function applyProviderObservation(
  tx: DispatchTx,
  payout: PayoutRecord,
  observation: ProviderObservation,
  context: ObservationContext,
): Promise<ObservationResult> {
  if (payout.status === null) {
    // The provider knows a payout compliance never approved: record it loudly, there is no status to keep.
    await recordConflict(tx, payout, observation, context);
    return { kind: 'conflict', payout };
  }
  const plan = planObservation(payout.status, observation.status);
  switch (plan.kind) {
    case 'advance': {
      let current = payout;
      for (const step of plan.steps) {
        current = await changeStatus(tx, current, stepWrite(current, step, observation, context), context);
      }
      return { ...plan, payout: current };
    }
    case 'same':
    case 'stale':
      if (!payout.providerReference) await tx.payouts.markPolled(payout.payoutId, observation.providerReference, null);
      return { ...plan, payout };
    case 'conflict':
      await recordConflict(tx, payout, observation, context);
      return { ...plan, payout };
  }
}

function stepWrite(
  payout: PayoutRecord,
  step: NonNullable<PayoutRecord['status']>,
  observation: ProviderObservation,
  context: ObservationContext,
): StatusWrite {
  return {
    status: step,
    reason: reasonFor(step, observation, payout.amountMinor),
    at: context.now,
    nextActionAt: nextActionAfter(step, context.now, context.settings, context.source),
    providerReference: observation.providerReference,
    providerStatus: observation.providerStatus,
    ...(step === 'confirmed'
      ? {
          settledAmountMinor: observation.settledAmountMinor ?? payout.amountMinor,
          feeAmountMinor: observation.feeAmountMinor,
        }
      : {}),
    ...(step === 'failed' ? { failureCode: observation.failureCode, failureMessage: observation.failureMessage } : {}),
  };
}

async function recordConflict(
  tx: DispatchTx,
  payout: PayoutRecord,
  observation: ProviderObservation,
  context: ObservationContext,
): Promise<void> {
  const current = payout.status ?? 'not_approved';
  const fresh = await tx.journal.recordConflict({
    payoutId: payout.payoutId,
    currentStatus: current,
    attemptedStatus: observation.status,
    source: context.source,
    providerStatus: observation.providerStatus,
    providerReference: observation.providerReference,
    detail: observation.detail,
    at: context.now,
  });
  context.logger.error(
    { current_status: current, attempted_status: observation.status, source: context.source, fresh },
    'provider observation contradicts the payout: refused and recorded as a conflict',
  );
  if (!fresh || payout.status === null) return;
  context.telemetry.conflict(context.source);
  const conflict = { attempted_status: observation.status, source: context.source, detail: observation.detail };
  await tx.publish(
    statusChanged(payout, {
      from: current,
      to: current,
      reason: 'regression_refused',
      source: context.source,
      conflict,
    }),
    context.trace,
  );
}
