// Risk retired: an operator cannot see why a message was dead-lettered, or cannot bring it back from the command line.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { createProducer, publishDeadLetters } from '@sluice/messaging';
import { type OwnNamespace, ownNamespace, serviceEnv, TopicTap, testKafka } from '@sluice/messaging/testing';
import { repoRoot, requireInfra } from '@sluice/testing';

const run = promisify(execFile);
const infra = await requireInfra();
const suite = infra ? describe : describe.skip;

suite('sluice dlq list | replay', () => {
  const topic = 'payouts.requested.v1';
  let scoped: OwnNamespace;
  beforeAll(async () => {
    scoped = await ownNamespace(infra!, { prefix: 'cli', topics: [topic] });
  });
  afterAll(() => scoped?.drop());

  it('lists a dead letter of a namespace with its reason and replays it to the original topic', async () => {
    const namespace = scoped.topicNamespace;
    const producer = createProducer(testKafka(scoped));
    await producer.connect();
    await publishDeadLetters(
      producer,
      'test-group',
      [
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
      ],
      namespace,
    );
    await producer.disconnect();

    const cli = (args: string[]) =>
      run(process.execPath, [path.join(repoRoot(), 'packages/cli/src/bin.ts'), ...args], {
        env: { ...process.env, NODE_OPTIONS: '', ...serviceEnv(scoped) },
      });
    // The namespace comes from KAFKA_TOPIC_NAMESPACE, as for a service; --namespace would say the same.
    const listed = await cli(['dlq', 'list', '--topic', topic]);
    expect(listed.stdout).toContain(`1 dead letter(s) in ${namespace}.${topic}.dlq`);
    expect(listed.stdout).toContain('non_retryable');
    expect(listed.stdout).toContain('beneficiary_unknown: no beneficiary ben_x');
    expect(listed.stdout).toContain('event=evt-1');

    const replayed = await cli(['dlq', 'replay', '--topic', topic, '--namespace', namespace, '--event-id', 'evt-1']);
    expect(replayed.stdout).toContain(`replayed 1 dead letter(s) to ${namespace}.${topic}`);

    const tap = await TopicTap.start(scoped, [topic], { decode: false, fromBeginning: true });
    try {
      const received = await tap.waitFor(() => true, 'the replayed message');
      const headers = Object.fromEntries(Object.entries(received.headers).map(([k, v]) => [k, String(v)]));
      expect(received.raw?.toString()).toBe('original bytes');
      expect(headers.event_id).toBe('evt-1');
      expect(headers['dlq.replayed.from']).toMatch(
        new RegExp(`^${`${namespace}.${topic}`.replaceAll('.', '\\.')}\\.dlq/\\d+/0$`),
      );
      expect(Object.keys(headers).some((name) => name.startsWith('dlq.error'))).toBe(false);
    } finally {
      await tap.stop();
    }
  });
});
