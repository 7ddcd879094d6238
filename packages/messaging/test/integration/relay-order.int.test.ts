// Risk retired: the relay, which starts its claims after the last row it published, strands a row whose transaction
// committed after a row with a higher id was published. Two ways find it: the id is a gap the relay stepped over and
// looks at again, and, for a row held open longer than a gap is remembered, the periodic full scan.
import type { OutboxRelay } from '@sluice/messaging';
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

  /** Commits a row with a lower id after a row with a higher id was published; returns when the late one committed. */
  async function commitOutOfOrder(relay: OutboxRelay, tag: string): Promise<void> {
    const { outbox } = h.messaging;
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
      await outbox.append(em, [row(`${tag}-late`)]);
      appendedLate();
      await lateCanCommit;
    });
    await lateAppended;
    await h.db.transaction((em) => outbox.append(em, [row(`${tag}-early`)]));
    await relay.drain();
    expect(await unsent(`${tag}-early`)).toBe(0);
    commitLate();
    await late;
    expect(await unsent(`${tag}-late`)).toBe(1);
    const [ids] = await h.db.fork().execute<{ late: string; early: string }[]>(
      `select (select id from outbox where correlation_id = ?)::text as late,
              (select id from outbox where correlation_id = ?)::text as early`,
      [`corr-${tag}-late`, `corr-${tag}-early`],
    );
    expect(BigInt(ids!.late)).toBeLessThan(BigInt(ids!.early));
  }

  it('publishes it on the next claim: its id is a gap the relay stepped over', async () => {
    // No full scan within the test: only the gap can find the row.
    const relay = h.messaging.relay({ fullScanIntervalMs: 3_600_000 });
    await relay.drain();
    await commitOutOfOrder(relay, 'gap');
    expect(await relay.drain()).toBeGreaterThanOrEqual(1);
    expect(await unsent('gap-late')).toBe(0);
  });

  it('publishes it by the full scan once the gap is no longer remembered', async () => {
    const relay = h.messaging.relay({ gapTtlMs: 0, fullScanIntervalMs: 200 });
    await relay.drain();
    await commitOutOfOrder(relay, 'scan');
    await waitFor(
      async () => {
        await relay.drain();
        return (await unsent('scan-late')) === 0;
      },
      { description: 'the late row to be published', timeoutMs: 10_000, intervalMs: 50 },
    );
    expect(await unsent('scan-late')).toBe(0);
  });
});
