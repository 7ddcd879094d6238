import { createHash } from 'node:crypto';
import { failure, type SandboxFailure } from '../domain/errors.ts';
import { firstStepAt } from '../domain/lifecycle.ts';
import type { Payout } from '../domain/payout.ts';
import { type PayoutInstruction, parsePayoutInstruction } from '../domain/payout-request.ts';
import { type PlannerTimings, planScenario, type ScenarioPlan } from '../domain/scenario.ts';
import { type Clock, InsufficientBalance, type Stores, type Transactions } from './ports.ts';
import { type EventDeps, recordStatusEvent } from './record-event.ts';

export interface CreateDeps extends EventDeps {
  readonly transactions: Transactions;
  readonly timings: PlannerTimings;
  readonly clock: Clock;
}

export interface CreateRequest {
  readonly idempotencyKey: string | undefined;
  /** The body exactly as received: idempotency compares these bytes, not a re-serialisation. */
  readonly rawBody: Buffer | undefined;
}

export type CreateResult =
  | { readonly kind: 'created'; readonly payout: Payout; readonly respondDelayMs: number }
  | { readonly kind: 'replayed'; readonly payout: Payout }
  | { readonly kind: 'refused'; readonly failure: SandboxFailure };

/** Printable ASCII without spaces, like the keys real providers accept. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * `POST /v1/payouts`: validates, replays or refuses by idempotency key, runs the scenario's admission script, reserves
 * the amount and creates the payout with its first callback, all in one transaction (shared with the creates arriving
 * meanwhile: group commit). Refusals create nothing (their flap counter and funding gate still commit), so a retry with
 * the same key can succeed later.
 */
export async function createPayout(deps: CreateDeps, request: CreateRequest): Promise<CreateResult> {
  const key = request.idempotencyKey;
  if (!key || !IDEMPOTENCY_KEY.test(key)) {
    return refused('bad_request', 'Idempotency-Key header is required: 1–255 printable ASCII characters');
  }
  const parsed = parseBody(request.rawBody);
  if (!parsed.ok) return refused('bad_request', parsed.message);
  const requestSha256 = createHash('sha256')
    .update(request.rawBody ?? '')
    .digest('hex');
  try {
    const create = async (stores: Stores): Promise<CreateResult> => {
      await stores.payouts.lockKey(key);
      const existing = await stores.payouts.findByKey(key);
      if (existing) {
        return existing.requestSha256 === requestSha256
          ? { kind: 'replayed', payout: existing.payout }
          : refused('idempotency_key_mismatch', 'this Idempotency-Key was used with a different request body');
      }
      const { stepDelayMs, stepDelayMaxMs } = deps.timings;
      const timings = { ...deps.timings, stepDelayMs: deps.ids.stepDelayMs(key, stepDelayMs, stepDelayMaxMs) };
      const plan = planScenario(parsed.value.options, timings, deps.ids.feeBps(key));
      const now = deps.clock.now();
      const refusal = await admit(stores, plan, key, parsed.value, now);
      if (refusal) return { kind: 'refused', failure: refusal };
      const payout = newPayout(deps, key, parsed.value, plan, now);
      await stores.payouts.insert({ payout, requestSha256, metadata: parsed.value.metadata });
      await stores.payouts.recordTransition(payout.id, payout.status, now);
      await recordStatusEvent(stores, payout, deps, now);
      // The reserve comes last: every create locks the one balance row of its currency, so it is held for the
      // reserve and the commit only, not for the writes before it (in a group, one reserve for all its creates).
      // Refused, it rolls all of them back.
      if (!(await stores.ledger.reserve(payout.currency, payout.amountMinor, payout.id, now))) {
        throw new InsufficientBalance(payout.currency);
      }
      return { kind: 'created', payout, respondDelayMs: plan.respondDelayMs };
    };
    return await deps.transactions.grouped(create, { idempotencyKey: key });
  } catch (error) {
    if (!(error instanceof InsufficientBalance)) throw error;
    return refused('insufficient_funds', `the available ${error.currency} balance does not cover this payout`);
  }
}

/** The scripted refusals that happen before any money moves; null lets the payout through. */
async function admit(
  stores: Stores,
  plan: ScenarioPlan,
  key: string,
  instruction: PayoutInstruction,
  now: Date,
): Promise<SandboxFailure | null> {
  const admission = plan.admission;
  switch (admission.kind) {
    case 'accept':
      return null;
    case 'refuse':
      return failure(admission.code, admission.message);
    case 'flap': {
      const calls = await stores.admission.countFlap(key);
      return calls <= admission.failingCalls
        ? failure(admission.code, `temporarily unavailable (scenario flapping, call ${calls})`)
        : null;
    }
    case 'funding_gate': {
      const gateSetAt = await stores.admission.fundingGate(key, instruction.currency, now);
      return (await stores.ledger.fundedSince(instruction.currency, gateSetAt))
        ? null
        : failure('insufficient_funds', `waiting for a ${instruction.currency} funding (scenario insufficient_funds)`);
    }
    default:
      return assertNeverAdmission(admission);
  }
}

function newPayout(
  deps: CreateDeps,
  key: string,
  instruction: PayoutInstruction,
  plan: ScenarioPlan,
  now: Date,
): Payout {
  return {
    id: deps.ids.payoutId(key),
    idempotencyKey: key,
    clientReference: instruction.clientReference,
    amountMinor: instruction.amountMinor,
    currency: instruction.currency,
    destination: instruction.destination,
    plan,
    status: 'pending',
    stepIndex: 0,
    nextStepAt: firstStepAt(plan, now),
    settledAmountMinor: null,
    feeAmountMinor: null,
    failureCode: null,
    createdAt: now,
    updatedAt: now,
  };
}

function parseBody(
  rawBody: Buffer | undefined,
): { ok: true; value: PayoutInstruction } | { ok: false; message: string } {
  if (!rawBody || rawBody.length === 0) return { ok: false, message: 'a JSON body is required' };
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return { ok: false, message: 'the body is not valid JSON' };
  }
  return parsePayoutInstruction(json);
}

const refused = (code: SandboxFailure['code'], message: string): CreateResult => ({
  kind: 'refused',
  failure: failure(code, message),
});

function assertNeverAdmission(value: never): never {
  throw new Error(`unhandled admission: ${JSON.stringify(value)}`);
}
