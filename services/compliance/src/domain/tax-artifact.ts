/** Readiness states of a tax artifact (issue 5): only `present` and unexpired counts. */
export const TAX_ARTIFACT_STATUSES = ['present', 'missing', 'expired', 'under_review'] as const;
export type TaxArtifactStatus = (typeof TAX_ARTIFACT_STATUSES)[number];

/** Artifact types are free codes so a market can add one by config (W-9, W-8BEN, W-8BEN-E, DAC8, CARF …). */
export const TAX_ARTIFACT_TYPE = /^[A-Za-z0-9][A-Za-z0-9_/-]{0,31}$/;

/** A tax artifact on file for a beneficiary; the tax id itself is never stored, only its masked form. */
export interface TaxArtifact {
  readonly id: string;
  readonly beneficiaryId: string;
  readonly type: string;
  readonly status: TaxArtifactStatus;
  readonly expiresAt: Date | null;
  /** e.g. `…6789` (maskTaxId); the full identifier stays with the document store behind `evidenceRef`. */
  readonly maskedIdentifier: string | null;
  readonly evidenceRef: string;
  readonly recordedBy: string;
  readonly recordedAt: Date;
}

/** The status that counts at `now`: a `present` artifact past its expiry is `expired`. */
export function effectiveStatus(artifact: Pick<TaxArtifact, 'status' | 'expiresAt'>, now: Date): TaxArtifactStatus {
  if (artifact.status === 'present' && artifact.expiresAt && artifact.expiresAt <= now) return 'expired';
  return artifact.status;
}
