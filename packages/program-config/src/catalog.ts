import { createHash } from 'node:crypto';
import type { Corridor, Market, Program } from './schema.ts';

/** Every loaded program, with lookups and one hash over all of them. */
export interface ProgramCatalog {
  readonly programs: readonly Program[];
  program(id: string): Program | undefined;
  corridor(programId: string, corridorId: string): Corridor | undefined;
  market(programId: string, country: string): Market | undefined;
  /** sha256 over `id:contentHash` of every program, sorted by id: changes when any file changes. */
  readonly contentHash: string;
}

/** Builds a catalog over already validated programs. */
export function catalogOf(programs: readonly Program[]): ProgramCatalog {
  const byId = new Map(programs.map((p) => [p.id, p]));
  const lines = [...byId.values()]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((p) => `${p.id}:${p.contentHash}\n`)
    .join('');
  return {
    programs: Object.freeze([...programs]),
    program: (id) => byId.get(id),
    corridor: (programId, corridorId) => byId.get(programId)?.corridors.find((c) => c.id === corridorId),
    market: (programId, country) => byId.get(programId)?.markets.find((m) => m.country === country),
    contentHash: createHash('sha256').update(lines).digest('hex'),
  };
}
