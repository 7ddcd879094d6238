import { assetOnNetwork, getCurrency, MoneyError, parseAmountMinor, validateDestination } from '@sluice/money';
import { z } from 'zod';
import { type ScenarioOptions, scenarioOptions } from './scenario.ts';

/** Where a payout goes: an on-chain wallet or a tokenised bank account (the sandbox never sees bank details). */
export type Destination =
  | { readonly type: 'wallet'; readonly network: string; readonly address: string }
  | { readonly type: 'bank_account'; readonly token: string };

/** A validated `POST /v1/payouts` body. */
export interface PayoutInstruction {
  readonly clientReference: string;
  readonly amountMinor: bigint;
  readonly currency: string;
  readonly destination: Destination;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly options: ScenarioOptions;
}

export type InstructionResult = { ok: true; value: PayoutInstruction } | { ok: false; message: string };

const MAX_METADATA_KEYS = 50;

// Strict objects: a real provider refuses parameters it does not know, which catches client typos early.
const destinationSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('wallet'),
    network: z.string().min(1).max(32),
    address: z.string().min(1).max(128),
  }),
  z.strictObject({
    type: z.literal('bank_account'),
    token: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'must be 1–128 letters, digits, "_" or "-"'),
  }),
]);

const bodySchema = z.strictObject({
  client_reference: z.string().min(1).max(128),
  amount_minor: z.string().regex(/^[0-9]+$/, 'must be a string of digits (minor units)'),
  currency: z.string().min(1).max(16),
  destination: destinationSchema,
  metadata: z
    .record(z.string().max(64), z.unknown())
    .refine((m) => Object.keys(m).length <= MAX_METADATA_KEYS, `at most ${MAX_METADATA_KEYS} keys`)
    .optional(),
});

/** Validates a create-payout body (already JSON-parsed); the message names the first offending field. */
export function parsePayoutInstruction(body: unknown): InstructionResult {
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join('.') || 'body';
    return { ok: false, message: `${path}: ${issue?.message ?? 'invalid'}` };
  }
  const input = parsed.data;
  const currency = getCurrency(input.currency);
  if (!currency) return { ok: false, message: `currency: unknown currency or asset ${input.currency}` };
  let amountMinor: bigint;
  try {
    amountMinor = parseAmountMinor(input.amount_minor, currency.code).amountMinor;
  } catch (error) {
    if (error instanceof MoneyError) return { ok: false, message: `amount_minor: ${error.message}` };
    throw error;
  }
  const destination = checkDestination(input.destination, currency.code, currency.kind);
  if (typeof destination === 'string') return { ok: false, message: destination };
  const metadata = input.metadata ?? {};
  const options = scenarioOptions(metadata);
  if (!options.ok) return { ok: false, message: options.message };
  return {
    ok: true,
    value: {
      clientReference: input.client_reference,
      amountMinor,
      currency: currency.code,
      destination,
      metadata,
      options: options.value,
    },
  };
}

function checkDestination(
  input: z.infer<typeof destinationSchema>,
  currency: string,
  kind: 'fiat' | 'crypto',
): Destination | string {
  if (input.type === 'bank_account') {
    return kind === 'fiat' ? input : `destination: a bank account cannot receive ${currency}`;
  }
  if (kind !== 'crypto' || !assetOnNetwork(currency, input.network)) {
    return `destination.network: ${currency} cannot be paid on ${input.network}`;
  }
  const address = validateDestination({ network: input.network, address: input.address });
  if (!address.ok) return `destination.address: ${address.message}`;
  return { type: 'wallet', network: input.network, address: address.normalized };
}
