// Risk retired: the project's infrastructure is fake or half-started (a real broker, registry and database answer).
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { defineEntity, p } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { openDatabase } from '@sluice/persistence';
import { freshDatabase, requireInfra, uniqueName, waitFor } from '@sluice/testing';
import { Kafka, logLevel } from 'kafkajs';

const infra = await requireInfra();
const suite = infra ? describe : describe.skip;
const versions = `Kafka ${infra?.kafkaVersion ?? '?'}, Apicurio Registry ${infra?.registryVersion ?? '?'}`;

const Greeting = defineEntity({
  name: 'Greeting',
  tableName: 'greeting',
  properties: { id: p.integer().primary().autoincrement(), text: p.text() },
});
class GreetingTableMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql('create table greeting (id serial primary key, text text not null)');
  }
}

suite(`smoke: real infrastructure (${versions}, PostgreSQL ${infra?.postgresVersion ?? '?'})`, () => {
  it(`registers an Avro schema, produces and consumes a decoded message through ${versions}`, async () => {
    const topic = uniqueName('smoke');
    const kafka = new Kafka({ clientId: 'smoke', brokers: [...infra!.kafkaBrokers], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1 }] });
    const cluster = await admin.describeCluster();
    await admin.disconnect();
    expect(cluster.brokers).toHaveLength(1);

    const registry = new SchemaRegistry({ host: infra!.schemaRegistryUrl });
    const schema = {
      type: 'record',
      name: 'Smoke',
      namespace: 'sluice.smoke',
      fields: [
        { name: 'greeting', type: 'string' },
        { name: 'amount_minor', type: 'long' },
      ],
    };
    const { id } = await registry.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(schema) },
      { subject: `${topic}-value` },
    );
    expect(id).toBeGreaterThan(0);

    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: [{ key: 'k', value: await registry.encode(id, { greeting: 'hello', amount_minor: 1250 }) }],
    });
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: `${topic}-g` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received: unknown[] = [];
    await consumer.run({
      eachMessage: async ({ message }) => void received.push(await registry.decode(message.value!)),
    });
    await waitFor(() => received.length > 0, { description: 'the smoke message' });
    await consumer.disconnect();
    expect(received[0]).toEqual({ greeting: 'hello', amount_minor: 1250 });
  });

  it('applies a MikroORM migration at start-up, then writes and reads a row in PostgreSQL', async () => {
    const scratch = await freshDatabase(infra!.postgresUrl, 'smoke');
    const db = await openDatabase({
      serverUrl: infra!.postgresUrl,
      dbName: scratch.name,
      entities: [Greeting],
      migrations: [{ name: '0001_greeting', migration: GreetingTableMigration }],
    });
    try {
      await db.transaction(async (em) => {
        em.create(Greeting, { text: 'hello from MikroORM' });
      });
      const found = await db.fork().findOneOrFail(Greeting, { text: 'hello from MikroORM' });
      expect(found.id).toBeGreaterThan(0);
      const [server] = await db.fork().execute<{ server_version: string }[]>('show server_version');
      expect(server?.server_version).toMatch(/^\d+\.\d+/);
    } finally {
      await db.close();
      await scratch.drop();
    }
  });
});
