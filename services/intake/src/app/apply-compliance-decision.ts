import type { ComplianceDecidedV1 } from '@sluice/contracts';
import { planStatus, statusOfDecision } from '../domain/payout-view.ts';
import { type ApplyOutcome, applyPlan, lockPayout } from './apply-plan.ts';
import type { IntakeTx } from './ports.ts';

/**
 * Keeps the payout view current with compliance: approved / released → approved, held → held (with what the platform
 * may see of the hold), denied → denied. A decision that is behind the view (dispatch already moved the payout on)
 * is recorded and not applied.
 */
export async function applyComplianceDecision(tx: IntakeTx, event: ComplianceDecidedV1): Promise<ApplyOutcome> {
  const view = await lockPayout(tx, event.payout_id);
  if (!view) return { kind: 'unknown_payout' };
  const target = statusOfDecision(event.decision);
  const plan = target ? planStatus(view.status, target) : ({ kind: 'unknown_status', to: event.decision } as const);
  const reason = event.hold?.reason_codes[0] ?? event.checks.find((check) => check.result !== 'allow')?.code ?? null;
  const hold =
    event.decision === 'held' && event.hold
      ? {
          holdId: event.hold.hold_id,
          reasonCodes: event.hold.reason_codes,
          slaDeadline: new Date(event.hold.sla_deadline),
          unblockPath: event.hold.unblock_path,
        }
      : null;
  return applyPlan(tx, view, plan, {
    eventId: event.event_id,
    source: 'compliance',
    signal: event.decision,
    occurredAt: new Date(event.occurred_at),
    patch: { statusReason: reason, hold },
  });
}
