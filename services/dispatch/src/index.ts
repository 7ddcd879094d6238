export { operatorKeyEntry } from './adapters/http/operator-keys.ts';
export type { PayoutDetails } from './app/read-payout.ts';
export { type DispatchConfig, dispatchConfigSchema, loadDispatchConfig } from './config.ts';
export { OPERATOR_ROLES, type OperatorRole } from './domain/operator.ts';
export {
  DISPATCH_STATUSES,
  isTerminal,
  type PayoutStatus,
  TRANSITIONS,
  transition,
} from './domain/payout-lifecycle.ts';
export { type DispatchHandles, type StartOptions, startDispatch } from './main.ts';
