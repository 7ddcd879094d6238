import type { GateName as ConfigGate } from '@sluice/program-config';
import { configVersionOf, recordChecks } from '../domain/decision.ts';
import { activeReasons, type Hold, reevaluate } from '../domain/hold.ts';
import { evaluateGates } from './evaluate-gates.ts';
import type { ComplianceDeps, ComplianceTx, GateRunRecord } from './ports.ts';

/** A hold before and after a re-evaluation. */
export interface Reevaluated {
  readonly holdId: string;
  readonly activeBefore: readonly string[];
  readonly activeAfter: readonly string[];
  readonly cleared: boolean;
}

/**
 * Re-runs `gates` (the ones whose inputs changed: KYC or tax artifacts) for every open hold of the beneficiary,
 * under the program config loaded now, records the runs and updates the holds' reasons. Never releases or denies:
 * that stays with approvers. Sanctions, KYT and limits are not re-run here (their inputs did not change, and
 * re-running limits would count the payout twice).
 */
export async function reevaluateHolds(
  tx: ComplianceTx,
  deps: ComplianceDeps,
  beneficiaryId: string,
  gates: readonly ConfigGate[],
  actor: string,
): Promise<Reevaluated[]> {
  const holds = await tx.holds.lockOpenForBeneficiary(beneficiaryId);
  const results: Reevaluated[] = [];
  for (const hold of holds) {
    const result = await reevaluateOne(tx, deps, hold, gates, actor);
    if (result) results.push(result);
  }
  return results;
}

async function reevaluateOne(
  tx: ComplianceTx,
  deps: ComplianceDeps,
  hold: Hold,
  gates: readonly ConfigGate[],
  actor: string,
): Promise<Reevaluated | undefined> {
  const program = deps.catalog.program(hold.programId);
  const market = program?.markets.find((m) => m.country === hold.market);
  if (!program || !market) return undefined;
  const payout = await tx.screenings.find(hold.payoutId);
  if (!payout) return undefined;
  const at = deps.clock.now();
  const outcomes = await evaluateGates(
    tx,
    deps,
    { ...hold, program, market, network: payout.network, address: null, day: payout.day },
    gates,
  );
  const checks = recordChecks(outcomes, program, at);
  const configVersion = configVersionOf(program);
  const runs: GateRunRecord[] = checks.map((c) => ({
    ...c,
    payoutId: hold.payoutId,
    holdId: hold.id,
    trigger: 'reevaluation',
    configVersion,
  }));
  await tx.gateRuns.insert(runs);
  const next = reevaluate(
    hold,
    {
      gates: outcomes.map((o) => o.gate),
      findings: checks.flatMap((c) =>
        c.result === 'allow' || !c.code ? [] : [{ gate: c.gate, code: c.code, result: c.result }],
      ),
      evidence: checks.flatMap((c) => c.evidence),
    },
    at,
  );
  await tx.holds.save(next);
  const result: Reevaluated = {
    holdId: hold.id,
    activeBefore: activeReasons(hold).map((r) => r.code),
    activeAfter: activeReasons(next).map((r) => r.code),
    cleared: next.clearedAt !== null,
  };
  await tx.audit.append({
    at,
    actor,
    action: 'hold_reevaluated',
    subjectType: 'hold',
    subjectId: hold.id,
    detail: {
      gates: outcomes.map((o) => o.gate),
      before: result.activeBefore,
      after: result.activeAfter,
      config_version: configVersion,
    },
  });
  return result;
}
