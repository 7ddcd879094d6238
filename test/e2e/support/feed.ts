import { randomUUID } from 'node:crypto';
import { avroOptions, type ComplianceDecidedV1, type PayoutAcceptedV1, TOPICS } from '@sluice/contracts';
import { createMessaging, type Messaging, Outbox, type OutboxRelay, type Payload } from '@sluice/messaging';
import type { TestInfra } from '@sluice/messaging/testing';
import { type Database, openDatabase } from '@sluice/persistence';
import { createLogger, createMetrics } from '@sluice/service-kit';
import { freshDatabase, type TestDatabase } from '@sluice/testing';

/** A valid EIP-55 (mixed-case checksum) address on Base: the wallet every test payout goes to. */
export const DESTINATION_ADDRESS = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';
export const CORRIDOR = 'US-USDC-BASE';
export const MARKET = 'US';

/** One approved payout as the suite sends it; `scenario` picks the sandbox's scripted behaviour. */
export interface FedPayout {
  readonly payoutId: string;
  readonly correlationId: string;
  readonly amountMinor: bigint;
  readonly scenario: string;
}

/**
 * Stands in for intake and compliance: its own database and outbox, publishing `payouts.accepted.v1` and
 * `compliance.decided.v1` (approved, live) exactly the way those services do — appended in a transaction, then
 * published by the outbox relay.
 */
export interface Feed {
  readonly messaging: Messaging;
  /** Accepts and approves a fresh payout under `programId`; resolves once both events are on Kafka. */
  approve(programId: string, scenario: string): Promise<FedPayout>;
  close(): Promise<void>;
}

export async function startFeed(infra: TestInfra, logLevel: string): Promise<Feed> {
  const scratch: TestDatabase = await freshDatabase(infra.postgresUrl, 'e2e_feed');
  const db: Database = await openDatabase({ serverUrl: infra.postgresUrl, dbName: scratch.name });
  const messaging = await createMessaging({
    service: 'intake',
    brokers: infra.kafkaBrokers,
    registryUrl: infra.schemaRegistryUrl,
    db,
    topics: TOPICS,
    namespace: infra.topicNamespace,
    avroOptions: avroOptions(),
    logger: createLogger('e2e-feed', logLevel),
    metricsRegistry: createMetrics('e2e-feed').registry,
  });
  // Same database and codec, but the envelope names compliance as the producer of its decisions.
  const compliance = new Outbox({ codec: messaging.codec, producer: 'compliance' });
  const relay: OutboxRelay = messaging.relay();
  let amountStep = 0n;
  return {
    messaging,
    async approve(programId, scenario) {
      amountStep += 1n;
      const payout: FedPayout = {
        payoutId: randomUUID(),
        correlationId: randomUUID(),
        amountMinor: 2_500_000n + amountStep,
        scenario,
      };
      const trace = { correlationId: payout.correlationId, payoutId: payout.payoutId };
      await db.transaction(async (em) => {
        await messaging.outbox.append(em, [
          messaging.outbox.event<PayoutAcceptedV1>('payouts.accepted.v1', accepted(payout, programId), trace),
        ]);
        await compliance.append(em, [
          compliance.event<ComplianceDecidedV1>('compliance.decided.v1', approved(payout, programId), trace),
        ]);
      });
      await relay.drain();
      return payout;
    },
    async close() {
      await messaging.close();
      await db.close();
      await scratch.drop();
    },
  };
}

function accepted(p: FedPayout, programId: string): Payload<PayoutAcceptedV1> {
  return {
    platform_id: 'plt_e2e_callbacks',
    request_id: `req-${p.payoutId}`,
    platform_reference: null,
    beneficiary_id: randomUUID(),
    destination_type: 'wallet',
    destination_id: randomUUID(),
    destination: `${DESTINATION_ADDRESS.slice(0, 6)}…${DESTINATION_ADDRESS.slice(-4)}`,
    network: 'base',
    destination_address: DESTINATION_ADDRESS,
    amount_minor: p.amountMinor,
    currency: 'USDC',
    corridor: CORRIDOR,
    program_id: programId,
    market: MARKET,
    request_hash: '0'.repeat(64),
    metadata: { scenario: p.scenario },
  };
}

function approved(p: FedPayout, programId: string): Payload<ComplianceDecidedV1> {
  return {
    decision: 'approved',
    program_id: programId,
    market: MARKET,
    mode: 'live',
    config_version: 'e2e',
    amount_minor: p.amountMinor,
    currency: 'USDC',
    corridor: CORRIDOR,
    checks: [],
    hold: null,
    decided_by: null,
    note: null,
  };
}
