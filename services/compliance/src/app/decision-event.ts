import type { ComplianceCheckV1, ComplianceHoldV1 } from '@sluice/contracts';
import type { CheckRecord } from '../domain/gate-result.ts';
import { type Hold, reasonCodes } from '../domain/hold.ts';
import type { DecisionEvent, ScreenedPayout } from './ports.ts';

/** The checks of a decision as the contract carries them. */
export const checksPayload = (checks: readonly CheckRecord[]): ComplianceCheckV1[] =>
  checks.map((c) => ({
    gate: c.gate,
    rule: c.rule,
    rule_version: c.ruleVersion,
    input_hash: c.inputHash,
    result: c.result,
    code: c.code,
    owner: c.owner,
    checked_at: c.checkedAt.getTime(),
  }));

/** The hold as the contract carries it: every reason it was held for, evidence, owner, SLA and unblock path. */
export const holdPayload = (hold: Hold): ComplianceHoldV1 => ({
  hold_id: hold.id,
  reason_codes: reasonCodes(hold),
  evidence_refs: [...hold.evidenceRefs],
  owner: hold.owner,
  sla_deadline: hold.slaDeadline.getTime(),
  unblock_path: hold.unblockPath,
});

/** One compliance.decided.v1 payload for a screened payout. */
export function decisionEvent(
  payout: ScreenedPayout,
  decision: 'approved' | 'held' | 'denied' | 'released',
  details: { checks: readonly CheckRecord[]; hold: Hold | null; decidedBy: string | null; note: string | null },
): DecisionEvent {
  // payout_id is part of the envelope: it comes from the trace the event is published with.
  return {
    decision,
    program_id: payout.programId,
    market: payout.market,
    mode: payout.mode,
    config_version: payout.configVersion,
    amount_minor: payout.amountMinor,
    currency: payout.currency,
    corridor: payout.corridor,
    checks: checksPayload(details.checks),
    hold: details.hold ? holdPayload(details.hold) : null,
    decided_by: details.decidedBy,
    note: details.note,
  };
}

/** Trace of a follow-up decision on a payout: same correlation; the cause is outside Sluice (an operator). */
export const operatorTrace = (payout: Pick<ScreenedPayout, 'payoutId' | 'correlationId'>) => ({
  correlationId: payout.correlationId,
  causationId: null,
  payoutId: payout.payoutId,
});
