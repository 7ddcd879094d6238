/**
 * The statuses dispatch owns: the canonical lifecycle (ARCHITECTURE.md §4) from `approved` on. Statuses before it
 * (accepted, screening, held, denied) belong to intake and compliance; dispatch only remembers the last decision.
 */
export const DISPATCH_STATUSES = [
  'approved',
  'submitting',
  'pending',
  'unknown',
  'confirmed',
  'failed',
  'funding_hold',
  'canceled',
  'reversed',
] as const;
export type PayoutStatus = (typeof DISPATCH_STATUSES)[number];

/**
 * The lifecycle as a table. A status with no exits is terminal; nothing else decides that.
 * - `submitting`: the instruction is stored and a provider call is (or is about to be) in flight.
 * - `unknown`: the call may have reached the provider and we do not know the outcome; only the provider's own
 *   record (poll or callback) resolves it.
 * - `funding_hold`: the provider refused for insufficient funds; the same instruction is re-sent when funded.
 */
export const TRANSITIONS = {
  approved: ['submitting', 'canceled'],
  submitting: ['pending', 'failed', 'funding_hold', 'unknown'],
  unknown: ['pending', 'confirmed', 'failed'],
  pending: ['confirmed', 'failed'],
  confirmed: ['reversed'],
  failed: [],
  reversed: [],
  canceled: [],
  funding_hold: ['submitting', 'canceled'],
} as const satisfies Record<PayoutStatus, readonly PayoutStatus[]>;

export const isPayoutStatus = (value: unknown): value is PayoutStatus =>
  typeof value === 'string' && Object.hasOwn(TRANSITIONS, value);

export const isTerminal = (status: PayoutStatus): boolean => TRANSITIONS[status].length === 0;

/** Why a transition was refused; stable codes for logs, conflicts and API answers. */
export type TransitionRefusal = 'same_status' | 'terminal_status' | 'not_allowed';

export type TransitionResult =
  | { readonly ok: true; readonly next: PayoutStatus }
  | { readonly ok: false; readonly code: TransitionRefusal };

/** Checks one step of the lifecycle. The only place that decides whether `from → to` may happen. */
export function transition(from: PayoutStatus, to: PayoutStatus): TransitionResult {
  const exits: readonly PayoutStatus[] = TRANSITIONS[from];
  if (exits.includes(to)) return { ok: true, next: to };
  if (from === to) return { ok: false, code: 'same_status' };
  if (exits.length === 0) return { ok: false, code: 'terminal_status' };
  return { ok: false, code: 'not_allowed' };
}

/** Every status reachable from `from` in one or more steps. */
export function reachableFrom(from: PayoutStatus): ReadonlySet<PayoutStatus> {
  const seen = new Set<PayoutStatus>();
  const queue: PayoutStatus[] = [...TRANSITIONS[from]];
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (seen.has(next)) continue;
    seen.add(next);
    queue.push(...TRANSITIONS[next]);
  }
  return seen;
}

/**
 * The shortest chain of allowed steps from `from` to `to` whose intermediate statuses are all in `via`
 * (the target itself excluded), or undefined. Used to apply an observation that skips steps, e.g. a provider that
 * reports `completed` while we are still `submitting` walks submitting → pending → confirmed.
 */
export function pathTo(
  from: PayoutStatus,
  to: PayoutStatus,
  via: ReadonlySet<PayoutStatus>,
): readonly PayoutStatus[] | undefined {
  const previous = new Map<PayoutStatus, PayoutStatus>();
  const queue: PayoutStatus[] = [from];
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const next of TRANSITIONS[current] as readonly PayoutStatus[]) {
      if (previous.has(next) || next === from) continue;
      previous.set(next, current);
      if (next === to) return unwind(previous, from, to);
      if (via.has(next)) queue.push(next);
    }
  }
  return undefined;
}

function unwind(previous: Map<PayoutStatus, PayoutStatus>, from: PayoutStatus, to: PayoutStatus): PayoutStatus[] {
  const steps: PayoutStatus[] = [];
  for (let at = to; at !== from; at = previous.get(at)!) steps.unshift(at);
  return steps;
}
