/** Lifecycle of a registered destination (wallet or bank account). Only `active` may receive money. */
export const DESTINATION_STATES = ['unverified', 'active', 'frozen', 'retired'] as const;
export type DestinationState = (typeof DESTINATION_STATES)[number];

export const DESTINATION_TRANSITIONS = {
  unverified: ['active', 'retired'],
  active: ['frozen', 'retired'],
  frozen: ['active', 'retired'],
  retired: [],
} as const satisfies Record<DestinationState, readonly DestinationState[]>;

/** Named commands a platform sends, and the state each one leads to. */
export const DESTINATION_COMMANDS = { activate: 'active', freeze: 'frozen', retire: 'retired' } as const;
export type DestinationCommand = keyof typeof DESTINATION_COMMANDS;

export type DestinationTransition =
  | { readonly ok: true; readonly next: DestinationState; readonly changed: boolean }
  | { readonly ok: false; readonly code: 'destination_transition_invalid'; readonly from: DestinationState };

/** Applies a command; repeating one that already holds is a no-op (`changed: false`), not an error. */
export function applyDestinationCommand(from: DestinationState, command: DestinationCommand): DestinationTransition {
  const next = DESTINATION_COMMANDS[command];
  if (next === from) return { ok: true, next, changed: false };
  const allowed: readonly DestinationState[] = DESTINATION_TRANSITIONS[from];
  return allowed.includes(next)
    ? { ok: true, next, changed: true }
    : { ok: false, code: 'destination_transition_invalid', from };
}

export const canReceive = (state: DestinationState): boolean => state === 'active';
