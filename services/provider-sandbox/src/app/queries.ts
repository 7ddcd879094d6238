import type { Payout } from '../domain/payout.ts';
import type { SettlementRow } from '../domain/settlement-report.ts';
import type { Balance, DeliveryView, PayoutCall, StoredPayout, Transactions } from './ports.ts';

/** Most rows any list answers with; a client reference normally has one payout, so this is a safety bound. */
export const LIST_LIMIT = 100;

/** Read-only use cases: each runs on a fresh fork, outside any transaction. */
export interface SandboxQueries {
  payout(id: string): Promise<Payout | null>;
  payoutsByClientReference(clientReference: string): Promise<StoredPayout[]>;
  balances(): Promise<Balance[]>;
  settlements(day: { start: Date; end: Date }): Promise<SettlementRow[]>;
  deliveries(payoutId: string): Promise<DeliveryView[]>;
  calls(filter: { clientReference?: string; idempotencyKey?: string }): Promise<PayoutCall[]>;
}

export function sandboxQueries(transactions: Transactions): SandboxQueries {
  return {
    payout: (id) => transactions.read().payouts.get(id),
    payoutsByClientReference: (ref) => transactions.read().payouts.listByClientReference(ref, LIST_LIMIT),
    balances: () => transactions.read().ledger.balances(),
    settlements: ({ start, end }) => transactions.read().payouts.settlements(start, end),
    deliveries: (payoutId) => transactions.read().callbacks.listForPayout(payoutId),
    calls: (filter) => transactions.read().calls.list(filter, LIST_LIMIT),
  };
}
