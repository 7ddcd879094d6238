import type { AcceptedFacts, DispatchTx } from './ports.ts';

/**
 * Keeps what the provider instruction will need. Nothing is sent from here: a payout is sent only once compliance
 * approved it too, and the two events arrive in either order (different topics). The loop picks it up once both are in.
 */
export async function recordAccepted(tx: DispatchTx, facts: AcceptedFacts): Promise<void> {
  await tx.payouts.recordAccepted(facts);
}
