import type { PayoutAcceptedV1 } from '@sluice/contracts';
import { configVersionOf, decide, recordChecks } from '../domain/decision.ts';
import { marketModeGate } from '../domain/gates/market-mode.gate.ts';
import type { Hold } from '../domain/hold.ts';
import { openHold } from '../domain/open-hold.ts';
import { decisionEvent } from './decision-event.ts';
import { evaluateGates, velocityScopes } from './evaluate-gates.ts';
import type { ComplianceDeps, ComplianceTx, GateRunRecord, ScreenedPayout } from './ports.ts';

export type ScreenOutcome =
  | { readonly kind: 'duplicate' }
  | {
      readonly kind: 'decided';
      readonly decision: 'approved' | 'held' | 'denied';
      readonly mode: string;
      readonly codes: readonly string[];
      readonly hold: Hold | null;
      readonly checks: readonly GateRunRecord[];
    };

/**
 * Screens an accepted payout: resolves its program route, runs the market's required gates, records every gate
 * run, opens a hold when one is needed, counts the amount towards velocity, and publishes compliance.decided.v1 —
 * all in the caller's transaction. A payout already screened (same payout id, whatever the event id) is a no-op.
 */
export async function screenPayout(
  tx: ComplianceTx,
  deps: ComplianceDeps,
  event: PayoutAcceptedV1,
): Promise<ScreenOutcome> {
  const now = deps.clock.now();
  const program = deps.catalog.program(event.program_id);
  const route = marketModeGate(
    { programId: event.program_id, market: event.market, corridorId: event.corridor, currency: event.currency },
    program,
  );
  const configVersion = program ? configVersionOf(program) : `catalog@${deps.catalog.contentHash.slice(0, 16)}`;
  const payout: ScreenedPayout = {
    payoutId: event.payout_id,
    eventId: event.event_id,
    correlationId: event.correlation_id,
    beneficiaryId: event.beneficiary_id,
    programId: event.program_id,
    market: event.market,
    corridor: event.corridor,
    amountMinor: event.amount_minor,
    currency: event.currency,
    destinationType: event.destination_type,
    destination: event.destination,
    network: event.network,
    // An unresolved route has no mode; read_only is the safe default (ARCHITECTURE.md §4).
    mode: route.ok ? route.market.mode : 'read_only',
    decision: 'screening',
    configVersion,
    // Velocity counts by the day the payout was accepted, so a replay lands on the same day's totals.
    day: new Date(event.occurred_at).toISOString().slice(0, 10),
    decidedAt: now,
  };
  if (!(await tx.screenings.claim(payout))) return { kind: 'duplicate' };

  const outcomes = [route.outcome];
  if (route.ok) {
    outcomes.push(
      ...(await evaluateGates(tx, deps, {
        programId: payout.programId,
        beneficiaryId: payout.beneficiaryId,
        program: route.program,
        market: route.market,
        amountMinor: payout.amountMinor,
        currency: payout.currency,
        network: event.network,
        address: event.destination_address,
        day: payout.day,
      })),
    );
  }
  const checks = recordChecks(outcomes, program, now);
  const { decision, codes } = decide(checks);
  const hold =
    decision === 'held' && route.ok
      ? openHold({ ...payout, id: deps.ids.newId(), program: route.program, market: route.market, checks, at: now })
      : null;
  if (hold) {
    await tx.holds.insert(hold);
    await tx.audit.append({
      at: now,
      actor: 'system',
      action: 'hold_opened',
      subjectType: 'hold',
      subjectId: hold.id,
      detail: { payout_id: payout.payoutId, reason_codes: codes, required_approvals: hold.requiredApprovals },
    });
  }
  // A held payout keeps its place in today's limits until it is denied; a denied one never took it.
  if (route.ok && decision !== 'denied' && route.market.requiredGates.includes('limits')) {
    const scopes = velocityScopes({ ...payout, market: route.market });
    await tx.velocity.add(scopes, payout.day, payout.currency, payout.amountMinor);
  }
  const runs: GateRunRecord[] = checks.map((c) => ({
    ...c,
    payoutId: payout.payoutId,
    holdId: hold?.id ?? null,
    trigger: 'accepted',
    configVersion,
  }));
  await tx.gateRuns.insert(runs);
  await tx.screenings.setDecision(payout.payoutId, decision);
  await tx.publish(decisionEvent({ ...payout, decision }, decision, { checks, hold, decidedBy: null, note: null }), {
    correlationId: event.correlation_id,
    causationId: event.event_id,
    payoutId: event.payout_id,
  });
  return { kind: 'decided', decision, mode: payout.mode, codes, hold, checks: runs };
}
