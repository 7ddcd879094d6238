/** KYC states of a beneficiary as recorded by the KYC/KYT review owner or a KYC provider. */
export const KYC_STATUSES = ['unknown', 'pending', 'verified', 'rejected', 'expired'] as const;
export type KycStatus = (typeof KYC_STATUSES)[number];

/** The KYC record compliance keeps per beneficiary; a beneficiary never recorded counts as `unknown`. */
export interface KycRecord {
  readonly beneficiaryId: string;
  readonly status: KycStatus;
  /** Legal name screened against sanctions lists; null when the KYC source did not give one. */
  readonly legalName: string | null;
  /** ISO 3166 alpha-2 country of residence, when known. */
  readonly country: string | null;
  /** When the verification lapses (re-verification due); null = no expiry. */
  readonly expiresAt: Date | null;
  readonly evidenceRef: string;
  readonly updatedBy: string;
  readonly updatedAt: Date;
}
