import { custodyNoGo } from './custody-no-go.ts';
import { item, type ReadinessItem } from './readiness-item.ts';
import type { CustodyModel, Market, MarketMode, Program } from './schema.ts';
import { RESPONSIBILITIES } from './schema.ts';

/** Readiness of one market: the six launch checks; ready only if they and the custody no-go conditions pass. */
export interface MarketReadiness {
  country: string;
  /** Mode the file sets; a market is only allowed `live` when ready. */
  mode: MarketMode;
  ready: boolean;
  items: ReadinessItem[];
}

/** Launch readiness of a program: custody no-go conditions plus the six checks for each market. */
export interface ReadinessReport {
  programId: string;
  version: string;
  contentHash: string;
  custodyModel: CustodyModel;
  /** True when every market is ready. */
  ready: boolean;
  custody: ReadinessItem[];
  markets: MarketReadiness[];
}

/** Gates every market must list before it can go live; a stablecoin corridor also needs on-chain KYT. */
const BASELINE_GATES = ['kyc', 'sanctions', 'tax_artifacts', 'limits'] as const;

/** Evaluates a program's launch readiness. Pure: the same program always gives the same report. */
export function readiness(program: Program): ReadinessReport {
  const custody = custodyNoGo(program);
  const custodyOk = custody.every((item) => item.pass);
  const markets = program.markets.map((market): MarketReadiness => {
    const items = [
      ownership(program),
      policyAndTaxGates(program, market),
      tracking(program),
      webhooksAndPolling(program),
      reconciliation(program),
      settlementPath(program, market),
    ];
    return { country: market.country, mode: market.mode, ready: custodyOk && items.every((i) => i.pass), items };
  });
  return {
    programId: program.id,
    version: program.version,
    contentHash: program.contentHash,
    custodyModel: program.custodyModel,
    ready: markets.every((m) => m.ready),
    custody,
    markets,
  };
}

function ownership(program: Program): ReadinessItem {
  const missing: string[] = [];
  if (!program.liabilityOwner) missing.push('liabilityOwner');
  if (!program.operatingModel) missing.push('operatingModel');
  for (const r of RESPONSIBILITIES) if (!program.owners[r]) missing.push(`owners.${r}`);
  return item('ownership', 'liability owner, operating model and responsibility owners named', missing);
}

function policyAndTaxGates(program: Program, market: Market): ReadinessItem {
  const corridors = program.corridors.filter((c) => c.market === market.country);
  const required: string[] = [...BASELINE_GATES];
  if (corridors.some((c) => c.rail.kind === 'stablecoin')) required.push('kyt');
  const missing = required
    .filter((gate) => !(market.requiredGates as string[]).includes(gate))
    .map((gate) => `requiredGates: ${gate}`);
  if (market.acceptedTaxArtifacts.length === 0) missing.push('acceptedTaxArtifacts (none listed)');
  const currencies = new Set(corridors.map((c) => c.currency));
  for (const currency of currencies) {
    if (!market.limits.some((l) => l.currency === currency)) missing.push(`limits for ${currency}`);
  }
  return item('policy_tax_gates', 'policy and tax gates listed for the market', missing);
}

function tracking(program: Program): ReadinessItem {
  const t = program.tracking;
  const missing: string[] = [];
  if (!t) missing.push('tracking');
  else {
    if (!t.providerReference) missing.push('tracking.providerReference');
    if (!t.idempotencyKeys) missing.push('tracking.idempotencyKeys');
  }
  return item('tracking', 'request and reference tracking configured', missing);
}

function webhooksAndPolling(program: Program): ReadinessItem {
  const missing: string[] = [];
  if (!program.webhooks?.enabled) missing.push('webhooks (enabled, signed)');
  if (!program.polling?.enabled) missing.push('polling (enabled, interval)');
  return item('webhooks_polling', 'webhooks plus polling fallback configured', missing);
}

function reconciliation(program: Program): ReadinessItem {
  return item(
    'reconciliation',
    'reconciliation configured',
    program.reconciliation?.enabled ? [] : ['reconciliation (enabled, statement source, day close)'],
  );
}

function settlementPath(program: Program, market: Market): ReadinessItem {
  const corridors = program.corridors.filter((c) => c.market === market.country);
  const missing: string[] = corridors.length === 0 ? [`corridors for ${market.country} (none)`] : [];
  for (const c of corridors) {
    if (!c.postingWindow) missing.push(`corridors.${c.id}.postingWindow`);
    if (!c.feeTreatment) missing.push(`corridors.${c.id}.feeTreatment`);
    if (!c.completedWhen) missing.push(`corridors.${c.id}.completedWhen`);
    else if (c.completedWhen.signal === 'onchain_confirmations' && !c.completedWhen.confirmations) {
      missing.push(`corridors.${c.id}.completedWhen.confirmations`);
    }
    if (!c.exceptionPath) missing.push(`corridors.${c.id}.exceptionPath`);
    else if (!program.owners[c.exceptionPath.owner]) {
      missing.push(`owners.${c.exceptionPath.owner} (exception path owner of ${c.id})`);
    }
  }
  return item(
    'settlement_path',
    'settlement path, posting window, fee treatment and exception path published',
    missing,
  );
}
