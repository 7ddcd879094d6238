import { randomBytes } from 'node:crypto';
import { avroOptions, TOPICS } from '@sluice/contracts';
import {
  createMessaging,
  type EventHandler,
  ensureNamespaceTopics,
  kafkaTopicName,
  withDeadLetterTopics,
} from '@sluice/messaging';
import { Migration, openDatabase } from '@sluice/persistence';
import { createLogger, createMetrics } from '@sluice/service-kit';
import type { CliEndpoints } from '../endpoints.ts';
import { print, section } from './print.ts';

class DemoEffectsMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql('create table if not exists demo_effects (event_id uuid primary key, request_id text not null)');
  }
}

/**
 * The platform guarantee every service relies on, shown on one event: written to the outbox with the state change,
 * published by the relay as registry-framed Avro, delivered twice to an idempotent consumer, applied once.
 */
export async function guaranteesDemo(endpoints: CliEndpoints): Promise<void> {
  section('Messaging guarantee: outbox → Kafka → idempotent consumer');
  const run = randomBytes(3).toString('hex');
  // A topic namespace of this step's own, deleted at its end: the demo's intake, started next, must not consume it.
  const namespace = `demo-${run}`;
  const topic = 'payouts.requested.v1';
  const db = await openDatabase({
    serverUrl: endpoints.postgresUrl,
    dbName: 'sluice_demo',
    migrations: [{ name: '0001_demo_effects', migration: DemoEffectsMigration }],
  });
  const messaging = await createMessaging({
    service: 'demo',
    brokers: endpoints.kafkaBrokers,
    registryUrl: endpoints.schemaRegistryUrl,
    db,
    topics: TOPICS,
    namespace,
    avroOptions: avroOptions(),
    logger: createLogger('demo', 'fatal'),
    metricsRegistry: createMetrics('demo').registry,
  });
  const admin = messaging.kafka.admin();
  await admin.connect();
  await ensureNamespaceTopics(admin, namespace, [topic]);
  try {
    const requestId = `demo-req-${run}`;
    const outgoing = messaging.outbox.event(
      topic,
      {
        platform_id: 'plt_demo',
        request_id: requestId,
        platform_reference: 'invoice-42',
        beneficiary_id: 'ben_demo',
        destination: { type: 'wallet', id: 'wal_demo' },
        amount_minor: 125_000_000n,
        currency: 'USDC',
        corridor: 'US-USDC-BASE',
        metadata: {},
      },
      { correlationId: requestId },
    );
    await db.transaction((em) => messaging.outbox.append(em, [outgoing]));
    print(`  wrote event ${outgoing.event.event_id} to the outbox (same transaction as the state change)`);
    // A broker that has just started may still be electing leaders for the new topic: the relay's own loop backs
    // off and retries; here we do the same, a bounded number of times.
    const published = await withRetries(() => messaging.relay().drain());
    const schemaId = await messaging.registry.schemaId(topic);
    print(
      `  relay published ${published} event(s) to ${kafkaTopicName(namespace, topic)} as Avro, schema id ${schemaId} in the registry`,
    );

    // Deliver the very same bytes a second time, as a producer retry or a replay would.
    const again = await messaging.registry.encode(topic, outgoing.event);
    await messaging.producer.send({
      topic: kafkaTopicName(namespace, topic),
      messages: [{ key: requestId, value: again }],
    });
    print('  delivered the same event a second time (same event_id)');

    let applied = 0;
    const handler = {
      topic,
      async handle(event: { event_id: string; request_id: string }, { em }) {
        applied += 1;
        await em.execute('insert into demo_effects (event_id, request_id) values (?, ?)', [
          event.event_id,
          event.request_id,
        ]);
      },
    } as EventHandler<never>;
    const runner = messaging.consumer({ groupId: `demo-${run}`, handlers: [handler] });
    await runner.start();
    const deadline = Date.now() + 60_000;
    let duplicates = 0;
    while (Date.now() < deadline) {
      duplicates = (await messaging.metrics.duplicates.get()).values.reduce((sum, v) => sum + v.value, 0);
      if (duplicates >= 1) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await runner.stop();
    const rows = await db
      .fork()
      .execute<{ n: string }[]>('select count(*) as n from demo_effects where request_id = ?', [requestId]);
    print(`  consumer received 2 deliveries: applied ${applied}, skipped ${duplicates} duplicate(s) by the inbox`);
    print(`  effect rows for ${requestId}: ${rows[0]?.n}`);
    if (Number(rows[0]?.n) !== 1 || duplicates < 1) throw new Error('exactly-once effect was not demonstrated');
  } finally {
    await admin
      .deleteTopics({ topics: withDeadLetterTopics([topic]).map((t) => kafkaTopicName(namespace, t)) })
      .catch(() => undefined);
    await admin.disconnect();
    await messaging.close();
    await db.close();
  }
}

async function withRetries<T>(work: () => Promise<T>, attempts = 20, delayMs = 500): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
