import { createHash, randomUUID } from 'node:crypto';
import { avroOptions, type ComplianceDecidedV1, type PayoutAcceptedV1, TOPICS } from '@sluice/contracts';
import { EventCodec, envelope, frame, kafkaTopicName, RegistryClient } from '@sluice/messaging';
import type { TestInfra } from '@sluice/messaging/testing';
import { maskAddress, toChecksumAddress } from '@sluice/money';
import { type Consumer, Kafka, logLevel } from 'kafkajs';

/** One payout of a stage benchmark: what intake would accept and compliance would approve. */
export interface BenchPayout {
  readonly payoutId: string;
  readonly correlationId: string;
  readonly beneficiaryId: string;
  readonly programId: string;
  readonly address: string;
  readonly amountMinor: bigint;
}

/**
 * A Base address the sandbox KYT scorer rates as ordinary (it holds `…beef` and denies `…dead`), derived from `seed`
 * so a run's beneficiaries keep theirs.
 */
export function ordinaryAddress(seed: string): string {
  for (let salt = 0; ; salt += 1) {
    const hex = createHash('sha256').update(`${seed}:${salt}`).digest('hex').slice(0, 40);
    if (!hex.endsWith('beef') && !hex.endsWith('dead')) return toChecksumAddress(`0x${hex}`);
  }
}

/** `payouts.accepted.v1` as intake publishes it: a USDC payout on US-USDC-BASE to an active wallet. */
export function acceptedEvent(p: BenchPayout): PayoutAcceptedV1 {
  return {
    ...envelope('payouts.accepted.v1', 'intake', { correlationId: p.correlationId, payoutId: p.payoutId }),
    payout_id: p.payoutId,
    platform_id: 'bench',
    request_id: `req-${p.payoutId}`,
    platform_reference: null,
    beneficiary_id: p.beneficiaryId,
    destination_type: 'wallet',
    destination_id: randomUUID(),
    destination: maskAddress(p.address),
    network: 'base',
    destination_address: p.address,
    amount_minor: p.amountMinor,
    currency: 'USDC',
    corridor: 'US-USDC-BASE',
    program_id: p.programId,
    market: 'US',
    request_hash: '0'.repeat(64),
    metadata: { scenario: 'success' },
  };
}

/** An automatic `approved` decision in a live market, caused by `accepted`, as compliance publishes it. */
export function approvedEvent(p: BenchPayout, accepted: PayoutAcceptedV1): ComplianceDecidedV1 {
  const trace = { correlationId: p.correlationId, causationId: accepted.event_id, payoutId: p.payoutId };
  return {
    ...envelope('compliance.decided.v1', 'compliance', trace),
    payout_id: p.payoutId,
    decision: 'approved',
    program_id: p.programId,
    market: 'US',
    mode: 'live',
    config_version: 'bench',
    amount_minor: p.amountMinor,
    currency: 'USDC',
    corridor: 'US-USDC-BASE',
    checks: [],
    hold: null,
    decided_by: null,
    note: null,
  };
}

const codec = new EventCodec(TOPICS, avroOptions());
const kafkaOf = (brokers: readonly string[], clientId: string) =>
  new Kafka({ clientId, brokers: [...brokers], logLevel: logLevel.NOTHING });

/**
 * Publishes events to logical `topic` in the run's namespace the way a service's relay does: Avro with the registry's
 * schema id in front, keyed by payout, all replicas acknowledging, `batchSize` messages per request. Returns how long
 * the publishing took.
 */
export async function publishEvents(
  endpoints: TestInfra,
  topic: string,
  events: readonly (PayoutAcceptedV1 | ComplianceDecidedV1)[],
  batchSize = 1_000,
): Promise<{ ms: number }> {
  const registry = new RegistryClient({ url: endpoints.schemaRegistryUrl, codec, avroOptions: avroOptions() });
  const schemaId = await registry.schemaId(topic);
  const producer = kafkaOf(endpoints.kafkaBrokers, 'sluice-bench-publisher').producer({
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  const startedMs = performance.now();
  try {
    for (let from = 0; from < events.length; from += batchSize) {
      const messages = events.slice(from, from + batchSize).map((event) => ({
        key: event.payout_id,
        value: frame(schemaId, codec.encode(topic, event)),
      }));
      await producer.send({ topic: kafkaTopicName(endpoints.topicNamespace, topic), acks: -1, messages });
    }
    return { ms: performance.now() - startedMs };
  } finally {
    await producer.disconnect();
  }
}

/**
 * Counts the messages on logical `topic` of the run's own namespace (fresh topics: read from their beginnings) whose
 * key (the payout id) starts with `keyPrefix`: per key, with the first and last message timestamps (the producing
 * relay's send time). Nothing is decoded: a benchmark reads tens of thousands of them on the machine it measures.
 */
export class KeyTap {
  readonly counts = new Map<string, number>();
  firstMs = Number.POSITIVE_INFINITY;
  lastMs = 0;
  readonly #consumer: Consumer;

  private constructor(consumer: Consumer) {
    this.#consumer = consumer;
  }

  static async start(infra: TestInfra, topic: string, keyPrefix: string): Promise<KeyTap> {
    const groupId = `sluice-bench-tap-${randomUUID()}`;
    const consumer = kafkaOf(infra.kafkaBrokers, groupId).consumer({ groupId });
    const tap = new KeyTap(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics: [kafkaTopicName(infra.topicNamespace, topic)], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const key = message.key?.toString();
        if (!key?.startsWith(keyPrefix)) return;
        tap.counts.set(key, (tap.counts.get(key) ?? 0) + 1);
        const atMs = Number(message.timestamp);
        tap.firstMs = Math.min(tap.firstMs, atMs);
        tap.lastMs = Math.max(tap.lastMs, atMs);
      },
    });
    return tap;
  }

  /** Messages seen for the tapped keys. */
  total(): number {
    let sum = 0;
    for (const n of this.counts.values()) sum += n;
    return sum;
  }

  stop(): Promise<void> {
    return this.#consumer.disconnect();
  }
}
