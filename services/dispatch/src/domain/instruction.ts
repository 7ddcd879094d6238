import { createHash } from 'node:crypto';

/** Where the money goes, as the payout was accepted (the full wallet address, or the bank account's token). */
export type InstructionDestination =
  | { readonly type: 'wallet'; readonly network: string; readonly address: string }
  | { readonly type: 'bank_account'; readonly token: string };

/** The facts of a payout a provider instruction is built from; all of them come from payouts.accepted.v1. */
export interface InstructionInput {
  readonly payoutId: string;
  readonly amountMinor: bigint;
  readonly currency: string;
  readonly destination: InstructionDestination;
  readonly metadata: Readonly<Record<string, string>>;
}

/**
 * One provider instruction, frozen: the exact bytes sent, their hash and the idempotency key derived from them.
 * Stored before the first call and re-sent byte-identical on every retry; a changed body would be a new instruction
 * (a new `instruction` number, hence a new key), which dispatch never does on its own.
 */
export interface Instruction {
  readonly instruction: number;
  readonly body: string;
  readonly requestHash: string;
  readonly idempotencyKey: string;
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Freezes `body` (serialized once by the provider's transformer) as instruction number `instruction` of the payout. */
export function freezeInstruction(payoutId: string, body: string, instruction = 1): Instruction {
  const requestHash = sha256Hex(body);
  return { instruction, body, requestHash, idempotencyKey: idempotencyKeyOf(payoutId, instruction, requestHash) };
}

/**
 * `<payout id>:<instruction>` bound to the body's hash, hashed: stable across retries of one instruction, different
 * for a different body, and opaque to the provider (64 hex chars, within every provider's key length limit).
 */
export function idempotencyKeyOf(payoutId: string, instruction: number, requestHash: string): string {
  return sha256Hex(`${payoutId}:${instruction}:${requestHash}`);
}

/** Metadata with its keys in code-point order, so the same metadata always serializes to the same bytes. */
export function sortedMetadata(metadata: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(metadata).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The destination of an accepted payout, or why it cannot be instructed (a wallet without its full address). */
export function destinationOf(fields: {
  destinationType: string;
  destinationId: string;
  network: string | null;
  destinationAddress: string | null;
}): InstructionDestination | { readonly error: string } {
  if (fields.destinationType === 'wallet') {
    if (!fields.network || !fields.destinationAddress) return { error: 'wallet_address_missing' };
    return { type: 'wallet', network: fields.network, address: fields.destinationAddress };
  }
  if (fields.destinationType === 'bank_account') return { type: 'bank_account', token: fields.destinationId };
  return { error: 'destination_type_unsupported' };
}
