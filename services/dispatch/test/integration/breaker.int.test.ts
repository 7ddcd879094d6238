// Risk retired: a flapping provider is hammered (or a payout is sent twice) instead of the breaker opening, payouts
// waiting and everything converging once it recovers; a 403 keeps being sent instead of stopping the provider.
import { requireInfra, waitFor } from '@sluice/testing';
import { type Harness, startHarness } from './support/harness.ts';
import { testPayout } from './support/payouts.ts';
import { type SandboxProcess, startSandboxProcess } from './support/sandbox-process.ts';

const infra = await requireInfra();
const suite = infra ? describe : describe.skip;

const readiness = async (h: Harness) => {
  const res = await fetch(`${h.dispatch.url}/readyz`);
  const body = (await res.json()) as {
    checks: { providers: { detail: Record<string, { availability: string; breaker: string }> } };
  };
  return body.checks.providers.detail.sandbox!;
};

const metric = async (h: Harness, name: string) => {
  const text = await (await fetch(`${h.dispatch.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes('provider="sandbox"'));
  return line ? Number(line.split(' ').at(-1)) : undefined;
};

suite('circuit breaker under a flapping provider', () => {
  let sandbox: SandboxProcess;
  let h: Harness;

  beforeAll(async () => {
    sandbox = await startSandboxProcess(infra!);
    // A long reset keeps the breaker open long enough to observe that payouts wait.
    h = await startHarness(infra!, sandbox, { DISPATCH_BREAKER_RESET_MS: '4000' });
  });

  afterAll(async () => {
    await h?.close();
    await sandbox?.stop();
  });

  test('opens on 5xx, holds new payouts while open, recovers through half-open, one provider payout each', async () => {
    const flapping = [1, 2, 3, 4].map(() => testPayout(h.programId, 'flapping'));
    for (const p of flapping) {
      await h.publishAccepted(p);
      await h.publishDecision(p, 'approved');
    }
    await waitFor(async () => (await readiness(h)).breaker === 'open', { description: 'breaker open' });
    expect(await metric(h, 'dispatch_provider_state')).toBe(2);
    expect(await h.payout(flapping[0]!.payoutId)).toMatchObject({
      status: 'unknown',
      status_reason: 'provider_http_503',
    });

    // While open, a new payout waits in approved and nothing reaches the provider.
    const waiting = testPayout(h.programId, 'success');
    await h.publishAccepted(waiting);
    await h.publishDecision(waiting, 'approved');
    await waitFor(async () => {
      const view = await h.payout(waiting.payoutId).catch(() => undefined);
      return view?.status === 'approved' && view.instruction_received === true;
    });
    if ((await readiness(h)).breaker === 'open') {
      await h.dispatch.dispatcher.tickNow();
      expect((await h.payout(waiting.payoutId)).status).toBe('approved');
      expect(await sandbox.callsFor(waiting.payoutId)).toHaveLength(0);
    }

    for (const p of [...flapping, waiting]) {
      const view = await h.waitForStatus(p.payoutId, 'confirmed', 60_000);
      const records = await sandbox.payoutsFor(p.payoutId);
      expect(records).toHaveLength(1);
      expect(records[0]!.idempotency_key).toBe(view.idempotency_key);
      for (const call of await sandbox.callsFor(p.payoutId)) expect(call.idempotency_key).toBe(view.idempotency_key);
    }
    await waitFor(async () => (await readiness(h)).breaker === 'closed', { description: 'breaker closed again' });
    const flapped = await h.payout(flapping[0]!.payoutId);
    const submits = (flapped.attempts as { operation: string; http_status: number | null }[]).filter(
      (a) => a.operation === 'submit',
    );
    // Two 503s (the scenario's flap count), then the one accepted create; refusals while open never left.
    expect(submits.filter((a) => a.http_status === 503)).toHaveLength(2);
    expect(submits.filter((a) => a.http_status === 201)).toHaveLength(1);
  });
});

suite('a provider that refuses our credentials (403)', () => {
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

  test('stops sending, alerts, keeps payouts waiting; an operator re-enables it and they complete once', async () => {
    await sandbox.setCredentialsRevoked(true);
    const first = testPayout(h.programId, 'success');
    await h.publishAccepted(first);
    await h.publishDecision(first, 'approved');
    await waitFor(async () => (await readiness(h)).availability === 'disabled', { description: 'provider disabled' });
    expect(await metric(h, 'dispatch_provider_auth_refused_total')).toBe(1);
    const providers = await h.api('GET', '/v1/providers', 'viewer');
    expect(providers.body.data).toEqual([
      expect.objectContaining({
        provider: 'sandbox',
        availability: 'disabled',
        disabled_reason: 'credentials_refused:http_403',
      }),
    ]);

    const second = testPayout(h.programId, 'success');
    await h.publishAccepted(second);
    await h.publishDecision(second, 'approved');
    await waitFor(async () => {
      const view = await h.payout(second.payoutId).catch(() => undefined);
      return view?.status === 'approved' && view.instruction_received === true;
    });
    await h.dispatch.dispatcher.tickNow();
    expect((await h.payout(first.payoutId)).status).toBe('submitting');
    expect((await h.payout(second.payoutId)).status).toBe('approved');
    expect(await sandbox.payoutsFor(first.payoutId)).toHaveLength(0);
    expect(await sandbox.callsFor(first.payoutId)).toHaveLength(1);
    expect(await sandbox.callsFor(second.payoutId)).toHaveLength(0);

    // Only incident response (or an admin) may turn the provider back on.
    expect((await h.api('POST', '/v1/providers/sandbox/enable', 'payout_support')).status).toBe(403);
    expect((await h.api('POST', '/v1/providers/sandbox/enable', null)).status).toBe(401);
    await sandbox.setCredentialsRevoked(false);
    const enabled = await h.api('POST', '/v1/providers/sandbox/enable', 'incident_response');
    expect(enabled).toMatchObject({ status: 200, body: { changed: true } });

    for (const p of [first, second]) {
      const view = await h.waitForStatus(p.payoutId, 'confirmed');
      const records = await sandbox.payoutsFor(p.payoutId);
      expect(records).toHaveLength(1);
      expect(records[0]!.idempotency_key).toBe(view.idempotency_key);
    }
    const calls = await sandbox.callsFor(first.payoutId);
    expect(calls.map((call) => call.http_status).sort()).toEqual([201, 403]);
    expect(new Set(calls.map((call) => call.idempotency_key)).size).toBe(1);
  });

  test('the bad_credentials scenario: the 403 disables the provider; the payout waits and nothing is created', async () => {
    const p = testPayout(h.programId, 'bad_credentials');
    await h.publishAccepted(p);
    await h.publishDecision(p, 'approved');
    await waitFor(async () => (await readiness(h)).availability === 'disabled', { description: 'provider disabled' });
    await h.dispatch.dispatcher.tickNow();
    const view = await h.payout(p.payoutId);
    expect(view).toMatchObject({ status: 'submitting', status_reason: 'dispatch_started' });
    expect(await sandbox.payoutsFor(p.payoutId)).toHaveLength(0);
    expect((await sandbox.callsFor(p.payoutId)).map((call) => call.http_status)).toEqual([403]);
    expect(await metric(h, 'dispatch_provider_auth_refused_total')).toBe(2);
    // A payout that is with the provider (submitting) cannot be canceled: 409, nothing changes.
    const cancel = await h.api('POST', `/v1/payouts/${p.payoutId}/cancel`, 'payout_support');
    expect(cancel).toMatchObject({ status: 409, body: { code: 'already_submitted' } });
  });
});
