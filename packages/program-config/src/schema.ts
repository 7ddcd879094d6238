import { assetOnNetwork, getCurrency } from '@sluice/money';
import { z } from 'zod';
import { limitsSchema } from './limits.ts';

/** The seven responsibilities a program must name an owner for (ARCHITECTURE.md §6). */
export const RESPONSIBILITIES = [
  'payoutSupport',
  'userRecovery',
  'blockedPayoutHandling',
  'incidentResponse',
  'kycKytReview',
  'keyControl',
  'taxReview',
] as const;
export type Responsibility = (typeof RESPONSIBILITIES)[number];

export const CUSTODY_MODELS = ['custodial', 'non_custodial', 'hybrid', 'waas'] as const;
export type CustodyModel = (typeof CUSTODY_MODELS)[number];

/** Gates a market can require; `market_mode` always runs and is not listed. Names match compliance.decided.v1. */
export const GATES = ['kyc', 'sanctions', 'kyt', 'tax_artifacts', 'limits'] as const;
export type GateName = (typeof GATES)[number];

export const MARKET_MODES = ['read_only', 'live'] as const;
export type MarketMode = (typeof MARKET_MODES)[number];

// Credentials are referenced by name (an env variable or a vault path), never written inline: a secret in a
// versioned file is a leaked secret.
const SECRET_REF = /^(env:[A-Z][A-Z0-9_]{0,127}|vault:[A-Za-z0-9_./-]{1,256})$/;
const secretRef = z.string().regex(SECRET_REF, 'must be a reference like env:NAME or vault:path, never a secret');
const named = z.string().trim().min(1).max(200);
const text = z.string().trim().min(1).max(1000);

const ownersSchema = z.strictObject(
  Object.fromEntries(RESPONSIBILITIES.map((r) => [r, named.optional()])) as Record<
    Responsibility,
    z.ZodOptional<typeof named>
  >,
);

const environmentSchema = z.strictObject({
  credentials: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,63}$/), secretRef).default({}),
});

const marketSchema = z.strictObject({
  country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code'),
  mode: z.enum(MARKET_MODES).default('read_only'),
  requiredGates: z.array(z.enum(GATES)).max(GATES.length).default([]),
  acceptedTaxArtifacts: z
    .array(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_/-]{0,31}$/))
    .max(32)
    .default([]),
  limits: limitsSchema,
});

const stablecoinRail = z.strictObject({
  kind: z.literal('stablecoin'),
  network: z.string().regex(/^[a-z0-9_]{2,24}$/),
  asset: z.string().regex(/^[A-Z0-9]{2,12}$/),
  provider: named,
});
const fiatRail = z.strictObject({
  kind: z.literal('fiat'),
  rail: z.string().regex(/^[a-z0-9_]{2,24}$/, 'must be a lower-case rail name such as sepa or ach'),
  provider: named,
});

const corridorSchema = z.strictObject({
  id: z.string().regex(/^[A-Z]{2}-[A-Z0-9]{2,12}-[A-Z0-9_]{2,24}$/, 'must look like <MARKET>-<CURRENCY>-<RAIL>'),
  market: z.string().regex(/^[A-Z]{2}$/),
  currency: z.string().regex(/^[A-Z0-9]{2,12}$/),
  rail: z.discriminatedUnion('kind', [stablecoinRail, fiatRail]),
  /** When the rail posts: e.g. 24x7 on-chain, or banking days before a cut-off. */
  postingWindow: z
    .strictObject({ description: text, expectedWithinMinutes: z.int().positive().max(43_200) })
    .optional(),
  /** Who bears the provider and network fees. */
  feeTreatment: z
    .strictObject({ payer: z.enum(['platform', 'beneficiary', 'split']), description: text.optional() })
    .optional(),
  /** The signal that makes a payout `confirmed`. */
  completedWhen: z
    .strictObject({
      signal: z.enum(['provider_confirmed', 'onchain_confirmations', 'bank_settled']),
      confirmations: z.int().positive().max(1000).optional(),
    })
    .optional(),
  /** Who handles a payout stuck in this corridor and where the procedure is written down. */
  exceptionPath: z.strictObject({ owner: z.enum(RESPONSIBILITIES), runbook: text }).optional(),
});

/** The shape of one program file; cross-field rules are checked in {@link checkReferences}. */
export const programFileSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be lower-case letters, digits and dashes'),
    version: z.string().min(1).max(64),
    name: text.optional(),
    custodyModel: z.enum(CUSTODY_MODELS),
    /** For `waas`: the wallet-as-a-service vendor holding the keys. */
    custodyProvider: named.optional(),
    liabilityOwner: named.optional(),
    operatingModel: text.optional(),
    owners: ownersSchema.default({}),
    environments: z.strictObject({ sandbox: environmentSchema.optional(), production: environmentSchema.optional() }),
    tracking: z
      .strictObject({
        requestReference: z.enum(['request_id', 'platform_reference']),
        providerReference: z.boolean(),
        idempotencyKeys: z.boolean(),
      })
      .optional(),
    webhooks: z
      .strictObject({ enabled: z.boolean(), signature: z.enum(['hmac-sha256', 'ed25519']), secretRef })
      .optional(),
    polling: z
      .strictObject({
        enabled: z.boolean(),
        intervalSeconds: z.int().min(5).max(86_400),
        unknownAfterSeconds: z.int().min(5).max(604_800),
      })
      .optional(),
    reconciliation: z
      .strictObject({
        enabled: z.boolean(),
        statementSource: z.enum(['provider_api', 'file']),
        dayCloseTimezone: z.string().min(1).max(64),
      })
      .optional(),
    holds: z.strictObject({ slaMinutes: z.int().positive().max(43_200).default(240) }).default({ slaMinutes: 240 }),
    markets: z.array(marketSchema).min(1).max(250),
    corridors: z.array(corridorSchema).max(1000).default([]),
  })
  .superRefine(checkReferences);

type ProgramFile = z.output<typeof programFileSchema>;

/** Cross-field rules: corridors point at listed markets, ids are unique and spell out market, currency and rail. */
function checkReferences(program: ProgramFile, ctx: z.RefinementCtx): void {
  const countries = new Set<string>();
  program.markets.forEach((market, i) => {
    if (countries.has(market.country))
      ctx.addIssue({ code: 'custom', path: ['markets', i, 'country'], message: 'duplicate market' });
    countries.add(market.country);
  });
  const ids = new Set<string>();
  program.corridors.forEach((corridor, i) => {
    const at = (...path: (string | number)[]) => ['corridors', i, ...path];
    if (ids.has(corridor.id)) ctx.addIssue({ code: 'custom', path: at('id'), message: 'duplicate corridor id' });
    ids.add(corridor.id);
    if (!countries.has(corridor.market)) {
      ctx.addIssue({ code: 'custom', path: at('market'), message: `market ${corridor.market} is not listed` });
    }
    if (!getCurrency(corridor.currency)) {
      ctx.addIssue({ code: 'custom', path: at('currency'), message: `unknown currency ${corridor.currency}` });
    }
    const railName = corridor.rail.kind === 'stablecoin' ? corridor.rail.network : corridor.rail.rail;
    const expectedId = `${corridor.market}-${corridor.currency}-${railName.toUpperCase()}`;
    if (corridor.id !== expectedId) {
      ctx.addIssue({ code: 'custom', path: at('id'), message: `must be ${expectedId} (market-currency-rail)` });
    }
    if (corridor.rail.kind === 'stablecoin') {
      if (corridor.rail.asset !== corridor.currency) {
        ctx.addIssue({ code: 'custom', path: at('rail', 'asset'), message: 'must equal the corridor currency' });
      } else if (!assetOnNetwork(corridor.rail.asset, corridor.rail.network)) {
        ctx.addIssue({
          code: 'custom',
          path: at('rail', 'network'),
          message: `${corridor.rail.asset} is not issued natively on ${corridor.rail.network}`,
        });
      }
    }
  });
}

/** A market of a program: mode, required gates, accepted tax artifacts and limits per currency. */
export type Market = ProgramFile['markets'][number];
/** A corridor: market + payout currency → settlement rail, with how it posts, who pays fees and who handles exceptions. */
export type Corridor = ProgramFile['corridors'][number];
export type Rail = Corridor['rail'];

/** A loaded program: the validated file plus where it came from and the sha256 of its bytes. */
export type Program = Omit<ProgramFile, 'owners'> & {
  /** Owner per responsibility; a missing one is a readiness gap, not a load error, so a program can be drafted. */
  owners: Partial<Record<Responsibility, string>>;
  /** Lowercase hex sha256 of the file bytes: a config change without a version bump is still visible. */
  contentHash: string;
  /** Absolute path of the file the program was read from. */
  file: string;
};
