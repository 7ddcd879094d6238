/** Operator roles dispatch knows; a role grants exactly the actions listed for it in `ALLOWED`. */
export const OPERATOR_ROLES = ['viewer', 'payout_support', 'incident_response', 'admin'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

export type OperatorAction = 'read' | 'cancel_payout' | 'switch_provider';

/** Positive lists: a new action is allowed to nobody until someone decides who may do it. */
const ALLOWED: Record<OperatorAction, readonly OperatorRole[]> = {
  read: ['viewer', 'payout_support', 'incident_response', 'admin'],
  cancel_payout: ['payout_support', 'admin'],
  switch_provider: ['incident_response', 'admin'],
};

export const isOperatorRole = (value: unknown): value is OperatorRole =>
  typeof value === 'string' && (OPERATOR_ROLES as readonly string[]).includes(value);

export const mayDo = (role: OperatorRole, action: OperatorAction): boolean => ALLOWED[action].includes(role);
