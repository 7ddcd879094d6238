import type { PayoutStatus } from './payout-status.ts';

/** Every scenario a payout can ask for with `metadata.scenario` (docs/sandbox-scenarios.md describes each). */
export const SCENARIOS = [
  'success',
  'slow_success',
  'timeout',
  'insufficient_funds',
  'bad_request',
  'bad_credentials',
  'flapping',
  'short_settlement',
  'failure_after_pending',
  'reversal_after_confirmation',
  'duplicate_callbacks',
  'missing_callbacks',
  'out_of_order_callbacks',
] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export const DEFAULT_SCENARIO: ScenarioName = 'success';
export const DEFAULT_FLAP_COUNT = 2;
/** The 5xx answers a flapping provider gives, by HTTP status (`metadata.flap_status`, default 503). */
export const FLAP_CODES = {
  500: 'internal_error',
  502: 'bad_gateway',
  503: 'service_unavailable',
} as const;
export type FlapCode = (typeof FLAP_CODES)[keyof typeof FLAP_CODES];
const DEFAULT_FLAP_STATUS = 503;
/** Bounded so a typo cannot make a payout unreachable for hours of breaker cycles. */
export const MAX_FLAP_COUNT = 10;
export const DEFAULT_FAILURE_CODE = 'destination_rejected';
export const DEFAULT_REVERSAL_CODE = 'payout_returned';

/** How the callbacks of one payout are delivered. */
export type CallbackMode = 'once' | 'twice' | 'none' | 'completed_first';

/** What happens to a create call before any payout exists. */
export type Admission =
  | { readonly kind: 'accept' }
  | { readonly kind: 'refuse'; readonly code: 'bad_request' | 'invalid_credentials'; readonly message: string }
  /** The first `failingCalls` calls for the idempotency key answer `code` (a 5xx) and create nothing. */
  | { readonly kind: 'flap'; readonly failingCalls: number; readonly code: FlapCode }
  /** 402 until a funding in the payout's currency is posted after this key's first refusal. */
  | { readonly kind: 'funding_gate' };

/** One scripted status change, applied `afterMs` after the previous one. */
export interface LifecycleStep {
  readonly status: Exclude<PayoutStatus, 'pending'>;
  readonly afterMs: number;
}

/** Everything scripted for one payout, persisted with it so a restart or a config change never alters it. */
export interface ScenarioPlan {
  readonly scenario: ScenarioName;
  readonly admission: Admission;
  /** Delay before the first create call is answered (the payout already exists meanwhile). */
  readonly respondDelayMs: number;
  readonly callbacks: CallbackMode;
  readonly steps: readonly LifecycleStep[];
  /** Fee deducted at completion, in basis points (0 except for short settlements). */
  readonly feeBps: number;
  /** The failure code put on the payout when a step fails or reverses it. */
  readonly failureCode: string | null;
}

/** Per-payout knobs read from metadata next to the scenario name. */
export interface ScenarioOptions {
  readonly scenario: ScenarioName;
  readonly flapCount: number;
  readonly flapCode: FlapCode;
  readonly failureCode: string | null;
  /** `metadata.callbacks: "none"`: no callbacks for this payout whatever its scenario (only a poll reveals it). */
  readonly callbacksOff: boolean;
}

/** The sandbox-wide timings (from config). */
export interface PlannerTimings {
  readonly stepDelayMs: number;
  /** Upper end of the step delay: each payout gets a seeded delay in [stepDelayMs, stepDelayMaxMs]. */
  readonly stepDelayMaxMs: number;
  readonly slowStepDelayMs: number;
  readonly timeoutDelayMs: number;
}

const ACCEPT: Admission = { kind: 'accept' };

/**
 * The plan for a payout: pure, so the same scenario, options, timings and seeded fee always give the same script.
 * `seededFeeBps` is the fee the seed assigns to this payout's idempotency key (used by short settlements only).
 */
export function planScenario(options: ScenarioOptions, timings: PlannerTimings, seededFeeBps: number): ScenarioPlan {
  const plan = scriptFor(options, timings, seededFeeBps);
  return options.callbacksOff ? { ...plan, callbacks: 'none' } : plan;
}

function scriptFor(options: ScenarioOptions, timings: PlannerTimings, seededFeeBps: number): ScenarioPlan {
  const step = timings.stepDelayMs;
  const settleNormally: readonly LifecycleStep[] = [
    { status: 'processing', afterMs: step },
    { status: 'completed', afterMs: step },
  ];
  const base = { scenario: options.scenario, admission: ACCEPT, respondDelayMs: 0, callbacks: 'once' as CallbackMode };
  const plain = { ...base, steps: settleNormally, feeBps: 0, failureCode: null };
  switch (options.scenario) {
    case 'success':
      return plain;
    case 'slow_success':
      return {
        ...plain,
        steps: [
          { status: 'processing', afterMs: timings.slowStepDelayMs },
          { status: 'completed', afterMs: timings.slowStepDelayMs },
        ],
      };
    case 'timeout':
      return { ...plain, respondDelayMs: timings.timeoutDelayMs };
    case 'insufficient_funds':
      return { ...plain, admission: { kind: 'funding_gate' } };
    case 'bad_request':
      return {
        ...plain,
        admission: refuse('bad_request', 'the provider refused the instruction (scenario bad_request)'),
      };
    case 'bad_credentials':
      return { ...plain, admission: refuse('invalid_credentials', 'credentials refused (scenario bad_credentials)') };
    case 'flapping':
      return { ...plain, admission: { kind: 'flap', failingCalls: options.flapCount, code: options.flapCode } };
    case 'short_settlement':
      return { ...plain, feeBps: seededFeeBps };
    case 'failure_after_pending':
      return {
        ...plain,
        steps: [
          { status: 'processing', afterMs: step },
          { status: 'failed', afterMs: step },
        ],
        failureCode: options.failureCode ?? DEFAULT_FAILURE_CODE,
      };
    case 'reversal_after_confirmation':
      return {
        ...plain,
        steps: [...settleNormally, { status: 'reversed', afterMs: step }],
        failureCode: options.failureCode ?? DEFAULT_REVERSAL_CODE,
      };
    case 'duplicate_callbacks':
      return { ...plain, callbacks: 'twice' };
    case 'missing_callbacks':
      return { ...plain, callbacks: 'none' };
    case 'out_of_order_callbacks':
      return { ...plain, callbacks: 'completed_first' };
    default:
      return assertNeverScenario(options.scenario);
  }
}

function refuse(code: 'bad_request' | 'invalid_credentials', message: string): Admission {
  return { kind: 'refuse', code, message };
}

function assertNeverScenario(value: never): never {
  throw new Error(`unhandled scenario: ${String(value)}`);
}

export type OptionsResult = { ok: true; value: ScenarioOptions } | { ok: false; message: string };

const FAILURE_CODE = /^[a-z][a-z0-9_]{0,63}$/;
const SMALL_INTEGER = /^[0-9]{1,2}$/;

/**
 * Reads the scenario knobs from a payout's metadata. An unknown scenario is refused (400) instead of silently
 * succeeding: a test that misspells `flapping` must fail loudly, not pass on the happy path.
 */
export function scenarioOptions(metadata: Readonly<Record<string, unknown>>): OptionsResult {
  const scenario = metadata.scenario ?? DEFAULT_SCENARIO;
  if (typeof scenario !== 'string' || !(SCENARIOS as readonly string[]).includes(scenario)) {
    return { ok: false, message: `metadata.scenario must be one of: ${SCENARIOS.join(', ')}` };
  }
  const flapCount = metadata.flap_count ?? DEFAULT_FLAP_COUNT;
  const flaps = typeof flapCount === 'string' && SMALL_INTEGER.test(flapCount) ? Number(flapCount) : flapCount;
  if (typeof flaps !== 'number' || !Number.isInteger(flaps) || flaps < 1 || flaps > MAX_FLAP_COUNT) {
    return { ok: false, message: `metadata.flap_count must be an integer from 1 to ${MAX_FLAP_COUNT}` };
  }
  const rawStatus = metadata.flap_status ?? DEFAULT_FLAP_STATUS;
  const flapStatus = typeof rawStatus === 'string' && /^[0-9]{3}$/.test(rawStatus) ? Number(rawStatus) : rawStatus;
  const flapCode = typeof flapStatus === 'number' ? FLAP_CODES[flapStatus as keyof typeof FLAP_CODES] : undefined;
  if (!flapCode) return { ok: false, message: 'metadata.flap_status must be 500, 502 or 503' };
  const failureCode = metadata.failure_code ?? null;
  if (failureCode !== null && (typeof failureCode !== 'string' || !FAILURE_CODE.test(failureCode))) {
    return { ok: false, message: 'metadata.failure_code must be snake_case, at most 64 characters' };
  }
  const callbacks = metadata.callbacks ?? 'default';
  if (callbacks !== 'default' && callbacks !== 'none') {
    return { ok: false, message: 'metadata.callbacks must be "none" (or absent)' };
  }
  return {
    ok: true,
    value: {
      scenario: scenario as ScenarioName,
      flapCount: flaps,
      flapCode,
      failureCode,
      callbacksOff: callbacks === 'none',
    },
  };
}
