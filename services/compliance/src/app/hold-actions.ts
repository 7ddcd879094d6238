import { type Approval, approveRelease, denyHold, type Hold, type HoldRefusal } from '../domain/hold.ts';
import { can } from '../domain/roles.ts';
import { decisionEvent, operatorTrace } from './decision-event.ts';
import { velocityScopes } from './evaluate-gates.ts';
import type { Actor, ComplianceDeps, ComplianceTx } from './ports.ts';

/** What an operator sends with a release or denial: the required evidence note and optional evidence references. */
export interface DecisionInput {
  readonly note: string;
  readonly evidenceRefs: readonly string[];
}

export type HoldActionRefusal = HoldRefusal | 'forbidden' | 'hold_not_found';

export type HoldActionOutcome =
  | { readonly ok: true; readonly kind: 'awaiting_second_approval' | 'released' | 'denied'; readonly hold: Hold }
  | { readonly ok: false; readonly code: HoldActionRefusal };

/**
 * Records one approver's release of a hold. The payout is released (compliance.decided.v1 `released`) once the
 * hold has its required approvals from different people. Every attempt is audited, refused ones included.
 */
export function releaseHold(
  tx: ComplianceTx,
  deps: Pick<ComplianceDeps, 'clock' | 'catalog'>,
  actor: Actor,
  holdId: string,
  input: DecisionInput,
): Promise<HoldActionOutcome> {
  return decideHold(tx, deps, actor, holdId, input, 'release');
}

/** Denies a held payout (compliance.decided.v1 `denied`) and gives its amount back to today's velocity limits. */
export function denyHeldPayout(
  tx: ComplianceTx,
  deps: Pick<ComplianceDeps, 'clock' | 'catalog'>,
  actor: Actor,
  holdId: string,
  input: DecisionInput,
): Promise<HoldActionOutcome> {
  return decideHold(tx, deps, actor, holdId, input, 'deny');
}

async function decideHold(
  tx: ComplianceTx,
  deps: Pick<ComplianceDeps, 'clock' | 'catalog'>,
  actor: Actor,
  holdId: string,
  input: DecisionInput,
  action: 'release' | 'deny',
): Promise<HoldActionOutcome> {
  const at = deps.clock.now();
  const refuse = async (code: HoldActionRefusal): Promise<HoldActionOutcome> => {
    await tx.audit.append({
      at,
      actor: actor.operatorId,
      action: `hold_${action}_refused`,
      subjectType: 'hold',
      subjectId: holdId,
      detail: { code, role: actor.role },
    });
    return { ok: false, code };
  };
  if (!can(actor.role, 'holds:decide')) return refuse('forbidden');
  const hold = await tx.holds.lock(holdId);
  if (!hold) return { ok: false, code: 'hold_not_found' };
  const approval: Approval = { operatorId: actor.operatorId, note: input.note, evidenceRefs: input.evidenceRefs, at };
  const outcome = action === 'release' ? approveRelease(hold, approval) : denied(denyHold(hold, approval));
  if (!outcome.ok) return refuse(outcome.code);
  const { kind } = outcome;
  await tx.holds.save(outcome.hold);
  await tx.audit.append({
    at,
    actor: actor.operatorId,
    action: kind === 'awaiting_second_approval' ? 'hold_release_approved' : `hold_${kind}`,
    subjectType: 'hold',
    subjectId: holdId,
    detail: { note: input.note, evidence_refs: input.evidenceRefs, approvals: outcome.hold.approvals.length },
  });
  if (kind !== 'awaiting_second_approval') await publishResolution(tx, deps, outcome.hold, kind);
  return { ok: true, kind, hold: outcome.hold };
}

const denied = (outcome: ReturnType<typeof denyHold>): HoldActionOutcome =>
  outcome.ok ? { ok: true, kind: 'denied', hold: outcome.hold } : outcome;

async function publishResolution(
  tx: ComplianceTx,
  deps: Pick<ComplianceDeps, 'catalog'>,
  hold: Hold,
  kind: 'released' | 'denied',
): Promise<void> {
  const payout = await tx.screenings.find(hold.payoutId);
  if (!payout) throw new Error(`hold ${hold.id} has no screened payout ${hold.payoutId}`);
  await tx.screenings.setDecision(hold.payoutId, kind);
  const market = deps.catalog.market(hold.programId, hold.market);
  if (kind === 'denied' && market?.requiredGates.includes('limits')) {
    await tx.velocity.add(velocityScopes({ ...hold, market }), payout.day, payout.currency, -payout.amountMinor);
  }
  await tx.publish(
    decisionEvent(payout, kind, {
      checks: [],
      hold,
      decidedBy: hold.resolvedBy.join(','),
      note: hold.resolutionNote,
    }),
    operatorTrace(payout),
  );
}
