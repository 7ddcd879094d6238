export { catalogOf, type ProgramCatalog } from './catalog.ts';
export { ProgramConfigError, type ProgramConfigErrorCode, type ProgramConfigIssue } from './errors.ts';
export { formatReadiness } from './format.ts';
export type { CurrencyLimits } from './limits.ts';
export { DEFAULT_PROGRAMS_DIR, loadPrograms, parseProgram } from './load.ts';
export { type MarketReadiness, type ReadinessReport, readiness } from './readiness.ts';
export type { ReadinessItem } from './readiness-item.ts';
export {
  type Corridor,
  CUSTODY_MODELS,
  type CustodyModel,
  GATES,
  type GateName,
  MARKET_MODES,
  type Market,
  type MarketMode,
  type Program,
  type Rail,
  RESPONSIBILITIES,
  type Responsibility,
} from './schema.ts';
