export { SandboxSwitches } from './app/switches.ts';
export { loadSandboxConfig, type SandboxConfig, sandboxConfigSchema } from './config.ts';
export type { PayoutRepresentation } from './domain/payout.ts';
export { EVENT_TYPES, type EventType, PAYOUT_STATUSES, type PayoutStatus } from './domain/payout-status.ts';
export { SCENARIOS, type ScenarioName } from './domain/scenario.ts';
export {
  EVENT_ID_HEADER,
  SIGNATURE_HEADER,
  type SignatureVerdict,
  signCallback,
  TIMESTAMP_HEADER,
  verifyCallback,
} from './domain/signature.ts';
export { type ProviderSandboxHandles, startProviderSandbox } from './main.ts';
export { type SandboxProcess, spawnProviderSandbox } from './process.ts';
