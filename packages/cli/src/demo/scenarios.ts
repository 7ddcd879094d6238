/** One payout of the demo batch: who is paid, how, and where it must end up. */
export interface DemoPayout {
  readonly label: string;
  readonly beneficiary: 'ana' | 'ben' | 'carla';
  readonly wallet: 'base' | 'solana';
  readonly corridor: string;
  readonly amountMinor: bigint;
  /** The provider sandbox scenario (metadata.scenario). */
  readonly scenario: string;
  /** Intake's final status for this payout once the pipeline has converged. */
  readonly expected: string;
  readonly via: 'rest' | 'topic';
  /** No provider callbacks for this payout (`metadata.callbacks: none`). */
  readonly silent?: boolean;
}

const usdc = (major: number) => BigInt(major) * 1_000_000n;

/**
 * The mixed batch: every sandbox failure scenario on the live US market, a payout that compliance holds (released by
 * two approvers), one it denies (sanctioned address), one on the read-only PH market (shadow), one sent via Kafka.
 */
export const DEMO_PAYOUTS: readonly DemoPayout[] = [
  { label: 'plain success', scenario: 'success', expected: 'confirmed', amountMinor: usdc(120) },
  { label: 'slow provider', scenario: 'slow_success', expected: 'confirmed', amountMinor: usdc(75) },
  { label: 'network fee deducted', scenario: 'short_settlement', expected: 'confirmed', amountMinor: usdc(300) },
  { label: 'fails after pending', scenario: 'failure_after_pending', expected: 'failed', amountMinor: usdc(42) },
  {
    label: 'reversed after confirm',
    scenario: 'reversal_after_confirmation',
    expected: 'reversed',
    amountMinor: usdc(55),
  },
  { label: 'duplicate callbacks', scenario: 'duplicate_callbacks', expected: 'confirmed', amountMinor: usdc(60) },
  { label: 'out-of-order callbacks', scenario: 'out_of_order_callbacks', expected: 'confirmed', amountMinor: usdc(61) },
  { label: 'callbacks never sent', scenario: 'missing_callbacks', expected: 'confirmed', amountMinor: usdc(62) },
  // No callbacks for this one: after the timeout only a poll can tell dispatch what happened.
  { label: 'provider timeout', scenario: 'timeout', expected: 'confirmed', amountMinor: usdc(90), silent: true },
  { label: 'provider out of funds', scenario: 'insufficient_funds', expected: 'confirmed', amountMinor: usdc(95) },
  { label: 'provider says 400', scenario: 'bad_request', expected: 'failed', amountMinor: usdc(10) },
]
  .map((p) => ({ ...p, beneficiary: 'ana', wallet: 'base', corridor: 'US-USDC-BASE', via: 'rest' }) as DemoPayout)
  .concat([
    {
      label: 'no KYC, above 1,000',
      beneficiary: 'ben',
      wallet: 'base',
      corridor: 'US-USDC-BASE',
      amountMinor: usdc(1_500),
      scenario: 'success',
      expected: 'confirmed',
      via: 'rest',
    },
    {
      label: 'sanctioned address',
      beneficiary: 'carla',
      wallet: 'base',
      corridor: 'US-USDC-BASE',
      amountMinor: usdc(200),
      scenario: 'success',
      expected: 'denied',
      via: 'rest',
    },
    {
      label: 'read-only market (PH)',
      beneficiary: 'ana',
      wallet: 'solana',
      corridor: 'PH-USDC-SOLANA',
      amountMinor: usdc(33),
      scenario: 'success',
      expected: 'approved',
      via: 'rest',
    },
    {
      label: 'sent on Kafka',
      beneficiary: 'ana',
      wallet: 'base',
      corridor: 'US-USDC-BASE',
      amountMinor: usdc(44),
      scenario: 'success',
      expected: 'confirmed',
      via: 'topic',
    },
  ]);

/** Published EIP-55 test vectors and the USDC mint: valid, well-known, belonging to nobody in this demo. */
export const DEMO_WALLETS = {
  ana: { base: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', solana: 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v' },
  ben: { base: '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359' },
} as const;
