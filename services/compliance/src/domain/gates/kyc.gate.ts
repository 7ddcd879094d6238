import { allow, deny, type GateOutcome, hold } from '../gate-result.ts';
import type { KycRecord } from '../kyc.ts';

export const KYC_RULE = { rule: 'kyc.status', ruleVersion: '1' } as const;

/**
 * Beneficiary KYC: verified and unexpired → allow; never recorded, pending or expired → hold until the record
 * changes; rejected → deny. An unknown beneficiary is held, never waved through.
 */
export function kycGate(record: KycRecord | null, now: Date): GateOutcome {
  const input = {
    beneficiary_id: record?.beneficiaryId ?? null,
    status: record?.status ?? 'unknown',
    expires_at: record?.expiresAt ?? null,
    as_of: now,
  };
  const evidence = record ? [`kyc:${record.evidenceRef}`] : [];
  const outcome = (verdict: GateOutcome['verdict']): GateOutcome => ({
    gate: 'kyc',
    ...KYC_RULE,
    input,
    verdict,
    evidence,
  });
  switch (input.status) {
    case 'unknown':
      return outcome(hold('kyc_unknown'));
    case 'pending':
      return outcome(hold('kyc_pending'));
    case 'rejected':
      return outcome(deny('kyc_rejected'));
    case 'expired':
      return outcome(hold('kyc_expired'));
    case 'verified':
      return outcome(record?.expiresAt && record.expiresAt <= now ? hold('kyc_expired') : allow());
  }
}
