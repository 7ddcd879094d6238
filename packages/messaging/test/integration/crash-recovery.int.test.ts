// Risk retired: a consumer killed after its transaction committed but before the offset commit applies the event twice.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { requireInfra, waitFor } from '@sluice/testing';
import { kafkaTopicName } from '../../src/index.ts';
import { publishRaw } from '../../src/testing/index.ts';
import { count, effectHandler, type Harness, openHarness, requestedPayload } from './harness.ts';

const infra = await requireInfra();
const suite = infra ? describe : describe.skip;

suite('crash between DB commit and offset commit', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await openHarness(infra!);
  });
  afterAll(() => h?.close());

  it('redelivers after restart and the inbox turns the redelivery into a no-op', async () => {
    const group = `${h.infra.topicNamespace}-crash`;
    const { outbox, registry } = h.messaging;
    const event = outbox.event(h.topics.input, requestedPayload('req-crash'), { correlationId: 'corr-crash' }).event;
    await publishRaw(h.infra, h.topics.input, [{ key: 'k', value: await registry.encode(h.topics.input, event) }]);

    const child = spawn(process.execPath, [path.join(import.meta.dirname, 'fixtures', 'crash-consumer.ts')], {
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        CRASH_INFRA: JSON.stringify(h.infra),
        CRASH_DB: h.scratch.name,
        CRASH_GROUP: group,
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, sig) => resolve(sig)),
    );
    expect(signal).toBe('SIGKILL');
    // The effect committed, but the group's offset never moved.
    expect(await count(h.db, 'select count(*) as n from effects where request_id = ?', ['req-crash'])).toBe(1);
    const admin = h.messaging.kafka.admin();
    await admin.connect();
    const [committed] = await admin.fetchOffsets({
      groupId: group,
      topics: [kafkaTopicName(h.infra.topicNamespace, h.topics.input)],
    });
    await admin.disconnect();
    expect(committed?.partitions.every((p) => p.offset === '-1')).toBe(true);

    const restarted = h.messaging.consumer({
      groupId: group,
      handlers: [effectHandler(h.topics.input, h.topics.output)],
    });
    await restarted.start();
    try {
      await waitFor(() => h.messaging.metrics.duplicates.get().then((m) => (m.values[0]?.value ?? 0) >= 1), {
        description: 'the redelivered event to be recognised as a duplicate',
        timeoutMs: 60_000,
      });
    } finally {
      await restarted.stop();
    }
    expect(await count(h.db, 'select count(*) as n from effects where request_id = ?', ['req-crash'])).toBe(1);
    expect(await count(h.db, 'select count(*) as n from outbox where topic = ?', [h.topics.output])).toBe(1);
  });
});
