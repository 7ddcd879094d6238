import { planCancel } from '../domain/cancel.ts';
import { isUuid } from '../domain/field-issue.ts';
import type { PayoutStatus } from '../domain/payout-status.ts';
import type { PayoutView } from '../domain/payout-view.ts';
import type { Clock, Transactions } from './ports.ts';

export type CancelResult =
  | { readonly kind: 'cancel_requested'; readonly view: PayoutView }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'not_cancelable'; readonly status: PayoutStatus };

/**
 * `POST /v1/payouts/:id/cancel`: records that the platform asked to cancel. The contracts have no cancel topic yet,
 * so nothing is published; the request is visible on the payout (`cancel_requested`) and in its history, and the
 * status becomes `canceled` only when compliance or dispatch reports it (docs/decisions/0004-intake.md).
 */
export async function cancelPayout(
  deps: { transactions: Transactions; clock: Clock },
  platformId: string,
  id: string,
): Promise<CancelResult> {
  if (!isUuid(id)) return { kind: 'not_found' };
  return deps.transactions.run(async (tx) => {
    const owned = await tx.payouts.find(platformId, id);
    if (!owned) return { kind: 'not_found' };
    const view = (await tx.payouts.lock(id))!;
    const plan = planCancel(view);
    if (plan.kind === 'not_cancelable') return plan;
    if (plan.kind === 'already_requested') return { kind: 'cancel_requested', view };
    const at = deps.clock.now();
    await tx.payouts.markCancelRequested(id, at);
    await tx.payouts.record({
      payoutId: id,
      eventId: null,
      source: 'platform',
      status: 'cancel_requested',
      reason: null,
      applied: true,
      occurredAt: at,
    });
    return { kind: 'cancel_requested', view: { ...view, cancelRequestedAt: at, updatedAt: at } };
  });
}
