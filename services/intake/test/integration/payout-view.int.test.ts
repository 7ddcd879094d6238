// Risk retired: a platform polling GET /v1/payouts/:id sees a stale, regressed or double-applied status when compliance and dispatch events arrive late, out of order or twice.
import { newEventId } from '@sluice/messaging';
import { requireInfra, waitFor } from '@sluice/testing';
import { decidedEvent, statusEvent } from './events.ts';
import { payoutBody, publish, publishTogether, startTestIntake, type TestIntake } from './harness.ts';

const infra = await requireInfra();
const suite = infra ? describe : describe.skip;

suite('payout view from compliance.decided.v1 and payouts.status-changed.v1', () => {
  let t: TestIntake;
  let to: { beneficiaryId: string; walletId: string };

  beforeAll(async () => {
    t = await startTestIntake(infra!);
    to = await t.api.payableWallet();
  });
  afterAll(() => t?.stop());

  const newPayout = async () =>
    (await t.api.call('POST', '/v1/payouts', payoutBody(to), { 'idempotency-key': `view-${newEventId()}` })).body.id!;
  const view = async (id: string) => (await t.api.call('GET', `/v1/payouts/${id}`)).body;
  /** Waits until the payout's history has `count` entries (applied or not): every sent signal was handled. */
  const handled = (id: string, count: number) =>
    waitFor(
      async () => {
        const rows = await t.intake.db
          .fork()
          .execute<{ n: string }[]>('select count(*) as n from payout_history where payout_id = ?', [id]);
        return Number(rows[0]!.n) >= count;
      },
      { description: `${count} signals handled for ${id}` },
    );

  it('follows a hold, its release, and dispatch to confirmed with provider reference and settled amount', async () => {
    const id = await newPayout();
    const hold = {
      hold_id: 'hold-1',
      reason_codes: ['kyt_alert'],
      evidence_refs: ['case-9'],
      owner: 'compliance_officer',
      sla_deadline: Date.parse('2030-01-01T00:00:00Z'),
      unblock_path: 'review KYT alert, then release',
    };
    await publish(infra!, 'compliance.decided.v1', id, decidedEvent(id, 'held', hold));
    await handled(id, 1);
    expect(await view(id)).toMatchObject({
      status: 'held',
      status_reason: 'kyt_alert',
      hold: {
        id: 'hold-1',
        reason_codes: ['kyt_alert'],
        sla_deadline: '2030-01-01T00:00:00.000Z',
        unblock_path: 'review KYT alert, then release',
      },
    });
    await publish(infra!, 'compliance.decided.v1', id, decidedEvent(id, 'released'));
    // The two topics have no order between them; wait so the history below is deterministic.
    await handled(id, 2);
    await publish(infra!, 'payouts.status-changed.v1', id, statusEvent(id, 'approved', 'submitting'));
    await publish(
      infra!,
      'payouts.status-changed.v1',
      id,
      statusEvent(id, 'submitting', 'pending', { provider_reference: 'prv-1' }),
    );
    await publish(
      infra!,
      'payouts.status-changed.v1',
      id,
      statusEvent(id, 'pending', 'confirmed', {
        provider_reference: 'prv-1',
        settled_amount_minor: 1_250_000n,
        fee_amount_minor: 300n,
      }),
    );
    await handled(id, 5);
    const confirmed = await view(id);
    expect(confirmed).toMatchObject({
      status: 'confirmed',
      finished: true,
      hold: null,
      provider_reference: 'prv-1',
      settled_amount_minor: '1250000',
      fee_amount_minor: '300',
    });
    expect((confirmed.status_history as { status: string }[]).map((h) => h.status)).toEqual([
      'held',
      'released',
      'submitting',
      'pending',
      'confirmed',
    ]);
    expect((await t.api.call('POST', `/v1/payouts/${id}/cancel`)).body.code).toBe('payout_not_cancelable');
    expect((await t.api.call('GET', '/v1/payouts?finished=true')).body.data).toEqual([expect.objectContaining({ id })]);
  });

  it('a chunk of signals, several per payout, leaves every view as one signal at a time would', async () => {
    const ids = [await newPayout(), await newPayout(), await newPayout()];
    const steps = (id: string, n: number) => [
      statusEvent(id, 'approved', 'submitting'),
      statusEvent(id, 'submitting', 'pending', { provider_reference: `prv-${n}` }),
      statusEvent(id, 'pending', 'confirmed', { provider_reference: `prv-${n}`, settled_amount_minor: BigInt(n) }),
    ];
    // Interleaved across payouts, in order per payout (one key, one partition).
    const events = [0, 1, 2].flatMap((step) => ids.map((id, n) => ({ key: id, event: steps(id, n + 1)[step]! })));
    await publishTogether(infra!, 'payouts.status-changed.v1', events);
    for (const id of ids) await handled(id, 3);
    for (const [n, id] of ids.entries()) {
      const confirmed = await view(id);
      expect(confirmed).toMatchObject({
        status: 'confirmed',
        finished: true,
        provider_reference: `prv-${n + 1}`,
        settled_amount_minor: String(n + 1),
      });
      expect((confirmed.status_history as { status: string }[]).map((h) => h.status)).toEqual([
        'submitting',
        'pending',
        'confirmed',
      ]);
    }
    const metrics = await (await fetch(`${t.intake.url}/metrics`)).text();
    expect(metrics).not.toMatch(/sluice_consumer_chunk_fallbacks_total\{topic="[^"]*status-changed\.v1"\} [1-9]/);
  });

  it('never regresses: a late approval after dispatch moved on, and failed after confirmed, are recorded, not applied', async () => {
    const id = await newPayout();
    await publish(infra!, 'payouts.status-changed.v1', id, statusEvent(id, 'approved', 'submitting'));
    await publish(infra!, 'payouts.status-changed.v1', id, statusEvent(id, 'submitting', 'confirmed'));
    await handled(id, 2);
    await publish(infra!, 'compliance.decided.v1', id, decidedEvent(id, 'approved'));
    await publish(
      infra!,
      'payouts.status-changed.v1',
      id,
      statusEvent(id, 'confirmed', 'failed', { reason: 'provider_error' }),
    );
    await handled(id, 4);
    const current = await view(id);
    expect(current.status).toBe('confirmed');
    expect((current.status_history as { status: string }[]).map((h) => h.status)).toEqual(['submitting', 'confirmed']);
    const ignored = await t.intake.db
      .fork()
      .execute<{ status: string }[]>(
        'select status from payout_history where payout_id = ? and not applied order by id',
        [id],
      );
    expect(ignored.map((row) => row.status).sort()).toEqual(['approved', 'failed']);
  });

  it('applies the same event delivered twice once', async () => {
    const id = await newPayout();
    const approved = decidedEvent(id, 'approved');
    await publish(infra!, 'compliance.decided.v1', id, approved);
    await publish(infra!, 'compliance.decided.v1', id, approved);
    const marker = statusEvent(id, 'approved', 'submitting', { event_id: newEventId() });
    await publish(infra!, 'compliance.decided.v1', id, decidedEvent(id, 'held'));
    await publish(infra!, 'payouts.status-changed.v1', id, marker);
    await handled(id, 3);
    await waitFor(async () => (await view(id)).status === 'submitting', { description: 'marker applied' });
    const rows = await t.intake.db
      .fork()
      .execute<{ event_id: string }[]>('select event_id from payout_history where payout_id = ? and event_id = ?', [
        id,
        approved.event_id,
      ]);
    expect(rows).toHaveLength(1);
  });

  it('skips signals for payouts it never accepted, including foreign non-UUID ids, and keeps going', async () => {
    const id = await newPayout();
    // All under one Kafka key, so on one partition in this order: the real decision comes after the foreign ones.
    await publish(infra!, 'compliance.decided.v1', id, decidedEvent('po-foreign-1', 'approved'));
    await publish(infra!, 'compliance.decided.v1', id, decidedEvent('01a21828-4c84-74fd-bdca-0e2c73bc82e7', 'denied'));
    await publish(infra!, 'compliance.decided.v1', id, decidedEvent(id, 'denied'));
    await waitFor(async () => (await view(id)).status === 'denied', {
      description: 'decision after foreign ones applied',
    });
  });
});
