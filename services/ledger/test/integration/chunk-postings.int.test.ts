// Risk retired: the consumer's chunk journal answers a buffered entry "posted" before it is written; if a twin of that
// entry committed meanwhile, the chunk must not commit half of what it claimed, and event by event the twin must be
// an ordinary "exists".
import { requireInfra } from '@sluice/testing';
import { v7 as uuidv7 } from 'uuid';
import { SqlAccountDirectory } from '../../src/adapters/db/account.store.ts';
import { chunkLedgerTx, finishPayoutPostings, preparePayoutPostings } from '../../src/adapters/db/chunk-postings.ts';
import { ledgerTx } from '../../src/adapters/db/transactions.ts';
import { outboxPublisher } from '../../src/adapters/kafka/entry-publisher.ts';
import { postStatusChange } from '../../src/app/post-status-change.ts';
import type { LifecycleEvent } from '../../src/domain/lifecycle-event.ts';
import { type LedgerUnderTest, openLedger } from './harness.ts';

const infra = await requireInfra();
const suite = infra ? describe : describe.skip;

const submitting = (payoutId: string): LifecycleEvent => ({
  eventId: uuidv7(),
  correlationId: `corr-${payoutId}`,
  payoutId,
  fromStatus: 'approved',
  toStatus: 'submitting',
  amountMinor: 1_000n,
  settledAmountMinor: null,
  feeAmountMinor: null,
  currency: 'USD',
  provider: 'sandbox',
  providerReference: null,
  programId: 'p1',
  shadow: false,
  conflict: false,
  occurredAtMs: Date.now(),
});

suite('chunk journal: entries buffered and written at the end of the chunk', () => {
  let l: LedgerUnderTest;
  beforeAll(async () => {
    l = await openLedger(infra!);
  });
  afterAll(async () => l?.close());

  const reserves = async (payoutId: string) =>
    Number(
      (
        await l.ledger.db
          .fork()
          .execute<{ n: string }[]>(
            "select count(*) as n from journal_entries where payout_id = ? and entry_type = 'reserve'",
            [payoutId],
          )
      )[0]!.n,
    );

  it('writes a chunk’s entries in one go, and refuses the whole chunk when a twin committed meanwhile', async () => {
    const deps = { accounts: new SqlAccountDirectory(l.ledger.db), timeZone: 'UTC' };
    const { db, messaging } = l.ledger;
    const [fresh, twinned] = [`po-chunk-${uuidv7()}`, `po-chunk-${uuidv7()}`];

    const chunk = db.transaction(async (em) => {
      await preparePayoutPostings(em, [fresh, twinned]);
      const tx = chunkLedgerTx(em, outboxPublisher(em, messaging.outbox));
      const outcomes = [
        await postStatusChange(deps, tx, submitting(fresh)),
        await postStatusChange(deps, tx, submitting(twinned)),
      ];
      expect(outcomes.map((o) => o.kind)).toEqual(['posted', 'posted']);
      // A twin of the second reserve commits after the chunk read its history and before the chunk writes.
      await db.transaction((other) =>
        postStatusChange(deps, ledgerTx(other, outboxPublisher(other, messaging.outbox)), submitting(twinned)),
      );
      await finishPayoutPostings(em);
    });
    await expect(chunk).rejects.toThrow(/1 of 2 buffered entries exist already/);
    expect(await reserves(fresh)).toBe(0);
    expect(await reserves(twinned)).toBe(1);

    // Event by event (the runner's fallback), the same events post the fresh reserve and find the twin's.
    const alone = (event: LifecycleEvent) =>
      db.transaction((em) => postStatusChange(deps, ledgerTx(em, outboxPublisher(em, messaging.outbox)), event));
    expect((await alone(submitting(fresh))).kind).toBe('posted');
    expect((await alone(submitting(twinned))).kind).toBe('skipped');
    expect(await reserves(fresh)).toBe(1);
    expect(await reserves(twinned)).toBe(1);
    expect((await l.ledger.invariants()).results.filter((r) => !r.ok)).toEqual([]);
  });
});
