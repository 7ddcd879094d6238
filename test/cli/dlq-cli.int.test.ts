// Risk retired: an operator cannot see why a message was dead-lettered, or cannot bring it back from the command line.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { createKafka, createProducer, dlqTopicOf, publishDeadLetters } from '@sluice/messaging';
import { createLogger } from '@sluice/service-kit';
import { repoRoot, requireInfra, uniqueName, waitFor } from '@sluice/testing';

const run = promisify(execFile);
const infra = await requireInfra();
const suite = infra ? describe : describe.skip;

suite('sluice dlq list | replay', () => {
  it('lists a dead letter with its reason and replays it to the original topic', async () => {
    const topic = `${uniqueName('cli')}.payouts.requested.v1`;
    const kafka = createKafka({
      clientId: 'dlq-cli-test',
      brokers: infra!.kafkaBrokers,
      logger: createLogger('t', 'silent'),
    });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic }, { topic: dlqTopicOf(topic) }] });
    await admin.disconnect();
    const producer = createProducer(kafka);
    await producer.connect();
    await publishDeadLetters(producer, 'test-group', [
      {
        topic,
        partition: 0,
        message: {
          key: Buffer.from('k1'),
          value: Buffer.from('original bytes'),
          headers: { event_id: 'evt-1' },
          offset: '7',
          timestamp: '0',
          attributes: 0,
        },
        errorClass: 'non_retryable',
        reason: 'beneficiary_unknown: no beneficiary ben_x',
        attempts: 1,
      },
    ]);
    await producer.disconnect();

    const cli = (args: string[]) =>
      run(process.execPath, [path.join(repoRoot(), 'packages/cli/src/bin.ts'), ...args], {
        env: {
          ...process.env,
          NODE_OPTIONS: '',
          KAFKA_BROKERS: infra!.kafkaBrokers.join(','),
          SCHEMA_REGISTRY_URL: infra!.schemaRegistryUrl,
          DATABASE_URL: infra!.postgresUrl,
        },
      });
    const listed = await cli(['dlq', 'list', '--topic', topic]);
    expect(listed.stdout).toContain(`1 dead letter(s) in ${topic}.dlq`);
    expect(listed.stdout).toContain('non_retryable');
    expect(listed.stdout).toContain('beneficiary_unknown: no beneficiary ben_x');
    expect(listed.stdout).toContain('event=evt-1');

    const replayed = await cli(['dlq', 'replay', '--topic', topic, '--event-id', 'evt-1']);
    expect(replayed.stdout).toContain(`replayed 1 dead letter(s) to ${topic}`);

    const consumer = kafka.consumer({ groupId: uniqueName('cli-reader') });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received: { value: string; headers: Record<string, string> }[] = [];
    await consumer.run({
      eachMessage: async ({ message }) => {
        received.push({
          value: message.value!.toString(),
          headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
        });
      },
    });
    await waitFor(() => received.length > 0, { description: 'the replayed message' });
    await consumer.disconnect();
    expect(received[0]!.value).toBe('original bytes');
    expect(received[0]!.headers.event_id).toBe('evt-1');
    expect(received[0]!.headers['dlq.replayed.from']).toMatch(
      new RegExp(`^${topic.replaceAll('.', '\\.')}\\.dlq/\\d+/0$`),
    );
    expect(Object.keys(received[0]!.headers).some((name) => name.startsWith('dlq.error'))).toBe(false);
  });
});
