import { canTransition, type PayoutStatus, REPORTED_STATUSES } from './payout-status.ts';
import {
  DEFAULT_FAILURE_CODE,
  DEFAULT_REVERSAL_CODE,
  planScenario,
  SCENARIOS,
  type ScenarioName,
  type ScenarioPlan,
  scenarioOptions,
} from './scenario.ts';

const timings = { stepDelayMs: 300, stepDelayMaxMs: 300, slowStepDelayMs: 3_000, timeoutDelayMs: 6_000 };
const plan = (scenario: ScenarioName, extra: Record<string, unknown> = {}): ScenarioPlan => {
  const options = scenarioOptions({ scenario, ...extra });
  if (!options.ok) throw new Error(options.message);
  return planScenario(options.value, timings, 120);
};
const finalStatus = (p: ScenarioPlan): PayoutStatus => p.steps.at(-1)?.status ?? 'pending';

describe('planScenario', () => {
  it.each(SCENARIOS)('%s scripts a legal path from pending to a settled, failed or reversed status', (scenario) => {
    const p = plan(scenario);
    let status: PayoutStatus = 'pending';
    for (const step of p.steps) {
      expect(canTransition(status, step.status)).toBe(true);
      expect(step.afterMs).toBeGreaterThan(0);
      status = step.status;
    }
    expect(REPORTED_STATUSES).toContain(status);
  });

  it('is pure: the same inputs give the same plan', () => {
    for (const scenario of SCENARIOS) expect(plan(scenario)).toEqual(plan(scenario));
  });

  it('completes the happy-path scenarios with the whole amount and one callback each', () => {
    for (const scenario of ['success', 'timeout', 'flapping', 'insufficient_funds'] as const) {
      const p = plan(scenario);
      expect(finalStatus(p)).toBe('completed');
      expect(p.feeBps).toBe(0);
    }
    expect(plan('success')).toMatchObject({ admission: { kind: 'accept' }, callbacks: 'once', respondDelayMs: 0 });
  });

  it('answers a timeout scenario only after the configured delay', () => {
    expect(plan('timeout').respondDelayMs).toBe(6_000);
  });

  it('uses the slow step delay for slow_success', () => {
    expect(plan('slow_success').steps.map((s) => s.afterMs)).toEqual([3_000, 3_000]);
  });

  it('refuses bad_request and bad_credentials before anything is created', () => {
    expect(plan('bad_request').admission).toMatchObject({ kind: 'refuse', code: 'bad_request' });
    expect(plan('bad_credentials').admission).toMatchObject({ kind: 'refuse', code: 'invalid_credentials' });
  });

  it('flaps the configured number of calls (2 by default)', () => {
    const flap = (failingCalls: number, code: string) => ({ kind: 'flap', failingCalls, code });
    expect(plan('flapping').admission).toEqual(flap(2, 'service_unavailable'));
    expect(plan('flapping', { flap_count: 5 }).admission).toEqual(flap(5, 'service_unavailable'));
    expect(plan('flapping', { flap_count: '3' }).admission).toEqual(flap(3, 'service_unavailable'));
    expect(plan('flapping', { flap_status: 502 }).admission).toEqual(flap(2, 'bad_gateway'));
    expect(plan('flapping', { flap_status: '500' }).admission).toEqual(flap(2, 'internal_error'));
  });

  it('gates insufficient_funds on a later funding', () => {
    expect(plan('insufficient_funds').admission).toEqual({ kind: 'funding_gate' });
  });

  it('charges the seeded fee only on short settlements', () => {
    expect(plan('short_settlement').feeBps).toBe(120);
    expect(finalStatus(plan('short_settlement'))).toBe('completed');
  });

  it('fails after pending and reverses after confirmation with a failure code', () => {
    expect(plan('failure_after_pending').steps.map((s) => s.status)).toEqual(['processing', 'failed']);
    expect(plan('failure_after_pending').failureCode).toBe(DEFAULT_FAILURE_CODE);
    expect(plan('failure_after_pending', { failure_code: 'wallet_blocked' }).failureCode).toBe('wallet_blocked');
    expect(plan('reversal_after_confirmation').steps.map((s) => s.status)).toEqual([
      'processing',
      'completed',
      'reversed',
    ]);
    expect(plan('reversal_after_confirmation').failureCode).toBe(DEFAULT_REVERSAL_CODE);
  });

  it('picks the callback mode of the callback scenarios', () => {
    expect(plan('duplicate_callbacks').callbacks).toBe('twice');
    expect(plan('missing_callbacks').callbacks).toBe('none');
    expect(plan('out_of_order_callbacks').callbacks).toBe('completed_first');
  });
});

describe('metadata.callbacks = none', () => {
  it('silences callbacks on any scenario, so only a poll reveals the outcome', () => {
    const timeout = plan('timeout', { callbacks: 'none' });
    expect(timeout.callbacks).toBe('none');
    expect(timeout.respondDelayMs).toBeGreaterThan(0);
    expect(plan('timeout').callbacks).toBe('once');
    expect(scenarioOptions({ scenario: 'success', callbacks: 'sometimes' })).toMatchObject({ ok: false });
  });
});

describe('scenarioOptions', () => {
  it('defaults to success', () => {
    expect(scenarioOptions({})).toEqual({
      ok: true,
      value: {
        scenario: 'success',
        flapCount: 2,
        flapCode: 'service_unavailable',
        failureCode: null,
        callbacksOff: false,
      },
    });
  });

  it('refuses unknown scenarios and bad knobs with a message naming the field', () => {
    expect(scenarioOptions({ scenario: 'flaping' })).toMatchObject({ ok: false, message: /metadata.scenario/ });
    expect(scenarioOptions({ scenario: 7 })).toMatchObject({ ok: false });
    expect(scenarioOptions({ scenario: 'flapping', flap_count: 0 })).toMatchObject({ ok: false });
    expect(scenarioOptions({ scenario: 'flapping', flap_count: 11 })).toMatchObject({ ok: false });
    expect(scenarioOptions({ scenario: 'flapping', flap_count: 1.5 })).toMatchObject({ ok: false });
    expect(scenarioOptions({ scenario: 'flapping', flap_status: 504 })).toMatchObject({ ok: false });
    expect(scenarioOptions({ scenario: 'flapping', flap_status: [503] })).toMatchObject({ ok: false });
    expect(scenarioOptions({ failure_code: 'Not Snake' })).toMatchObject({ ok: false, message: /failure_code/ });
  });
});
