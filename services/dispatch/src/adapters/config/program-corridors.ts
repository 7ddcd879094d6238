import type { ProgramCatalog } from '@sluice/program-config';
import type { CorridorRouter } from '../../app/ports.ts';

/** The corridor's provider from the program config (config/programs/*.yaml), fiat and stablecoin rails alike. */
export function programCorridors(catalog: ProgramCatalog): CorridorRouter {
  return {
    providerFor: (programId, corridorId) => catalog.corridor(programId, corridorId)?.rail.provider,
  };
}
