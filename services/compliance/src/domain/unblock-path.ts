/** What must happen for each reason code; the hold's unblock path is these steps, then the approvals. */
const STEPS: Readonly<Record<string, string>> = {
  kyc_unknown: 'record the beneficiary’s KYC as verified (PUT /v1/beneficiaries/{id}/kyc)',
  kyc_pending: 'finish KYC and record it as verified (PUT /v1/beneficiaries/{id}/kyc)',
  kyc_expired: 're-verify the beneficiary’s KYC (PUT /v1/beneficiaries/{id}/kyc)',
  kyc_rejected: 'KYC rejected: deny the payout',
  sanctions_match: 'sanctions match: deny the payout and escalate to the KYC/KYT review owner',
  sanctions_possible_match: 'KYC/KYT reviewer clears or confirms the possible sanctions match, with evidence',
  screening_unavailable: 're-screen against the sanctions lists once they are available',
  kyt_high_risk: 'KYC/KYT reviewer reviews the on-chain risk report of the destination',
  kyt_severe_risk: 'severe on-chain risk: deny the payout',
  kyt_unavailable: 're-run KYT once the risk scorer is available',
  tax_artifact_missing: 'record an accepted tax artifact as present (PUT /v1/beneficiaries/{id}/tax-artifacts/{type})',
  tax_artifact_expired: 'record a renewed tax artifact (PUT /v1/beneficiaries/{id}/tax-artifacts/{type})',
  tax_artifact_under_review: 'tax reviewer finishes the review of the artifact on file',
  tax_artifacts_not_configured: 'list the accepted tax artifacts of the market in the program config',
  limits_not_configured: 'configure limits for the currency in the program config',
  velocity_beneficiary_exceeded: 'confirm the beneficiary’s volume today is expected, with evidence',
  velocity_program_exceeded: 'confirm the program’s volume today is expected, with evidence',
};

/** The unblock path of a hold: one step per reason, then who releases. */
export function unblockPathFor(codes: readonly string[], requiredApprovals: 1 | 2): string {
  const steps = [...new Set(codes)].map((code) => STEPS[code] ?? `resolve ${code}`);
  const release =
    requiredApprovals === 2
      ? 'release by two different approvers (amount above the 4-eyes threshold)'
      : 'release by an approver';
  return [...(steps.length > 0 ? steps : ['all gates clear']), release].join('; then ');
}
