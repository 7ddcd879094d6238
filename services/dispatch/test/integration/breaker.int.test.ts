// Risk retired: a flapping provider is hammered (or a payout is sent twice) instead of the breaker opening, payouts
// waiting and everything converging once it recovers; a 403 keeps being sent instead of stopping the provider.
import { requireInfra, waitFor } from '@sluice/testing';
import type { ProviderAvailability } from '../../src/app/provider-port.ts';
import {
  type Entry,
  halfOpenSpells,
  isBreaker,
  isCreate,
  isFault,
  journalOf,
  letThrough,
  statusOf,
} from './support/breaker-journal.ts';
import { answeredCalls, isSubsequence } from './support/call-log.ts';
import { type Harness, startHarness } from './support/harness.ts';
import { testPayout } from './support/payouts.ts';
import { type SandboxProcess, startSandboxProcess } from './support/sandbox-process.ts';

const infra = await requireInfra();
const suite = infra ? describe : describe.skip;

const metric = async (h: Harness, name: string) => {
  const text = await (await fetch(`${h.dispatch.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes('provider="sandbox"'));
  return line ? Number(line.split(' ').at(-1)) : undefined;
};

/** A provider call dispatch recorded, as `GET /v1/payouts/:id` shows it. */
interface Attempt {
  readonly operation: string;
  readonly http_status: number | null;
  readonly outcome: string;
}

/** `dispatch_provider_state` per availability (its documented values). */
const STATE_VALUE: Record<ProviderAvailability, number> = { closed: 0, half_open: 1, open: 2, disabled: 3 };

suite('circuit breaker under a flapping provider', () => {
  let sandbox: SandboxProcess;
  let h: Harness;
  let journal: Entry[];

  beforeAll(async () => {
    sandbox = await startSandboxProcess(infra!);
    // A long reset keeps the breaker open long enough to observe that payouts wait.
    h = await startHarness(infra!, sandbox, { DISPATCH_BREAKER_RESET_MS: '4000' });
    journal = journalOf(h.dispatch.gateway, 'sandbox');
  });

  afterAll(async () => {
    await h?.close();
    await sandbox?.stop();
  });

  /** dispatch_provider_state read now shows a state the gateway reported while the read was under way. */
  async function expectStateMetricFollowsBreaker() {
    const from = journal.length;
    const value = await metric(h, 'dispatch_provider_state');
    const before = journal.slice(0, from).filter(isBreaker).at(-1)?.availability ?? 'closed';
    const during = journal
      .slice(from)
      .filter(isBreaker)
      .map((entry) => entry.availability);
    expect([before, ...during].map((availability) => STATE_VALUE[availability])).toContain(value);
  }

  test('opens on 5xx, holds new payouts while open, recovers through half-open, one provider payout each', async () => {
    const volume = h.dispatch.config.DISPATCH_BREAKER_VOLUME;
    const flapping = [1, 2, 3, 4].map(() => testPayout(h.programId, 'flapping'));
    for (const p of flapping) {
      await h.publishAccepted(p);
      await h.publishDecision(p, 'approved');
    }
    await waitFor(() => journal.some((entry) => isBreaker(entry) && entry.breaker === 'open'), {
      description: 'breaker open',
    });
    await expectStateMetricFollowsBreaker();

    // Approved while the breaker is open (or soon after): it must wait for the breaker, like every other create.
    const waiting = testPayout(h.programId, 'success');
    await h.publishAccepted(waiting);
    await h.publishDecision(waiting, 'approved');

    const everyone = [...flapping, waiting];
    for (const p of everyone) await h.waitForStatus(p.payoutId, 'confirmed', 60_000);
    const creates = () => journal.filter(isCreate);
    await waitFor(() => creates().every((call) => call.outcome !== undefined), { description: 'creates settled' });
    await expectStateMetricFollowsBreaker();

    // Before it first opened, at least `volume` creates had gone out and failed (5xx or timeout). Which payouts they
    // were is up to the scheduling: one of the flapping payouts may be claimed only after the breaker opened.
    const opened = journal.findIndex((entry) => isBreaker(entry) && entry.breaker === 'open');
    const failedBefore = journal.slice(0, opened).filter(isCreate).filter(isFault);
    expect(failedBefore.length).toBeGreaterThanOrEqual(volume);
    // While open, nothing left: a create made then came back `not_sent` without reaching the provider.
    expect(creates().filter((call) => call.breakerAtLaunch === 'open' && letThrough(call))).toEqual([]);
    // Each half-open spell let exactly one trial through, and the trial decided how it ended; a spell not ended yet
    // (its trial never came: nothing was left to send) let none through.
    for (const spell of halfOpenSpells(journal)) {
      const trials = spell.creates.filter(letThrough);
      if (spell.endedAs === undefined) {
        expect(trials).toEqual([]);
        continue;
      }
      expect(trials).toHaveLength(1);
      expect(spell.endedAs).toBe(isFault(trials[0]!) ? 'open' : 'closed');
    }

    for (const p of everyone) {
      const view = await h.payout(p.payoutId);
      // One provider payout, under dispatch's one key, and every call the sandbox logged carries that key.
      const records = await sandbox.payoutsFor(p.payoutId);
      expect(records).toHaveLength(1);
      expect(records[0]!.idempotency_key).toBe(view.idempotency_key);
      const logged = await answeredCalls(h, sandbox, p.payoutId);
      for (const call of logged) expect(call.idempotency_key).toBe(view.idempotency_key);
      // Dispatch recorded each create it made, as it went; the sandbox logged each it answered, and nothing else.
      const made = creates().filter((call) => call.payoutId === p.payoutId);
      const submits = (view.attempts as Attempt[]).filter((attempt) => attempt.operation === 'submit');
      expect(submits.map((attempt) => attempt.http_status)).toEqual(made.map(statusOf));
      const answered = made.map(statusOf).filter((status) => status !== null);
      expect(
        isSubsequence(
          answered,
          logged.map((call) => call.http_status),
        ),
      ).toBe(true);
      expect(logged.length).toBeLessThanOrEqual(made.filter(letThrough).length);
    }
    for (const p of flapping) {
      // The scenario's two 503s come before the create that succeeds; a 5xx (or a timeout) made the payout
      // `unknown`, never `failed`: only the provider's record resolved it.
      const answered = creates()
        .filter((call) => call.payoutId === p.payoutId)
        .map(statusOf)
        .filter((status) => status !== null);
      const firstSuccess = answered.findIndex((status) => status < 300);
      const beforeSuccess = firstSuccess === -1 ? answered : answered.slice(0, firstSuccess);
      expect(beforeSuccess.every((status) => status === 503)).toBe(true);
      expect(answered.filter((status) => status === 503).length).toBeLessThanOrEqual(2);
      const transitions = (await h.payout(p.payoutId)).transitions as { to: string; reason: string }[];
      expect(transitions.find((t) => t.to === 'unknown')?.reason).toMatch(/^provider_(http_503|timeout)$/);
      expect(transitions.some((t) => t.to === 'failed')).toBe(false);
    }
  });
});

/**
 * The provider as the operator API shows it once the 403's transaction has committed. The gateway stops sending the
 * moment dispatch reads the 403, inside that transaction (so /readyz says `disabled` before anything is committed);
 * the switch row, the attempt and the payout's state are readable only after the commit.
 */
async function committedDisable(h: Harness) {
  return waitFor(
    async () => {
      const res = await h.api('GET', '/v1/providers', 'viewer');
      const rows = res.body.data as { availability: string; disabled_reason: string | null }[];
      return rows.length === 1 && rows[0]!.availability === 'disabled' && rows[0]!.disabled_reason !== null
        ? rows
        : undefined;
    },
    { description: 'provider disabled, its switch committed' },
  );
}

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
    const providers = await committedDisable(h);
    expect(await metric(h, 'dispatch_provider_auth_refused_total')).toBe(1);
    expect(providers).toEqual([
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
    expect(await answeredCalls(h, sandbox, first.payoutId)).toHaveLength(1);
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
    // The 403, then (once re-enabled) the create that succeeded, all under one key. Dispatch's record says what was
    // answered; the sandbox's log has each of those, and at most the calls that left (a timed-out one may be missing).
    const submits = ((await h.payout(first.payoutId)).attempts as Attempt[]).filter((a) => a.operation === 'submit');
    const answered = submits.map((a) => a.http_status).filter((status) => status !== null);
    expect(answered[0]).toBe(403);
    expect(answered.slice(1).every((status) => status < 300)).toBe(true);
    const calls = await answeredCalls(h, sandbox, first.payoutId);
    expect(
      isSubsequence(
        answered,
        calls.map((call) => call.http_status),
      ),
    ).toBe(true);
    expect(calls.length).toBeLessThanOrEqual(submits.filter((a) => a.outcome !== 'not_sent').length);
    expect(new Set(calls.map((call) => call.idempotency_key)).size).toBe(1);
  });

  test('the bad_credentials scenario: the 403 disables the provider; the payout waits and nothing is created', async () => {
    const p = testPayout(h.programId, 'bad_credentials');
    await h.publishAccepted(p);
    await h.publishDecision(p, 'approved');
    await committedDisable(h);
    await h.dispatch.dispatcher.tickNow();
    const view = await h.payout(p.payoutId);
    expect(view).toMatchObject({ status: 'submitting', status_reason: 'dispatch_started' });
    expect(await sandbox.payoutsFor(p.payoutId)).toHaveLength(0);
    expect((await answeredCalls(h, sandbox, p.payoutId)).map((call) => call.http_status)).toEqual([403]);
    expect(await metric(h, 'dispatch_provider_auth_refused_total')).toBe(2);
    // A payout that is with the provider (submitting) cannot be canceled: 409, nothing changes.
    const cancel = await h.api('POST', `/v1/payouts/${p.payoutId}/cancel`, 'payout_support');
    expect(cancel).toMatchObject({ status: 409, body: { code: 'already_submitted' } });
  });
});
