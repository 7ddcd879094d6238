// Risk retired: several events of one payout handled in one consumer chunk are decided on the history the chunk read
// up front (the handler's prepare), so a settle misses its reserve, a void or a reversal is skipped, or money stays in
// flight.
import type { OwnNamespace } from '@sluice/messaging/testing';
import { requireInfra, waitFor } from '@sluice/testing';
import { STATUS_CHANGED } from '../../src/topics.ts';
import {
  count,
  type FakeDispatch,
  type LedgerUnderTest,
  ledgerNamespace,
  openDispatch,
  openLedger,
  type StatusEvent,
  statusEvent,
} from './harness.ts';

const infra = await requireInfra();
const suite = infra ? describe : describe.skip;

/** Each payout in its own program, so its accounts' balances are its alone. */
const at = (payoutId: string, from: string | null, to: string, overrides: Partial<StatusEvent> = {}) =>
  statusEvent(payoutId, from, to, { program_id: `prog-${payoutId}`, ...overrides });

const LIFECYCLES: readonly StatusEvent[][] = [
  [
    at('po-rev', 'approved', 'submitting'),
    at('po-rev', 'submitting', 'pending'),
    at('po-rev', 'pending', 'confirmed'),
    at('po-rev', 'confirmed', 'reversed'),
  ],
  [at('po-fail', 'approved', 'submitting'), at('po-fail', 'submitting', 'failed')],
  [
    at('po-hold', 'approved', 'submitting'),
    at('po-hold', 'submitting', 'funding_hold'),
    at('po-hold', 'funding_hold', 'submitting', { attempt: 2 }),
    at('po-hold', 'submitting', 'confirmed', { settled_amount_minor: 24_000_000n }),
  ],
];

suite('one payout’s lifecycle handled within one consumer chunk', () => {
  let space: OwnNamespace;
  let l: LedgerUnderTest;
  let dispatch: FakeDispatch;

  beforeAll(async () => {
    space = await ledgerNamespace(infra!);
    dispatch = await openDispatch(space);
    // Published before the ledger starts: its first fetch of a partition holds every event, hence one chunk.
    await dispatch.publish(LIFECYCLES.flat());
    l = await openLedger(infra!, space);
  });
  afterAll(async () => {
    await l?.close();
    await dispatch?.close();
    await space?.drop();
  });

  it('posts each event on the history left by the events before it in the chunk', async () => {
    const events = LIFECYCLES.flat().length;
    await waitFor(
      async () =>
        (await count(l.ledger.db, 'select count(*) as n from inbox where topic = ?', [STATUS_CHANGED])) >= events,
      { description: 'every event to be consumed' },
    );
    const rows = await l.ledger.db
      .fork()
      .execute<
        { id: string; payout_id: string; entry_type: string; reverses_entry_id: string | null; tx_id: string }[]
      >(
        `select id, payout_id, entry_type, reverses_entry_id, tx_id::text as tx_id
       from journal_entries where payout_id is not null order by id`,
      );
    const of = (payoutId: string) => rows.filter((row) => row.payout_id === payoutId);
    expect(of('po-rev').map((row) => row.entry_type)).toEqual(['reserve', 'settle', 'reversal']);
    expect(of('po-fail').map((row) => row.entry_type)).toEqual(['reserve', 'void']);
    expect(of('po-hold').map((row) => row.entry_type)).toEqual(['reserve', 'settle']);
    // The scenario really happened: each payout's entries were posted by one transaction, i.e. one chunk.
    for (const payoutId of ['po-rev', 'po-fail', 'po-hold']) {
      expect(new Set(of(payoutId).map((row) => row.tx_id)).size).toBe(1);
    }
    const [, settle, reversal] = of('po-rev');
    expect(reversal!.reverses_entry_id).toBe(settle!.id);
    const [reserve, voided] = of('po-fail');
    expect(voided!.reverses_entry_id).toBe(reserve!.id);

    // Nothing stays in flight: every settle cleared its reserve, the void mirrored it, the reversal ended the payout.
    const balances = await l.ledger.balances();
    for (const payoutId of ['po-rev', 'po-fail', 'po-hold']) {
      const inFlight = balances.find((b) => b.programId === `prog-${payoutId}` && b.role === 'payouts_in_flight');
      expect({ payoutId, inFlight: inFlight?.postedMinor ?? 0n }).toEqual({ payoutId, inFlight: 0n });
    }
    const suspense = balances.find((b) => b.programId === 'prog-po-hold' && b.role === 'suspense');
    expect(suspense?.postedMinor).toBe(1_000_000n);
    expect((await l.ledger.invariants()).ok).toBe(true);
  });
});
