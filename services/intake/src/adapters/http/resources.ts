import { maskAccountNumber, maskIban } from '@sluice/money';
import type { BankAccount, BatchRecord, Beneficiary, HistoryEntry, Wallet } from '../../app/ports.ts';
import { bankAccountDisplay } from '../../domain/bank-account.ts';
import type { BatchItemResult } from '../../domain/payout-batch.ts';
import { walletDisplay } from '../../domain/wallet.ts';

/** JSON of a beneficiary. */
export const beneficiaryResource = (b: Beneficiary) => ({
  id: b.id,
  object: 'beneficiary',
  type: b.kind,
  name: b.name,
  country: b.country,
  email: b.email,
  reference: b.reference,
  created_at: b.createdAt.toISOString(),
});

/** JSON of a wallet: the address is masked, as everywhere outside the database. */
export const walletResource = (w: Wallet) => ({
  id: w.id,
  object: 'wallet',
  beneficiary_id: w.beneficiaryId,
  network: w.network,
  address: walletDisplay(w.address),
  asset: w.asset,
  label: w.label,
  state: w.state,
  created_at: w.createdAt.toISOString(),
  updated_at: w.updatedAt.toISOString(),
});

/** JSON of a bank account: IBAN and account number masked; routing numbers are public bank identifiers. */
export function bankAccountResource(a: BankAccount) {
  const common = {
    id: a.id,
    object: 'bank_account',
    beneficiary_id: a.beneficiaryId,
    display: bankAccountDisplay(a),
    currency: a.currency,
    country: a.country,
    holder_name: a.holderName,
    state: a.state,
    created_at: a.createdAt.toISOString(),
    updated_at: a.updatedAt.toISOString(),
  };
  return a.rail === 'iban'
    ? { ...common, type: 'iban', iban: maskIban(a.iban) }
    : {
        ...common,
        type: 'us_account',
        routing_number: a.routingNumber,
        account_number: maskAccountNumber(a.accountNumber),
        account_type: a.accountType,
      };
}

/** One applied entry of a payout's status history. */
export const historyResource = (entry: HistoryEntry) => ({
  status: entry.status,
  reason: entry.reason,
  source: entry.source,
  occurred_at: entry.occurredAt.toISOString(),
});

/** A page of a cursor-paginated listing. */
export const listResource = <T>(data: T[], hasMore: boolean, nextCursor: string | null) => ({
  object: 'list',
  data,
  has_more: hasMore,
  next_cursor: nextCursor,
});

/** One item of a batch: its payout, or why it was refused (problem details per field, as in `errors[]`). */
export const batchItemResource = (item: BatchItemResult) => ({
  index: item.index,
  idempotency_key: item.idempotencyKey,
  outcome: item.outcome,
  payout_id: item.payoutId,
  errors: item.issues.map((issue) => ({ code: issue.code, field: issue.path, detail: issue.message })),
});

/** The batch without its items: what every answer about it starts with. */
export const batchResource = (batch: BatchRecord) => ({
  id: batch.id,
  object: 'payout_batch',
  idempotency_key: batch.idempotencyKey,
  created_at: batch.createdAt.toISOString(),
  item_counts: { total: batch.itemCount, admitted: batch.admittedCount, refused: batch.refusedCount },
});

/**
 * The answer to `POST /v1/payout-batches`: the batch, every item, and every refusal flattened into `errors[]` with its
 * item's index, so a platform that only looks at errors finds each one without walking the items.
 */
export const batchCreatedResource = (batch: BatchRecord, items: readonly BatchItemResult[]) => ({
  ...batchResource(batch),
  items: listResource(items.map(batchItemResource), false, null),
  errors: items.flatMap((item) =>
    item.issues.map((issue) => ({
      index: item.index,
      idempotency_key: item.idempotencyKey,
      code: issue.code,
      field: issue.path,
      detail: issue.message,
    })),
  ),
});
