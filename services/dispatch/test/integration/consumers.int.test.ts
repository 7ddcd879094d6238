// Risk retired: a redelivered or repeated event sends a payout twice, a read-only market reaches the provider, a cancel
// lets money move (or is accepted once it may be moving), or a contradicting provider signal rewrites a payout.
import { randomUUID } from 'node:crypto';
import { requireInfra, waitFor } from '@sluice/testing';
import { answeredCalls } from './support/call-log.ts';
import { type Harness, startHarness } from './support/harness.ts';
import { acceptedPayload, decisionPayload, type TestPayout, testPayout } from './support/payouts.ts';
import { type SandboxProcess, startSandboxProcess } from './support/sandbox-process.ts';

const infra = await requireInfra();
const suite = infra ? describe : describe.skip;

type View = Record<string, unknown> & {
  transitions: { from: string | null; to: string; source: string; actor: string | null }[];
  attempts: {
    operation: string;
    outcome: string;
    shadow: boolean;
    request_body: string | null;
    http_status: number | null;
  }[];
  conflicts: { current_status: string; attempted_status: string; source: string }[];
};

suite('dispatch consumers, shadow mode, cancel and conflicts', () => {
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

  const view = async (id: string) => (await h.payout(id)) as View;
  /** Waits until dispatch recorded `decision` for the payout, then runs the loop once more as a barrier. */
  const settled = async (p: TestPayout, decision: string) => {
    await waitFor(async () => (await h.payout(p.payoutId).catch(() => undefined))?.decision === decision);
    await h.dispatch.dispatcher.tickNow();
  };

  test('the same compliance.decided twice, and a second approval, give one submission', async () => {
    const p = testPayout(h.programId, 'success');
    await h.publishAccepted(p);
    const accepted = h.lastPublished();
    await h.publishDecision(p, 'approved');
    const decided = h.lastPublished();
    await h.republish('compliance.decided.v1', decided);
    await h.republish('payouts.accepted.v1', accepted);
    await h.publishDecision(p, 'approved');
    const done = (await h.waitForStatus(p.payoutId, 'confirmed')) as View;
    await h.republish('compliance.decided.v1', decided);
    await settled(p, 'approved');
    expect((await view(p.payoutId)).transitions.filter((t) => t.to === 'submitting')).toHaveLength(1);
    expect(done.attempts.filter((a) => a.operation === 'submit')).toHaveLength(1);
    expect(await sandbox.payoutsFor(p.payoutId)).toHaveLength(1);
    expect(await answeredCalls(h, sandbox, p.payoutId)).toHaveLength(1);
  });

  test('a chunk of signals, several per payout, leaves every payout as one event at a time would', async () => {
    const [heldThenReleased, approvedThenDenied, approvedTwice, ...plain] = Array.from({ length: 8 }, () =>
      testPayout(h.programId, 'success'),
    ) as [TestPayout, TestPayout, TestPayout, ...TestPayout[]];
    const all = [heldThenReleased, approvedThenDenied, approvedTwice, ...plain];
    const accepted = (p: TestPayout) => h.build('payouts.accepted.v1', acceptedPayload(p), p, 'intake');
    const decided = (p: TestPayout, decision: 'approved' | 'released' | 'held' | 'denied') =>
      h.build('compliance.decided.v1', decisionPayload(p, decision, 'live'), p, 'compliance');
    // The first accepted facts win: a second accepted event for a payout (another event id) changes nothing.
    await h.publishTogether('payouts.accepted.v1', [...all.map(accepted), accepted(approvedTwice)]);
    await h.publishTogether('compliance.decided.v1', [
      decided(heldThenReleased, 'held'),
      decided(approvedThenDenied, 'approved'),
      decided(approvedTwice, 'approved'),
      ...plain.map((p) => decided(p, 'approved')),
      decided(heldThenReleased, 'released'),
      decided(approvedThenDenied, 'denied'),
      decided(approvedTwice, 'approved'),
    ]);
    for (const p of [heldThenReleased, approvedTwice, ...plain]) await h.waitForStatus(p.payoutId, 'confirmed');
    const denied = await h.waitForStatus(approvedThenDenied.payoutId, 'canceled');
    expect(denied).toMatchObject({ status_reason: 'compliance_denied', decision: 'denied' });
    expect(await sandbox.payoutsFor(approvedThenDenied.payoutId)).toHaveLength(0);
    for (const p of [heldThenReleased, approvedTwice, ...plain]) {
      expect(await sandbox.payoutsFor(p.payoutId)).toHaveLength(1);
      const v = await view(p.payoutId);
      expect(v.transitions.filter((t) => t.to === 'submitting')).toHaveLength(1);
    }
    expect(await view(heldThenReleased.payoutId)).toMatchObject({ decision: 'released' });
    // The outcomes above are those of one event at a time; this says the chunk statements gave them.
    const metrics = await (await fetch(`${h.dispatch.url}/metrics`)).text();
    expect(metrics).toContain('# TYPE sluice_consumer_chunk_fallbacks_total counter');
    expect(metrics).not.toMatch(/sluice_consumer_chunk_fallbacks_total\{topic="[^"]*(accepted|decided)\.v1"\} [1-9]/);
  });

  test('read-only market: recorded as "would dispatch" with the exact request, never reaches the provider', async () => {
    const p = testPayout(h.programId, 'success', {
      corridor: 'PH-USDC-SOLANA',
      market: 'PH',
      network: 'solana',
      address: '7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV',
    });
    await h.publishAccepted(p);
    await h.publishDecision(p, 'approved', 'read_only');
    const shadow = await waitFor(async () => {
      const v = await view(p.payoutId).catch(() => undefined);
      return v?.shadow === true ? v : undefined;
    });
    expect(shadow).toMatchObject({ status: 'approved', status_reason: 'shadow_would_dispatch', mode: 'read_only' });
    expect(shadow.attempts).toHaveLength(1);
    const [would] = shadow.attempts;
    expect(would).toMatchObject({ operation: 'submit', outcome: 'would_dispatch', shadow: true, http_status: null });
    expect(JSON.parse(would!.request_body!)).toMatchObject({
      client_reference: p.payoutId,
      amount_minor: p.amountMinor.toString(),
      destination: { type: 'wallet', network: 'solana', address: p.address },
      metadata: { scenario: 'success' },
    });
    const attempted = await waitFor(() => h.tap.attempts(p.payoutId)[0]);
    expect(attempted).toMatchObject({
      shadow: true,
      outcome: 'would_dispatch',
      idempotency_key: shadow.idempotency_key,
    });
    const announced = await h.tap.waitForStatusEvent(p.payoutId, 'approved');
    expect(announced).toMatchObject({ from_status: 'approved', reason: 'shadow_would_dispatch', shadow: true });

    // A later live approval of the same payout does not turn the rehearsal into a payment.
    await h.publishDecision(p, 'released', 'live');
    await settled(p, 'released');
    expect(await view(p.payoutId)).toMatchObject({ status: 'approved', shadow: true });
    expect(await sandbox.callsFor(p.payoutId)).toHaveLength(0);
    expect(await sandbox.payoutsFor(p.payoutId)).toHaveLength(0);
  });

  test('held is recorded only; released proceeds to confirmed', async () => {
    const p = testPayout(h.programId, 'success');
    await h.publishAccepted(p);
    await h.publishDecision(p, 'held');
    await settled(p, 'held');
    expect(await view(p.payoutId)).toMatchObject({ status: 'awaiting_approval', decision: 'held' });
    expect(await sandbox.callsFor(p.payoutId)).toHaveLength(0);
    await h.publishDecision(p, 'released');
    await h.waitForStatus(p.payoutId, 'confirmed');
    expect(await sandbox.payoutsFor(p.payoutId)).toHaveLength(1);
  });

  test('cancel while held: canceled by the operator; a later release sends nothing', async () => {
    const p = testPayout(h.programId, 'success');
    await h.publishAccepted(p);
    await h.publishDecision(p, 'held');
    await settled(p, 'held');
    expect((await h.api('POST', `/v1/payouts/${p.payoutId}/cancel`, 'viewer')).status).toBe(403);
    expect((await h.api('POST', `/v1/payouts/${p.payoutId}/cancel`, null)).status).toBe(401);
    const canceled = await h.api('POST', `/v1/payouts/${p.payoutId}/cancel`, 'payout_support');
    expect(canceled).toMatchObject({ status: 200, body: { status: 'canceled', status_reason: 'operator_canceled' } });
    const again = await h.api('POST', `/v1/payouts/${p.payoutId}/cancel`, 'payout_support');
    expect(again).toMatchObject({ status: 200, body: { status: 'canceled' } });
    const event = await h.tap.waitForStatusEvent(p.payoutId, 'canceled');
    expect(event).toMatchObject({ from_status: 'held', source: 'operator', provider: 'sandbox', attempt: 0 });
    await h.publishDecision(p, 'released');
    await settled(p, 'released');
    expect((await view(p.payoutId)).status).toBe('canceled');
    expect(await sandbox.callsFor(p.payoutId)).toHaveLength(0);
  });

  test('cancel of an approved (shadow) payout, and 409 once submitted; unknown payouts are 404', async () => {
    const shadow = testPayout(h.programId, 'success', {
      market: 'PH',
      corridor: 'PH-USDC-SOLANA',
      network: 'solana',
      address: '7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV',
    });
    await h.publishAccepted(shadow);
    await h.publishDecision(shadow, 'approved', 'read_only');
    await waitFor(async () => (await view(shadow.payoutId).catch(() => undefined))?.shadow === true);
    const canceled = await h.api('POST', `/v1/payouts/${shadow.payoutId}/cancel`, 'admin');
    expect(canceled.body).toMatchObject({ status: 'canceled' });
    expect((canceled.body as View).transitions.at(-1)).toMatchObject({
      from: 'approved',
      to: 'canceled',
      actor: 'op-admin',
    });

    const sent = testPayout(h.programId, 'success');
    await h.publishAccepted(sent);
    await h.publishDecision(sent, 'approved');
    await h.waitForStatus(sent.payoutId, 'confirmed');
    const refused = await h.api('POST', `/v1/payouts/${sent.payoutId}/cancel`, 'payout_support');
    expect(refused).toMatchObject({ status: 409, body: { code: 'already_submitted' } });
    expect(String(refused.body.detail)).toContain('confirmed');
    expect((await h.api('POST', `/v1/payouts/${randomUUID()}/cancel`, 'admin')).status).toBe(404);
  });

  test('a callback contradicting a confirmed payout is refused, recorded as a conflict and published', async () => {
    const p = testPayout(h.programId, 'success');
    await h.publishAccepted(p);
    await h.publishDecision(p, 'approved');
    const confirmed = await h.waitForStatus(p.payoutId, 'confirmed');
    const callback = (status: string) => ({
      provider: 'sandbox',
      provider_event_id: `evt_${randomUUID()}`,
      callback_id: randomUUID(),
      provider_reference: String(confirmed.provider_reference),
      client_reference: p.payoutId,
      provider_status: status,
      failure_code: status === 'failed' ? 'destination_rejected' : null,
      verification: { scheme: 'x-pay', key_id: 'k1', verdict: 'valid' },
      needs_confirmation: false,
      amount_minor: p.amountMinor,
      currency: p.currency,
      settled_amount_minor: null,
      fee_amount_minor: null,
      received_at: Date.now(),
      raw_body_sha256: '0'.repeat(64),
    });
    await h.publish('provider.callbacks-received.v1', callback('pending'), p, 'webhook-gateway');
    await h.publish('provider.callbacks-received.v1', callback('failed'), p, 'webhook-gateway');
    const failedCallback = h.lastPublished();
    const withConflict = await waitFor(async () => {
      const v = await view(p.payoutId);
      return v.conflicts.length > 0 ? v : undefined;
    });
    expect(withConflict.status).toBe('confirmed');
    expect(withConflict.conflicts).toEqual([
      expect.objectContaining({ current_status: 'confirmed', attempted_status: 'failed', source: 'callback' }),
    ]);
    const event = await waitFor(() => h.tap.statuses(p.payoutId).find((e) => e.conflict !== null));
    expect(event).toMatchObject({
      from_status: 'confirmed',
      to_status: 'confirmed',
      reason: 'regression_refused',
      conflict: { attempted_status: 'failed', source: 'callback' },
    });
    // The stale `pending` changed nothing and is no conflict.
    expect(withConflict.transitions.map((t) => t.to)).toEqual(['submitting', 'pending', 'confirmed']);

    // The same callback event delivered again is a no-op; a later reversal (same key, same partition, so handled
    // after it) still applies through the same function.
    await h.republish('provider.callbacks-received.v1', failedCallback);
    await h.publish('provider.callbacks-received.v1', callback('reversed'), p, 'webhook-gateway');
    const reversed = (await h.waitForStatus(p.payoutId, 'reversed')) as View;
    expect(reversed.conflicts).toHaveLength(1);
    expect(reversed.transitions.at(-1)).toMatchObject({ from: 'confirmed', to: 'reversed', source: 'callback' });
    await h.tap.waitForStatusEvent(p.payoutId, 'reversed');
    expect(h.tap.statuses(p.payoutId).filter((e) => e.conflict !== null)).toHaveLength(1);
  });
});
