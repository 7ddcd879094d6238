/**
 * Destinations that reach each screening outcome in the sandbox, for demos and system tests: on the shipped
 * (fictional) sanctions list → deny; the sandbox risk scorer's suffixes → KYT hold or deny. All pass intake's
 * address validation.
 */
export const SANDBOX_SCREENING_ADDRESSES = {
  /** On data/screening/sandbox-sanctioned-addresses.txt (any EVM network): `sanctions_match` → denied. */
  sanctionedEvm: '0x5a1c7e0000000000000000000000000000000bad',
  /** On the same list for Solana. */
  sanctionedSolana: '4gwFS9ktazqHa1e5wFTLFuW5k22WdMqD2ue8K2P2YL7g',
  /** Ends in `beef`: KYT score 80 → `kyt_high_risk` → held. */
  highRiskEvm: '0x1111111111111111111111111111111111c0beef',
  /** Ends in `dead`: KYT score 95 → `kyt_severe_risk` → denied. */
  severeRiskEvm: '0x2222222222222222222222222222222222c0dead',
} as const;
