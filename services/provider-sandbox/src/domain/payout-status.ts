/** Every status a sandbox payout can be in, in lifecycle order. */
export const PAYOUT_STATUSES = ['pending', 'processing', 'completed', 'failed', 'reversed'] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

/** The sandbox's own lifecycle as a table: a status with no exits is final. */
export const TRANSITIONS = {
  pending: ['processing', 'failed'],
  processing: ['completed', 'failed'],
  completed: ['reversed'],
  failed: [],
  reversed: [],
} as const satisfies Record<PayoutStatus, readonly PayoutStatus[]>;

/** True when the table allows `from → to`; the scheduler asserts it before applying any scripted step. */
export function canTransition(from: PayoutStatus, to: PayoutStatus): boolean {
  return (TRANSITIONS[from] as readonly PayoutStatus[]).includes(to);
}

/** Callback event types, one per status a client is told about (`processing` is internal and never announced). */
export const EVENT_TYPES = ['payout.pending', 'payout.completed', 'payout.failed', 'payout.reversed'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** The callback event announcing a status, or null for statuses clients only see by polling. */
export function eventTypeFor(status: PayoutStatus): EventType | null {
  switch (status) {
    case 'pending':
      return 'payout.pending';
    case 'processing':
      return null;
    case 'completed':
      return 'payout.completed';
    case 'failed':
      return 'payout.failed';
    case 'reversed':
      return 'payout.reversed';
    default:
      return assertNever(status);
  }
}

/** Statuses that appear on the daily settlement report (money moved or definitively did not). */
export const REPORTED_STATUSES = ['completed', 'failed', 'reversed'] as const satisfies readonly PayoutStatus[];

export function assertNever(value: never): never {
  throw new Error(`unhandled value: ${String(value)}`);
}
