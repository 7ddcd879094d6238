/** Canonical payout statuses (ARCHITECTURE.md §4); the view a platform polls shows exactly these. */
export const PAYOUT_STATUSES = [
  'requested',
  'accepted',
  'rejected',
  'screening',
  'approved',
  'held',
  'denied',
  'canceled',
  'submitting',
  'pending',
  'confirmed',
  'failed',
  'funding_hold',
  'unknown',
  'reversed',
] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

/** The canonical lifecycle as a table. Terminal states are the ones with no exits, never a hand-kept list. */
export const TRANSITIONS = {
  requested: ['accepted', 'rejected'],
  accepted: ['screening', 'rejected'],
  rejected: [],
  screening: ['approved', 'held', 'denied'],
  held: ['approved', 'denied', 'canceled'],
  approved: ['submitting', 'canceled'],
  denied: [],
  canceled: [],
  submitting: ['pending', 'failed', 'funding_hold', 'unknown'],
  funding_hold: ['submitting', 'canceled'],
  unknown: ['pending', 'confirmed', 'failed'],
  pending: ['confirmed', 'failed'],
  confirmed: ['reversed'],
  failed: [],
  reversed: [],
} as const satisfies Record<PayoutStatus, readonly PayoutStatus[]>;

export const isPayoutStatus = (value: unknown): value is PayoutStatus =>
  typeof value === 'string' && Object.hasOwn(TRANSITIONS, value);

export const isTerminal = (status: PayoutStatus): boolean => TRANSITIONS[status].length === 0;

/**
 * Finished for the platform: nothing more will happen unless something exceptional does. `confirmed` counts: the
 * money arrived, and a later reversal is an exception that reopens nothing in the platform's own flow.
 */
export const isFinished = (status: PayoutStatus): boolean => isTerminal(status) || status === 'confirmed';

export const FINISHED_STATUSES: readonly PayoutStatus[] = PAYOUT_STATUSES.filter(isFinished);

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
 * Statuses from which a platform may still cancel: before any provider submission. A positive list on purpose:
 * a status added later is not cancelable until someone decides it is.
 */
export const CANCELABLE_STATUSES: readonly PayoutStatus[] = ['accepted', 'screening', 'approved', 'held'];
