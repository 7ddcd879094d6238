import { type CancelRefusal, planCancel } from '../domain/cancel.ts';
import { changeStatus } from './change-status.ts';
import type { DispatchDeps } from './deps.ts';
import { statusChanged, traceOf } from './events.ts';
import type { PayoutRecord } from './ports.ts';

export type CancelResult =
  | { readonly kind: 'canceled'; readonly payout: PayoutRecord }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'refused'; readonly code: CancelRefusal; readonly status: string };

/**
 * `POST /v1/payouts/:id/cancel`: ends the payout `canceled` while no provider holds it (before approval, approved,
 * shadow, funding_hold); refuses once it is submitting or beyond, because money may be moving. Asking twice answers
 * the same. A cancel before approval also stops any later approval from sending it.
 */
export async function cancelPayout(
  deps: Pick<DispatchDeps, 'transactions' | 'router' | 'clock' | 'telemetry'>,
  payoutId: string,
  operatorId: string,
): Promise<CancelResult> {
  return deps.transactions.run(async (tx) => {
    const payout = await tx.payouts.lock(payoutId);
    if (!payout) return { kind: 'not_found' };
    const plan = planCancel(payout);
    const now = deps.clock.now();
    const trace = traceOf(payout);
    switch (plan.kind) {
      case 'already_canceled':
        return { kind: 'canceled', payout };
      case 'refuse':
        return { kind: 'refused', code: plan.code, status: plan.status };
      case 'cancel': {
        const reason = 'operator_canceled';
        if (payout.status !== null) {
          const write = { status: 'canceled' as const, reason, at: now, nextActionAt: null };
          const meta = { source: 'operator', actor: operatorId, trace, telemetry: deps.telemetry };
          const canceled = await changeStatus(tx, payout, write, meta);
          return { kind: 'canceled', payout: canceled };
        }
        await tx.payouts.cancelUnowned(payoutId, reason, now);
        // Not routed yet (routing happens on approval): name the corridor's provider on the event all the same.
        const provider = payout.provider ?? deps.router.providerFor(payout.programId, payout.corridor) ?? null;
        const canceled = {
          ...payout,
          provider,
          status: 'canceled' as const,
          statusReason: reason,
          statusChangedAt: now,
        };
        await tx.journal.recordTransition({
          payoutId,
          fromStatus: plan.from,
          toStatus: 'canceled',
          reason,
          source: 'operator',
          actor: operatorId,
          attempt: 0,
          shadow: false,
          at: now,
        });
        await tx.publish(
          statusChanged(canceled, { from: plan.from, to: 'canceled', reason, source: 'operator' }),
          trace,
        );
        return { kind: 'canceled', payout: canceled };
      }
    }
  });
}
