import { effectOf } from '../domain/compliance-decision.ts';
import { changeStatus } from './change-status.ts';
import type { DispatchDeps } from './deps.ts';
import { traceOf } from './events.ts';
import type { DecisionFacts, DispatchTx } from './ports.ts';

export type DecisionOutcome = 'approved' | 'already_owned' | 'recorded' | 'canceled';

/**
 * Applies a compliance decision. `approved` / `released` make dispatch the owner (status `approved`, routed to the
 * corridor's provider, the market mode frozen); a repeat of the decision finds the payout owned and changes nothing,
 * so a duplicate compliance.decided.v1 never gives a second submission. `held` / `denied` are recorded only; a denial
 * of a payout not yet sent cancels it rather than let money move against compliance's word.
 */
export async function applyDecision(
  tx: DispatchTx,
  facts: DecisionFacts,
  deps: Pick<DispatchDeps, 'router' | 'clock' | 'logger' | 'telemetry'>,
): Promise<DecisionOutcome> {
  await tx.payouts.recordDecision(facts);
  const payout = (await tx.payouts.lock(facts.payoutId))!;
  const now = deps.clock.now();
  switch (effectOf(facts.decision)) {
    case 'approve': {
      if (payout.status !== null) return 'already_owned';
      const provider = deps.router.providerFor(facts.programId, facts.corridor) ?? null;
      const blockedReason = provider ? null : 'corridor_not_routable';
      if (blockedReason) {
        deps.telemetry.blocked(blockedReason);
        deps.logger.error({ program_id: facts.programId, corridor: facts.corridor }, 'approved payout has no provider');
      }
      await tx.payouts.markApproved(facts.payoutId, {
        provider,
        blockedReason,
        mode: facts.mode,
        decisionEventId: facts.eventId,
        at: now,
      });
      return 'approved';
    }
    case 'deny': {
      if (payout.status !== 'approved') return 'recorded';
      const write = { status: 'canceled' as const, reason: 'compliance_denied', at: now, nextActionAt: null };
      await changeStatus(tx, payout, write, {
        source: 'compliance',
        trace: traceOf(payout, facts.eventId),
        telemetry: deps.telemetry,
      });
      return 'canceled';
    }
    case 'hold':
    case 'ignore':
      return 'recorded';
  }
}
