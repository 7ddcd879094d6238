import type { SanctionsMatch, ScreeningSubject } from './sanctions-list.ts';

/** Result of screening a subject against sanctions lists; `unavailable` when the lists could not be consulted. */
export type SanctionsScreening =
  | { readonly status: 'screened'; readonly listVersion: string; readonly matches: readonly SanctionsMatch[] }
  | { readonly status: 'unavailable'; readonly reason: string };

/** Result of on-chain risk scoring (KYT) of a destination address. */
export type RiskScreening =
  | { readonly status: 'scored'; readonly provider: string; readonly score: number; readonly reference: string }
  | { readonly status: 'not_applicable'; readonly reason: string }
  | { readonly status: 'unavailable'; readonly reason: string };

export type { ScreeningSubject };
