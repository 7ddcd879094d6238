import type { KycRecord, KycStatus } from '../kyc.ts';
import { kycGate } from './kyc.gate.ts';

const now = new Date('2026-05-01T12:00:00Z');
const record = (status: KycStatus, expiresAt: Date | null = null): KycRecord => ({
  beneficiaryId: 'ben-1',
  status,
  legalName: 'Ada Lovelace',
  country: 'US',
  expiresAt,
  evidenceRef: 'kyc-provider/case/42',
  updatedBy: 'op-1',
  updatedAt: now,
});

describe('kyc gate', () => {
  it('allows a verified, unexpired beneficiary and cites the KYC evidence', () => {
    const outcome = kycGate(record('verified', new Date('2027-01-01T00:00:00Z')), now);
    expect(outcome.verdict).toEqual({ result: 'allow' });
    expect(outcome.evidence).toEqual(['kyc:kyc-provider/case/42']);
    expect(outcome).toMatchObject({ gate: 'kyc', rule: 'kyc.status', ruleVersion: '1' });
  });

  it.each([
    ['unknown', 'kyc_unknown'],
    ['pending', 'kyc_pending'],
    ['expired', 'kyc_expired'],
  ] as const)('holds a %s beneficiary', (status, code) => {
    expect(kycGate(record(status), now).verdict).toEqual({ result: 'hold', code });
  });

  it('holds a beneficiary never recorded (default unknown)', () => {
    const outcome = kycGate(null, now);
    expect(outcome.verdict).toEqual({ result: 'hold', code: 'kyc_unknown' });
    expect(outcome.evidence).toEqual([]);
  });

  it('holds a verification that lapsed', () => {
    expect(kycGate(record('verified', now), now).verdict).toEqual({ result: 'hold', code: 'kyc_expired' });
  });

  it('denies a rejected beneficiary', () => {
    expect(kycGate(record('rejected'), now).verdict).toEqual({ result: 'deny', code: 'kyc_rejected' });
  });
});
