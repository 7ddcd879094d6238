import type { Logger } from '@sluice/service-kit';
import type { Clock, CorridorRouter, ProviderGateway, Telemetry, Transactions } from './ports.ts';
import type { DispatchSettings } from './settings.ts';

/** Everything the use cases need, passed as one options object (no container). */
export interface DispatchDeps {
  readonly transactions: Transactions;
  readonly gateway: ProviderGateway;
  readonly router: CorridorRouter;
  readonly settings: DispatchSettings;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly telemetry: Telemetry;
}
