// Risk retired: a handler's read-ahead (`prepare`) runs outside the chunk's transaction, sees duplicates, or runs other
// than once per chunk, so a cache it fills could describe a different transaction than the one `handle` writes in.
import type { EntityManager } from '@sluice/persistence';
import { requireInfra, waitFor } from '@sluice/testing';
import type { ConsumerRunner, Envelope, EventHandler } from '../../src/index.ts';
import { publishRaw } from '../../src/testing/index.ts';
import { type Harness, openHarness, requestedPayload } from './harness.ts';

const infra = await requireInfra();
const suite = infra ? describe : describe.skip;

/** What one database transaction saw: ids per prepare call, handled ids, the calls in order, the EntityManagers. */
interface TxRecord {
  readonly prepared: string[][];
  readonly handled: string[];
  readonly calls: ('prepare' | 'handle')[];
  readonly ems: Set<EntityManager>;
}

suite('a handler that prepares its chunk', () => {
  let h: Harness;
  let runner: ConsumerRunner;
  const byTx = new Map<string, TxRecord>();

  /** The record of the transaction `em` is in, by PostgreSQL's own transaction id. */
  async function recordOf(em: EntityManager): Promise<TxRecord> {
    const rows = await em.execute<{ id: string }[]>('select pg_current_xact_id()::text as id');
    const id = rows[0]!.id;
    const record = byTx.get(id) ?? { prepared: [], handled: [], calls: [], ems: new Set() };
    byTx.set(id, record);
    record.ems.add(em);
    return record;
  }

  beforeAll(async () => {
    h = await openHarness(infra!);
    const handler: EventHandler = {
      topic: h.topics.input,
      async prepare(events, { em }) {
        const record = await recordOf(em);
        record.calls.push('prepare');
        record.prepared.push(events.map((event) => event.event_id));
      },
      async handle(event, { em }) {
        const record = await recordOf(em);
        record.calls.push('handle');
        record.handled.push(event.event_id);
      },
    };
    // Chunks of 2, so one fetch of several messages spans several chunks (and transactions).
    runner = h.messaging.consumer({ groupId: `${h.infra.topicNamespace}-g`, handlers: [handler], chunkSize: 2 });
    await runner.start();
  });
  afterAll(async () => {
    await runner?.stop();
    await h?.close();
  });

  it('runs prepare once per chunk, in its transaction, with only the fresh events, before they are handled', async () => {
    const { outbox, registry } = h.messaging;
    const encode = async (requestId: string) => {
      const event: Envelope = outbox.event(h.topics.input, requestedPayload(requestId), {
        correlationId: requestId,
      }).event;
      return { id: event.event_id, value: await registry.encode(h.topics.input, event) };
    };
    const [d, a, b, c] = [await encode('req-d'), await encode('req-a'), await encode('req-b'), await encode('req-c')];
    const handled = () => [...byTx.values()].flatMap((record) => record.handled);

    await publishRaw(h.infra, h.topics.input, [{ key: 'k', value: d.value }]);
    await waitFor(() => handled().includes(d.id), { description: 'the first event to be handled' });
    // One partition, chunks of 2: {a, b} both fresh; {d, a} a redelivery and a repeat, nothing fresh; {c}.
    await publishRaw(
      h.infra,
      h.topics.input,
      [a, b, d, a, c].map(({ value }) => ({ key: 'k', value })),
    );
    await waitFor(async () => handled().includes(c.id) && (await duplicatesSeen(h)) >= 2, {
      description: 'the last event to be handled and both duplicates to be skipped',
    });

    expect(handled()).toEqual([d, a, b, c].map((event) => event.id));
    for (const record of byTx.values()) {
      expect(record.handled.length).toBeGreaterThan(0);
      expect(record.prepared).toEqual([record.handled]);
      expect(record.calls).toEqual(['prepare', ...record.handled.map(() => 'handle')]);
      expect(record.ems.size).toBe(1);
    }
    // The second send was fetched at once, so at least one chunk held two fresh events.
    expect([...byTx.values()].some((record) => record.handled.length === 2)).toBe(true);
  });
});

async function duplicatesSeen(h: Harness): Promise<number> {
  const metric = await h.messaging.metrics.duplicates.get();
  return metric.values.reduce((sum, v) => sum + v.value, 0);
}
