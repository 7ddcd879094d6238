import { maskTaxId } from '@sluice/money';
import type { KycRecord, KycStatus } from '../domain/kyc.ts';
import type { TaxArtifact, TaxArtifactStatus } from '../domain/tax-artifact.ts';
import type { ComplianceDeps, ComplianceTx, Stores } from './ports.ts';
import { type Reevaluated, reevaluateHolds } from './reevaluate-holds.ts';

export interface KycInput {
  readonly status: KycStatus;
  readonly legalName: string | null;
  readonly country: string | null;
  readonly expiresAt: Date | null;
  readonly evidenceRef: string;
}

export interface TaxArtifactInput {
  readonly status: TaxArtifactStatus;
  readonly expiresAt: Date | null;
  /** The full tax id as submitted; only its masked form is kept. */
  readonly identifier: string | null;
  readonly evidenceRef: string;
}

/** Records a beneficiary's KYC status and re-evaluates the KYC gate of its open holds. */
export async function recordKyc(
  tx: ComplianceTx,
  deps: ComplianceDeps,
  operatorId: string,
  beneficiaryId: string,
  input: KycInput,
): Promise<{ kyc: KycRecord; reevaluated: Reevaluated[] }> {
  const at = deps.clock.now();
  const kyc: KycRecord = { beneficiaryId, ...input, updatedBy: operatorId, updatedAt: at };
  await tx.beneficiaries.saveKyc(kyc);
  await tx.audit.append({
    at,
    actor: operatorId,
    action: 'kyc_recorded',
    subjectType: 'beneficiary',
    subjectId: beneficiaryId,
    detail: {
      status: input.status,
      expires_at: input.expiresAt?.toISOString() ?? null,
      evidence_ref: input.evidenceRef,
    },
  });
  return { kyc, reevaluated: await reevaluateHolds(tx, deps, beneficiaryId, ['kyc'], operatorId) };
}

/**
 * Records (or replaces) a beneficiary's tax artifact of one type and re-evaluates its open holds' tax gate. The tax
 * id is masked before it is stored or logged: it exists in clear only in the request.
 */
export async function recordTaxArtifact(
  tx: ComplianceTx,
  deps: ComplianceDeps,
  operatorId: string,
  beneficiaryId: string,
  type: string,
  input: TaxArtifactInput,
): Promise<{ artifact: TaxArtifact; reevaluated: Reevaluated[] }> {
  const at = deps.clock.now();
  const artifact = await tx.beneficiaries.saveTaxArtifact({
    id: deps.ids.newId(),
    beneficiaryId,
    type,
    status: input.status,
    expiresAt: input.expiresAt,
    maskedIdentifier: input.identifier ? maskTaxId(input.identifier) : null,
    evidenceRef: input.evidenceRef,
    recordedBy: operatorId,
    recordedAt: at,
  });
  await tx.audit.append({
    at,
    actor: operatorId,
    action: 'tax_artifact_recorded',
    subjectType: 'beneficiary',
    subjectId: beneficiaryId,
    detail: {
      type,
      status: input.status,
      masked_identifier: artifact.maskedIdentifier,
      evidence_ref: input.evidenceRef,
    },
  });
  return { artifact, reevaluated: await reevaluateHolds(tx, deps, beneficiaryId, ['tax_artifacts'], operatorId) };
}

/** What compliance holds on a beneficiary: KYC (default unknown) and tax artifacts, masked. */
export async function beneficiaryProfile(stores: Stores, beneficiaryId: string) {
  return {
    kyc: await stores.beneficiaries.kyc(beneficiaryId),
    taxArtifacts: await stores.beneficiaries.taxArtifacts(beneficiaryId),
  };
}
