// Risk retired: a provider scenario (slow, timeout, refusal, failure after pending, reversal, short settlement, missing
// callbacks, funding) leaves a payout in the wrong state or makes the provider create more than one payout.
import { requireInfra, waitFor } from '@sluice/testing';
import { answeredCalls } from './support/call-log.ts';
import { type Harness, startHarness } from './support/harness.ts';
import { testPayout } from './support/payouts.ts';
import { type SandboxProcess, startSandboxProcess } from './support/sandbox-process.ts';

const infra = await requireInfra();
const suite = infra ? describe : describe.skip;

suite('dispatch against the sandbox: every scenario converges with one provider payout per instruction', () => {
  let sandbox: SandboxProcess;
  let h: Harness;

  beforeAll(async () => {
    sandbox = await startSandboxProcess(infra!);
    h = await startHarness(infra!, sandbox);
  });

  afterAll(async () => {
    await h?.close();
    await sandbox?.stop();
  });

  /** Publishes accepted + approved (live) and waits for the final status. */
  async function run(
    scenario: string,
    finalStatus: string,
    order: 'accepted_first' | 'decision_first' = 'accepted_first',
  ) {
    const p = testPayout(h.programId, scenario);
    if (order === 'accepted_first') {
      await h.publishAccepted(p);
      await h.publishDecision(p, 'approved');
    } else {
      await h.publishDecision(p, 'approved');
      await h.publishAccepted(p);
    }
    const view = await h.waitForStatus(p.payoutId, finalStatus);
    return { p, view };
  }

  /** The sandbox's own records: exactly one payout for this instruction, under dispatch's key. */
  async function expectOneProviderPayout(payoutId: string, view: Record<string, unknown>) {
    const records = await sandbox.payoutsFor(payoutId);
    expect(records).toHaveLength(1);
    expect(records[0]!.idempotency_key).toBe(view.idempotency_key);
    expect(records[0]!.id).toBe(view.provider_reference);
  }

  const statusPath = (view: Record<string, unknown>) =>
    (view.transitions as { to: string }[]).map((t) => t.to).join(' → ');

  test('success: submitting → pending → confirmed', async () => {
    const { p, view } = await run('success', 'confirmed');
    expect(statusPath(view)).toBe('submitting → pending → confirmed');
    expect(view.settled_amount_minor).toBe(p.amountMinor.toString());
    await expectOneProviderPayout(p.payoutId, view);
    const confirmed = await h.tap.waitForStatusEvent(p.payoutId, 'confirmed');
    expect(confirmed).toMatchObject({
      from_status: 'pending',
      source: 'poll',
      provider: 'sandbox',
      idempotency_key: view.idempotency_key,
      provider_reference: view.provider_reference,
      amount_minor: p.amountMinor,
      settled_amount_minor: p.amountMinor,
      program_id: h.programId,
      market: 'US',
      shadow: false,
      conflict: null,
    });
    const attempts = await waitFor(() => h.tap.attempts(p.payoutId)[0], { description: 'dispatch.attempted on Kafka' });
    expect(attempts).toMatchObject({ operation: 'submit', http_status: 201, error_class: 'none', shadow: false });
    // The provider port's report read: the settlement line of the payout, in minor units.
    const report = await h.dispatch.gateway.get('sandbox')!.listSettlements(new Date().toISOString().slice(0, 10));
    expect(report.value).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ clientReference: p.payoutId, status: 'completed', amountMinor: p.amountMinor }),
      ]),
    );
  });

  test('slow success, and a decision that arrives before the instruction', async () => {
    const { p, view } = await run('slow_success', 'confirmed', 'decision_first');
    expect(statusPath(view)).toBe('submitting → pending → confirmed');
    await expectOneProviderPayout(p.payoutId, view);
  });

  test('timeout: the create call times out → unknown, resolved by polling, never re-sent under a new key', async () => {
    const { p, view } = await run('timeout', 'confirmed');
    // The poll may find the payout still pending or already completed: both are the provider's word.
    expect(statusPath(view)).toMatch(/^submitting → unknown → (pending → )?confirmed$/);
    const transitions = view.transitions as { to: string; reason: string; source: string }[];
    expect(transitions[1]).toMatchObject({ to: 'unknown', reason: 'provider_timeout', source: 'submit' });
    expect(transitions[2]).toMatchObject({ source: 'poll' });
    await expectOneProviderPayout(p.payoutId, view);
    // Calls the client hung up on may be missing from the sandbox's call log; every one it has uses the one key.
    for (const call of await sandbox.callsFor(p.payoutId)) expect(call.idempotency_key).toBe(view.idempotency_key);
    const attempts = view.attempts as { operation: string; error_class: string; http_status: number | null }[];
    expect(attempts[0]).toMatchObject({ operation: 'submit', error_class: 'unknown', http_status: null });
    expect(attempts.some((a) => a.operation === 'poll' && a.error_class === 'none')).toBe(true);
  });

  test('bad request: failed with the provider error kept; the provider created nothing', async () => {
    const { p, view } = await run('bad_request', 'failed');
    expect(statusPath(view)).toBe('submitting → failed');
    expect(view).toMatchObject({ status_reason: 'provider_rejected', failure_code: 'bad_request' });
    expect(String(view.failure_message)).toContain('scenario bad_request');
    expect(await sandbox.payoutsFor(p.payoutId)).toHaveLength(0);
    expect(await answeredCalls(h, sandbox, p.payoutId)).toHaveLength(1);
  });

  test('short settlement: confirmed with the settled amount and fee, reason short_settlement', async () => {
    const { p, view } = await run('short_settlement', 'confirmed');
    expect(view.status_reason).toBe('short_settlement');
    const settled = BigInt(String(view.settled_amount_minor));
    const fee = BigInt(String(view.fee_amount_minor));
    expect(settled).toBeLessThan(p.amountMinor);
    expect(settled + fee).toBe(p.amountMinor);
    await expectOneProviderPayout(p.payoutId, view);
  });

  test('failure after pending: pending → failed with the provider failure code', async () => {
    const { p, view } = await run('failure_after_pending', 'failed');
    expect(statusPath(view)).toBe('submitting → pending → failed');
    expect(view).toMatchObject({
      failure_code: 'destination_rejected',
      status_reason: 'provider_failed:destination_rejected',
    });
    await expectOneProviderPayout(p.payoutId, view);
  });

  test('reversal after confirmation: the reversal watch poll finds it → reversed', async () => {
    const { p, view } = await run('reversal_after_confirmation', 'reversed');
    expect(statusPath(view)).toBe('submitting → pending → confirmed → reversed');
    await expectOneProviderPayout(p.payoutId, view);
  });

  test.each(['duplicate_callbacks', 'missing_callbacks', 'out_of_order_callbacks'])(
    '%s: with no callbacks reaching dispatch, polling alone converges to confirmed',
    async (scenario) => {
      const { p, view } = await run(scenario, 'confirmed');
      expect(statusPath(view)).toBe('submitting → pending → confirmed');
      await expectOneProviderPayout(p.payoutId, view);
    },
  );

  test('insufficient funds: funding_hold, re-sent under the same key after a top-up → confirmed', async () => {
    const p = testPayout(h.programId, 'insufficient_funds');
    await h.publishAccepted(p);
    await h.publishDecision(p, 'approved');
    const held = await h.waitForStatus(p.payoutId, 'funding_hold');
    expect(held.status_reason).toBe('insufficient_funds');
    expect(await sandbox.payoutsFor(p.payoutId)).toHaveLength(0);
    await sandbox.fund('USDC', 5_000_000n);
    const view = await h.waitForStatus(p.payoutId, 'confirmed');
    const path = statusPath(view);
    expect(path.startsWith('submitting → funding_hold → ')).toBe(true);
    expect(path.endsWith('submitting → pending → confirmed')).toBe(true);
    await expectOneProviderPayout(p.payoutId, view);
    const calls = await answeredCalls(h, sandbox, p.payoutId);
    expect(new Set(calls.map((call) => call.idempotency_key))).toEqual(new Set([view.idempotency_key]));
    const submits = (view.attempts as { operation: string; request_body: string }[]).filter(
      (a) => a.operation === 'submit',
    );
    expect(submits.length).toBeGreaterThanOrEqual(2);
    expect(new Set(submits.map((a) => a.request_body)).size).toBe(1);
  });
});
