import type { GateName as ConfigGate, Market, Program } from '@sluice/program-config';
import type { GateOutcome } from '../domain/gate-result.ts';
import { kycGate } from '../domain/gates/kyc.gate.ts';
import { kytGate } from '../domain/gates/kyt.gate.ts';
import { limitsGate } from '../domain/gates/limits.gate.ts';
import { sanctionsGate } from '../domain/gates/sanctions.gate.ts';
import { taxArtifactsGate } from '../domain/gates/tax-artifacts.gate.ts';
import type { ScreeningSubject } from '../domain/screening.ts';
import type { ComplianceDeps, Stores } from './ports.ts';

/** The gates a market can require, in evaluation order (cheap record lookups first, limits last). */
export const GATE_ORDER: readonly ConfigGate[] = ['kyc', 'sanctions', 'kyt', 'tax_artifacts', 'limits'];

/** The payout facts the gates look at. */
export interface GateSubject {
  readonly programId: string;
  readonly beneficiaryId: string;
  readonly market: Market;
  readonly program: Program;
  readonly amountMinor: bigint;
  readonly currency: string;
  readonly network: string | null;
  readonly address: string | null;
  readonly day: string;
}

/** Velocity scopes: one beneficiary of a program, and the program in one market. */
export function velocityScopes(s: Pick<GateSubject, 'programId' | 'beneficiaryId' | 'market'>): [string, string] {
  return [`beneficiary:${s.programId}:${s.beneficiaryId}`, `program:${s.programId}:${s.market.country}`];
}

/**
 * Runs the required gates among `gates` for one payout and returns their outcomes in order. Only the
 * gates the market lists run: a gate not required is not evaluated (and so not claimed as checked).
 */
export async function evaluateGates(
  stores: Stores,
  deps: ComplianceDeps,
  subject: GateSubject,
  gates: readonly ConfigGate[] = GATE_ORDER,
): Promise<GateOutcome[]> {
  const now = deps.clock.now();
  const required = gates.filter((g) => subject.market.requiredGates.includes(g));
  const kyc = await stores.beneficiaries.kyc(subject.beneficiaryId);
  const screened: ScreeningSubject = {
    network: subject.network,
    address: subject.address,
    name: kyc?.legalName ?? null,
  };
  const outcomes: GateOutcome[] = [];
  for (const gate of required) {
    switch (gate) {
      case 'kyc':
        outcomes.push(kycGate(kyc, now));
        break;
      case 'sanctions':
        outcomes.push(sanctionsGate(screened, await deps.screening.sanctions(screened)));
        break;
      case 'kyt':
        outcomes.push(kytGate(screened, await deps.screening.risk(screened), deps.kyt));
        break;
      case 'tax_artifacts': {
        const artifacts = await stores.beneficiaries.taxArtifacts(subject.beneficiaryId);
        outcomes.push(taxArtifactsGate(subject.market.acceptedTaxArtifacts, artifacts, now));
        break;
      }
      case 'limits': {
        const scopes = velocityScopes(subject);
        const totals = await stores.velocity.lockTotals(scopes, subject.day, subject.currency);
        outcomes.push(
          limitsGate({
            amountMinor: subject.amountMinor,
            currency: subject.currency,
            limits: subject.market.limits.find((l) => l.currency === subject.currency),
            beneficiaryDayTotalMinor: totals.get(scopes[0]) ?? 0n,
            programDayTotalMinor: totals.get(scopes[1]) ?? 0n,
            day: subject.day,
          }),
        );
        break;
      }
    }
  }
  return outcomes;
}
