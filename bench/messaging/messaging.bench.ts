// Throughput of the messaging guarantees on real infrastructure: the outbox relay (rows → Kafka, marked sent) and the
// consumer runner (decode → {inbox row, one insert, one outbox row} in one transaction → offset commit).
// Run: npm run infra:up && node bench/messaging/messaging.bench.ts [events]

import type { PayoutRequestedV1 } from '@sluice/contracts';
import { avroOptions, TOPICS } from '@sluice/contracts';
import {
  createMessaging,
  type EventHandler,
  ensureTopics,
  kafkaTopicName,
  withDeadLetterTopics,
} from '@sluice/messaging';
import { Migration, openDatabase } from '@sluice/persistence';
import { createLogger, createMetrics } from '@sluice/service-kit';
import { freshDatabase, requireInfra, uniqueName, waitFor } from '@sluice/testing';
import { machineInfo } from '../machine.ts';

const events = Number(process.argv[2] ?? 20_000);
const infra = await requireInfra();
if (!infra) throw new Error('infrastructure not running: npm run infra:up');

class EffectsMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql('create table effects (event_id uuid primary key, amount_minor bigint not null)');
  }
}

const input = 'payouts.requested.v1';
const output = 'payouts.accepted.v1';
// A topic namespace of this run's own, deleted at the end, so the consumer reads exactly the relayed events and
// nothing reaches the topics a developer's `npm start` consumes. One partition (not the default topics' count), as
// in every recorded result.
const namespace = uniqueName('bench');
const kafkaTopics = withDeadLetterTopics([input, output]).map((topic) => kafkaTopicName(namespace, topic));
const scratch = await freshDatabase(infra.postgresUrl, 'bench');
const db = await openDatabase({
  serverUrl: infra.postgresUrl,
  dbName: scratch.name,
  migrations: [{ name: '0001_effects', migration: EffectsMigration }],
});
const messaging = await createMessaging({
  service: 'bench',
  brokers: infra.kafkaBrokers,
  registryUrl: infra.schemaRegistryUrl,
  db,
  topics: TOPICS,
  namespace,
  avroOptions: avroOptions(),
  logger: createLogger('bench', 'error'),
  metricsRegistry: createMetrics('bench').registry,
});
const admin = messaging.kafka.admin();
await admin.connect();
await ensureTopics(
  admin,
  kafkaTopics.map((topic) => ({ topic, partitions: 1, replicationFactor: 1 })),
);

const payload = (i: number) => ({
  platform_id: 'plt_bench',
  request_id: `req-${i}`,
  platform_reference: null,
  beneficiary_id: 'ben_1',
  destination: { type: 'wallet', id: 'wal_1' },
  amount_minor: 1_000_000n + BigInt(i),
  currency: 'USDC',
  corridor: 'US-USDC-BASE',
  metadata: {},
});

// 1. Relay: fill the outbox, then time draining it to Kafka.
for (let start = 0; start < events; start += 1_000) {
  await db.transaction((em) =>
    messaging.outbox.append(
      em,
      Array.from({ length: Math.min(1_000, events - start) }, (_, j) =>
        messaging.outbox.event(input, payload(start + j), { correlationId: `c-${start + j}` }),
      ),
    ),
  );
}
const relayStarted = performance.now();
const relayed = await messaging.relay({ batchSize: 1_000 }).drain();
const relaySeconds = (performance.now() - relayStarted) / 1000;

// 2. Consumer: the relayed events are on `input`; time one runner handling all of them.
const handler: EventHandler<PayoutRequestedV1> = {
  topic: input,
  async handle(event, { em, emit }) {
    await em.execute('insert into effects (event_id, amount_minor) values (?, ?)', [
      event.event_id,
      event.amount_minor,
    ]);
    emit(output, {
      payout_id: `po_${event.request_id}`,
      platform_id: 'plt_bench',
      request_id: event.request_id,
      platform_reference: null,
      beneficiary_id: 'ben_1',
      destination_type: 'wallet',
      destination_id: 'wal_1',
      destination: '0x5aAe…BeAed',
      network: 'base',
      destination_address: null,
      amount_minor: event.amount_minor,
      currency: 'USDC',
      corridor: 'US-USDC-BASE',
      program_id: 'sandbox-global',
      market: 'US',
      request_hash: 'a'.repeat(64),
      metadata: {},
    });
  },
};
const runner = messaging.consumer({ groupId: `${namespace}-g`, handlers: [handler], chunkSize: 500 });
const consumeStarted = performance.now();
await runner.start();
await waitFor(
  async () => {
    const rows = await db.fork().execute<{ n: string }[]>('select count(*) as n from effects');
    return Number(rows[0]!.n) >= events;
  },
  { timeoutMs: 600_000, intervalMs: 100, description: `${events} effects` },
);
const consumeSeconds = (performance.now() - consumeStarted) / 1000;
await runner.stop();

process.stdout.write(
  `${[
    `machine: ${machineInfo()}`,
    `events: ${events} (payouts.requested.v1 schema, 1 partition)`,
    `relay: ${relayed} events in ${relaySeconds.toFixed(2)} s = ${Math.round(relayed / relaySeconds)} events/s (batches of 1000)`,
    `consumer: ${events} events in ${consumeSeconds.toFixed(2)} s = ${Math.round(events / consumeSeconds)} events/s ` +
      '(inbox row + one insert + one outbox row per event; includes group join)',
  ].join('\n')}\n`,
);
await admin.deleteTopics({ topics: kafkaTopics });
await admin.disconnect();
await messaging.close();
await db.close();
await scratch.drop();
process.exit(0);
