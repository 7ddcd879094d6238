import { destinationOf, freezeInstruction, type Instruction } from '../domain/instruction.ts';
import type { PayoutProvider, PayoutRecord } from './ports.ts';

/**
 * The payout's frozen instruction, or the one to freeze now (serialized once by the provider's transformer), or why
 * it must not be sent. A payout whose accepted amount differs from what compliance screened is blocked: the
 * instruction would pay something nobody approved.
 */
export function instructionOf(
  payout: PayoutRecord,
  provider: PayoutProvider | undefined,
): { instruction: Instruction } | { blocked: string } {
  if (payout.instruction) return { instruction: payout.instruction };
  const accepted = payout.accepted;
  if (!accepted) return { blocked: 'instruction_missing' };
  if (!provider) return { blocked: 'provider_not_configured' };
  if (payout.decisionAmountMinor !== null && payout.decisionAmountMinor !== accepted.amountMinor) {
    return { blocked: 'amount_mismatch' };
  }
  const destination = destinationOf(accepted);
  if ('error' in destination) return { blocked: destination.error };
  const body = provider.requestBody({
    payoutId: payout.payoutId,
    amountMinor: accepted.amountMinor,
    currency: accepted.currency,
    destination,
    metadata: accepted.metadata,
  });
  return { instruction: freezeInstruction(payout.payoutId, body) };
}
