import type { ComplianceDecidedV1, PayoutAcceptedV1 } from '@sluice/contracts';
import { newEventId } from '@sluice/messaging';
import { positionGroupAtEnd, publishEvents, serviceEnv, TopicTap, testNamespace } from '@sluice/messaging/testing';
import { freshDatabase, type InfraEndpoints, type TestDatabase, uniqueName, waitFor } from '@sluice/testing';
import { type ComplianceHandles, type IssuedOperator, loadComplianceConfig, startCompliance } from '../../src/index.ts';

/** A clock tests can move forward (SLA deadlines) without sleeping. */
export class TestClock {
  #offsetMs = 0;
  now = (): Date => new Date(Date.now() + this.#offsetMs);
  advance(ms: number): void {
    this.#offsetMs += ms;
  }
}

export interface TestCompliance {
  readonly compliance: ComplianceHandles;
  readonly clock: TestClock;
  /** An API client per seeded operator id (viewer, operator, approver-1, approver-2, admin). */
  readonly as: (operatorId: string) => ApiClient;
  readonly operators: readonly IssuedOperator[];
  stop(): Promise<void>;
}

/**
 * Compliance in-process on a fresh database, in the test topic namespace with its own consumer group, with the default
 * operators seeded.
 */
export async function startTestCompliance(infra: InfraEndpoints): Promise<TestCompliance> {
  const scratch: TestDatabase = await freshDatabase(infra.postgresUrl, 'compliance');
  const scoped = await testNamespace(infra);
  const group = uniqueName('compliance-test');
  await positionGroupAtEnd(scoped, group, ['payouts.accepted.v1']);
  const clock = new TestClock();
  const compliance = await startCompliance(
    loadComplianceConfig({
      HTTP_PORT: '0',
      LOG_LEVEL: 'silent',
      ...serviceEnv(scoped),
      COMPLIANCE_DB_NAME: scratch.name,
      COMPLIANCE_CONSUMER_GROUP: group,
      // The sweeper runs on demand in tests (handles.sweepSla), not on a timer.
      COMPLIANCE_SLA_SWEEP_MS: '3600000',
    }),
    { clock },
  );
  const operators = await compliance.seedOperators();
  const tokens = new Map(operators.map((o) => [o.operatorId, o.token]));
  return {
    compliance,
    clock,
    operators,
    as: (operatorId) => new ApiClient(compliance.url, tokens.get(operatorId) ?? 'op_unknown'),
    async stop() {
      await compliance.close();
      await scratch.drop();
    },
  };
}

export interface ApiResponse {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field in tests
  readonly body: any;
}

/** An operator's view of the REST API: JSON in, JSON out, the operator's token on every call. */
export class ApiClient {
  readonly baseUrl: string;
  readonly token: string;

  constructor(baseUrl: string, token: string) {
    this.baseUrl = baseUrl;
    this.token = token;
  }

  async call(method: string, path: string, body?: unknown): Promise<ApiResponse> {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : {} };
  }

  /** Records a verified KYC and an accepted, present W-9: the beneficiary passes the US KYC and tax gates. */
  async clearBeneficiary(beneficiaryId: string, legalName = 'Ada Lovelace'): Promise<void> {
    const kyc = await this.call('PUT', `/v1/beneficiaries/${beneficiaryId}/kyc`, {
      status: 'verified',
      legal_name: legalName,
      country: 'US',
      evidence_ref: 'kyc-vendor/case/1',
    });
    const tax = await this.call('PUT', `/v1/beneficiaries/${beneficiaryId}/tax-artifacts/W-9`, {
      status: 'present',
      identifier: '123-45-6789',
      evidence_ref: 'docs/w9/1',
    });
    if (kyc.status !== 200 || tax.status !== 200) throw new Error(`clearing ${beneficiaryId} failed`);
  }
}

/** An ordinary Base address (scores low in the sandbox risk scorer, on no sandbox list). */
export const CLEAN_ADDRESS = '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed';
/** On the shipped sandbox sanctions list. */
export const SANCTIONED_ADDRESS = '0x5a1c7e0000000000000000000000000000000bad';

/** A `payouts.accepted.v1` as intake publishes it: a USDC payout on US-USDC-BASE by default. */
export function acceptedEvent(fields: Partial<PayoutAcceptedV1> = {}): PayoutAcceptedV1 {
  const payoutId = fields.payout_id ?? uniqueName('po');
  return {
    event_id: newEventId(),
    event_type: 'payouts.accepted',
    occurred_at: Date.now(),
    producer: 'intake',
    correlation_id: newEventId(),
    causation_id: null,
    payout_id: payoutId,
    platform_id: 'acme',
    request_id: `req-${payoutId}`,
    platform_reference: null,
    beneficiary_id: uniqueName('ben'),
    destination_type: 'wallet',
    destination_id: newEventId(),
    destination: '0x5aAe…eAed',
    network: 'base',
    destination_address: CLEAN_ADDRESS,
    amount_minor: 50_000_000n,
    currency: 'USDC',
    corridor: 'US-USDC-BASE',
    program_id: 'sandbox-global',
    market: 'US',
    request_hash: 'a'.repeat(64),
    metadata: {},
    ...fields,
  };
}

/** Publishes accepted events the way intake's relay does: Avro framed with the registry schema id, keyed by payout. */
export function publishAccepted(infra: InfraEndpoints, ...events: PayoutAcceptedV1[]): Promise<void> {
  return publishKeyed(infra, null, events);
}

/**
 * Publishes under one Kafka key (so on one partition, in order): a marker published after duplicates is consumed
 * after them, which lets a test wait for the marker instead of sleeping.
 */
export async function publishKeyed(
  infra: InfraEndpoints,
  key: string | null,
  events: PayoutAcceptedV1[],
): Promise<void> {
  await publishEvents(
    await testNamespace(infra),
    'payouts.accepted.v1',
    events.map((event) => ({ key: key ?? event.payout_id, event })),
  );
}

export type Decoded = ComplianceDecidedV1;

/** Reads compliance.decided.v1 as a downstream team would (the shared tap), from the topic's current end. */
export class DecisionReader {
  readonly #tap: TopicTap<Decoded>;

  private constructor(tap: TopicTap<Decoded>) {
    this.#tap = tap;
  }

  static async start(infra: InfraEndpoints): Promise<DecisionReader> {
    return new DecisionReader(await TopicTap.start<Decoded>(await testNamespace(infra), ['compliance.decided.v1']));
  }

  /** Events about one payout, in topic order. */
  of(payoutId: string): Decoded[] {
    return this.#tap.about(payoutId).map((message) => message.value);
  }

  /** Waits for the payout's decision `decision` and returns it. */
  waitFor(payoutId: string, decision: string): Promise<Decoded> {
    return waitFor(() => this.of(payoutId).find((e) => e.decision === decision), {
      timeoutMs: 30_000,
      description: `${decision} decision for ${payoutId}`,
    });
  }

  stop(): Promise<void> {
    return this.#tap.stop();
  }
}
