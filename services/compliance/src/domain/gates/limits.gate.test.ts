import { type LimitsInput, limitsGate } from './limits.gate.ts';

const limits = {
  currency: 'USDC',
  perPayoutMinor: 10_000n,
  dailyPerBeneficiaryMinor: 25_000n,
  dailyPerProgramMinor: 100_000n,
  dualApprovalAboveMinor: 1_000n,
};
const input = (overrides: Partial<LimitsInput>): LimitsInput => ({
  amountMinor: 5_000n,
  currency: 'USDC',
  limits,
  beneficiaryDayTotalMinor: 0n,
  programDayTotalMinor: 0n,
  day: '2026-05-01',
  ...overrides,
});

describe('limits gate', () => {
  it('allows a payout within every limit, including exactly at the cap', () => {
    expect(limitsGate(input({})).verdict).toEqual({ result: 'allow' });
    expect(limitsGate(input({ amountMinor: 10_000n, beneficiaryDayTotalMinor: 15_000n })).verdict).toEqual({
      result: 'allow',
    });
  });

  it('denies a payout above the per-payout limit', () => {
    expect(limitsGate(input({ amountMinor: 10_001n })).verdict).toEqual({
      result: 'deny',
      code: 'limit_per_payout_exceeded',
    });
  });

  it('holds when the beneficiary’s daily velocity would be exceeded', () => {
    expect(limitsGate(input({ beneficiaryDayTotalMinor: 20_001n })).verdict).toEqual({
      result: 'hold',
      code: 'velocity_beneficiary_exceeded',
    });
  });

  it('holds when the program’s daily velocity would be exceeded', () => {
    expect(limitsGate(input({ programDayTotalMinor: 95_001n })).verdict).toEqual({
      result: 'hold',
      code: 'velocity_program_exceeded',
    });
  });

  it('holds when no limits are configured for the currency', () => {
    expect(limitsGate(input({ limits: undefined })).verdict).toEqual({ result: 'hold', code: 'limits_not_configured' });
  });
});
