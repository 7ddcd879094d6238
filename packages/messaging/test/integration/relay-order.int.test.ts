// Risk retired: the relay, which starts its claims after the last row it published, strands a row whose transaction
// committed after a row with a higher id was published.
import { requireInfra, waitFor } from '@sluice/testing';
import { count, type Harness, openHarness, requestedPayload } from './harness.ts';

const infra = await requireInfra();
const suite = infra ? describe : describe.skip;

suite('outbox relay and rows committed out of id order', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await openHarness(infra!);
  });
  afterAll(() => h?.close());

  const unsent = (requestId: string) =>
    count(h.db, 'select count(*) as n from outbox where sent_at is null and correlation_id = ?', [`corr-${requestId}`]);

  it('publishes a row whose transaction committed after a higher id was already published', async () => {
    const { outbox } = h.messaging;
    const relay = h.messaging.relay({ fullScanIntervalMs: 200 });
    const row = (requestId: string) =>
      outbox.event(h.topics.input, requestedPayload(requestId), { correlationId: `corr-${requestId}` });
    let commitLate!: () => void;
    const lateCanCommit = new Promise<void>((resolve) => {
      commitLate = resolve;
    });
    let appendedLate!: () => void;
    const lateAppended = new Promise<void>((resolve) => {
      appendedLate = resolve;
    });
    // The late transaction takes the lower id, then stays open while a later one commits and is published.
    const late = h.db.transaction(async (em) => {
      await outbox.append(em, [row('req-late')]);
      appendedLate();
      await lateCanCommit;
    });
    await lateAppended;
    await h.db.transaction((em) => outbox.append(em, [row('req-early')]));
    await relay.drain();
    expect(await unsent('req-early')).toBe(0);
    commitLate();
    await late;
    expect(await unsent('req-late')).toBe(1);

    await waitFor(
      async () => {
        await relay.drain();
        return (await unsent('req-late')) === 0;
      },
      { description: 'the late row to be published', timeoutMs: 10_000, intervalMs: 50 },
    );
    const [ids] = await h.db.fork().execute<{ late: string; early: string }[]>(
      `select (select id from outbox where correlation_id = 'corr-req-late')::text as late,
              (select id from outbox where correlation_id = 'corr-req-early')::text as early`,
    );
    expect(BigInt(ids!.late)).toBeLessThan(BigInt(ids!.early));
  });
});
