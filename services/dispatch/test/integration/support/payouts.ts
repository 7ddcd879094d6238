import { randomUUID } from 'node:crypto';
import type { ComplianceDecidedV1, PayoutAcceptedV1 } from '@sluice/contracts';
import type { Payload } from '@sluice/messaging';

/** A payout as the tests publish it: what intake accepts and compliance decides on. */
export interface TestPayout {
  readonly payoutId: string;
  readonly correlationId: string;
  readonly programId: string;
  readonly corridor: string;
  readonly market: string;
  readonly network: string;
  readonly address: string;
  readonly amountMinor: bigint;
  readonly currency: string;
  readonly metadata: Record<string, string>;
}

const ADDRESSES = [
  '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
  '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
  '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
];

let counter = 0;

/** A live US payout on Base in USDC; `scenario` picks the sandbox's behaviour. */
export function testPayout(programId: string, scenario: string, overrides: Partial<TestPayout> = {}): TestPayout {
  counter += 1;
  return {
    payoutId: randomUUID(),
    correlationId: randomUUID(),
    programId,
    corridor: 'US-USDC-BASE',
    market: 'US',
    network: 'base',
    address: ADDRESSES[counter % ADDRESSES.length]!,
    amountMinor: 1_000_000n + BigInt(counter),
    currency: 'USDC',
    metadata: { scenario, test_case: `case-${counter}` },
    ...overrides,
  };
}

export function acceptedPayload(p: TestPayout): Payload<PayoutAcceptedV1> {
  return {
    platform_id: 'plt_dispatch_it',
    request_id: `req-${p.payoutId}`,
    platform_reference: null,
    beneficiary_id: randomUUID(),
    destination_type: 'wallet',
    destination_id: randomUUID(),
    destination: `${p.address.slice(0, 6)}…${p.address.slice(-4)}`,
    network: p.network,
    destination_address: p.address,
    amount_minor: p.amountMinor,
    currency: p.currency,
    corridor: p.corridor,
    program_id: p.programId,
    market: p.market,
    request_hash: '0'.repeat(64),
    metadata: p.metadata,
  } as Payload<PayoutAcceptedV1>;
}

export function decisionPayload(
  p: TestPayout,
  decision: 'approved' | 'released' | 'held' | 'denied',
  mode: 'live' | 'read_only' = 'live',
): Payload<ComplianceDecidedV1> {
  return {
    decision,
    program_id: p.programId,
    market: p.market,
    mode,
    config_version: 'test',
    amount_minor: p.amountMinor,
    currency: p.currency,
    corridor: p.corridor,
    checks: [],
    hold: null,
    decided_by: null,
    note: null,
  } as Payload<ComplianceDecidedV1>;
}
