// Risk retired: events written while the broker is down are lost instead of waiting in the outbox until it returns.
import { type DrillBroker, startDrillBroker } from '@sluice/cli/infra';
import { avroOptions, TOPICS } from '@sluice/contracts';
import { createMessaging, type Messaging, type OutboxRelay } from '@sluice/messaging';
import { type Database, openDatabase } from '@sluice/persistence';
import { createLogger, createMetrics } from '@sluice/service-kit';
import { freePort, freshDatabase, requireInfra, type TestDatabase, uniqueName, waitFor } from '@sluice/testing';

const infra = await requireInfra();
const suite = infra ? describe : describe.skip;
const topic = 'payouts.requested.v1';

suite('drill: broker down while a service keeps writing', () => {
  let broker: DrillBroker;
  let scratch: TestDatabase;
  let db: Database;
  let messaging: Messaging;
  let relay: OutboxRelay;

  beforeAll(async () => {
    broker = await startDrillBroker(uniqueName('outage'), {
      kafkaPort: await freePort(),
      controllerPort: await freePort(),
    });
    scratch = await freshDatabase(infra!.postgresUrl, 'outage');
    db = await openDatabase({ serverUrl: infra!.postgresUrl, dbName: scratch.name });
    messaging = await createMessaging({
      service: 'outage-drill',
      brokers: broker.brokers,
      registryUrl: infra!.schemaRegistryUrl,
      db,
      topics: TOPICS,
      avroOptions: avroOptions(),
      logger: createLogger('outage-drill', process.env.TEST_LOG_LEVEL ?? 'silent'),
      metricsRegistry: createMetrics('outage-drill').registry,
    });
    const kafkaAdmin = messaging.kafka.admin();
    await kafkaAdmin.connect();
    await kafkaAdmin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 3 }] });
    await kafkaAdmin.disconnect();
    relay = messaging.relay({ pollIntervalMs: 200 });
    await relay.start();
  }, 180_000);

  afterAll(async () => {
    await relay?.stop();
    await messaging?.close().catch(() => undefined);
    await db?.close();
    await scratch?.drop();
    await broker?.destroy();
  }, 60_000);

  const unsent = async () => {
    const rows = await db.fork().execute<{ n: string }[]>('select count(*) as n from outbox where sent_at is null');
    return Number(rows[0]!.n);
  };
  const write = (count: number, label: string) =>
    db.transaction((em) =>
      messaging.outbox.append(
        em,
        Array.from({ length: count }, (_, i) =>
          messaging.outbox.event(
            topic,
            {
              platform_id: 'plt_drill',
              request_id: `${label}-${i}`,
              platform_reference: null,
              beneficiary_id: 'ben_1',
              destination: { type: 'wallet', id: 'wal_1' },
              amount_minor: 1_000_000n + BigInt(i),
              currency: 'USDC',
              corridor: 'US-USDC-BASE',
              metadata: {},
            },
            { correlationId: `${label}-${i}` },
          ),
        ),
      ),
    );

  it('keeps every event in the outbox while the broker is down and publishes all of them after it returns', async () => {
    await write(20, 'before');
    await waitFor(async () => (await unsent()) === 0, { description: 'events written before the outage to publish' });

    await broker.stop();
    for (let batch = 0; batch < 5; batch += 1) await write(10, `during-${batch}`);
    // The service kept writing: its transactions commit, the events wait.
    expect(await unsent()).toBe(50);
    await waitFor(async () => (await messaging.metrics.publishFailures.get()).values[0]!.value > 0, {
      description: 'the relay to notice the outage',
      timeoutMs: 90_000,
    });
    expect(await unsent()).toBe(50);

    await broker.start();
    await waitFor(async () => (await unsent()) === 0, {
      description: 'the backlog to drain after the broker returned',
      timeoutMs: 120_000,
    });

    const consumer = messaging.kafka.consumer({ groupId: uniqueName('outage-reader') });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const seen = new Set<string>();
    await consumer.run({
      eachMessage: async ({ message }) => {
        const event = await messaging.registry.decode<{ request_id: string }>(topic, message.value!);
        seen.add(event.request_id);
      },
    });
    await waitFor(() => seen.size >= 70, { description: 'all 70 events on the topic', timeoutMs: 60_000 });
    await consumer.disconnect();
    expect([...seen].filter((id) => id.startsWith('during-'))).toHaveLength(50);
  }, 400_000);
});
