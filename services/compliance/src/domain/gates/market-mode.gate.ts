import type { Corridor, Market, Program } from '@sluice/program-config';
import { allow, deny, type GateOutcome } from '../gate-result.ts';

/** Where the payout claims to go, as intake accepted it. */
export interface RouteClaim {
  readonly programId: string;
  readonly market: string;
  readonly corridorId: string;
  readonly currency: string;
}

/** The program, market and corridor the claim resolves to, or the reason it does not. */
export type ResolvedRoute =
  | { readonly ok: true; readonly program: Program; readonly market: Market; readonly corridor: Corridor }
  | { readonly ok: false; readonly program: Program | undefined; readonly outcome: GateOutcome };

export const MARKET_RULE = { rule: 'market.route_and_mode', ruleVersion: '1' } as const;

/**
 * Resolves program → market → corridor and checks they agree with the payout. The market's mode (read_only
 * until readiness passes) does not block: it travels on the decision so dispatch runs in shadow. A payout whose
 * route is not configured is denied — there is no rule set to approve it under.
 */
export function marketModeGate(
  claim: RouteClaim,
  program: Program | undefined,
): ResolvedRoute & { outcome: GateOutcome } {
  const market = program?.markets.find((m) => m.country === claim.market);
  const corridor = program?.corridors.find((c) => c.id === claim.corridorId);
  const input = {
    claim,
    program_version: program?.version ?? null,
    mode: market?.mode ?? null,
    corridor_market: corridor?.market ?? null,
    corridor_currency: corridor?.currency ?? null,
  };
  const outcome = (verdict: GateOutcome['verdict']): GateOutcome => ({
    gate: 'market_mode',
    ...MARKET_RULE,
    input,
    verdict,
    evidence: program ? [`program:${program.id}@${program.version}#${program.contentHash.slice(0, 12)}`] : [],
  });
  if (!program) return { ok: false, program, outcome: outcome(deny('program_unknown')) };
  if (!market) return { ok: false, program, outcome: outcome(deny('market_unknown')) };
  if (!corridor) return { ok: false, program, outcome: outcome(deny('corridor_unknown')) };
  if (corridor.market !== market.country || corridor.currency !== claim.currency) {
    return { ok: false, program, outcome: outcome(deny('corridor_mismatch')) };
  }
  return { ok: true, program, market, corridor, outcome: outcome(allow()) };
}
