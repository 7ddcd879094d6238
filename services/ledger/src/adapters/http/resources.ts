import type { PostedEntry, PostingRequestRecord } from '../../app/ports.ts';
import { NORMAL_SIDE } from '../../domain/account.ts';
import type { BalanceView } from '../../domain/balance.ts';

/** JSON views. Amounts are strings of minor units: JSON numbers lose int64 precision. */
export const balanceResource = (view: BalanceView) => ({
  account_id: view.accountId,
  role: view.role,
  type: view.type,
  normal_side: NORMAL_SIDE[view.type],
  program_id: view.programId,
  provider: view.provider,
  currency: view.currency,
  external_code: view.externalCode,
  posted_minor: view.postedMinor.toString(),
  pending_minor: view.pendingMinor.toString(),
  available_minor: view.availableMinor.toString(),
  debits_minor: view.debitsMinor.toString(),
  credits_minor: view.creditsMinor.toString(),
});

export const entryResource = (entry: PostedEntry) => ({
  id: entry.id,
  entry_type: entry.entryType,
  effective_date: entry.effectiveDate,
  posted_at: entry.postedAt.toISOString(),
  payout_id: entry.payoutId,
  provider_reference: entry.providerReference,
  cause_event_id: entry.causeEventId,
  reverses_entry_id: entry.reversesEntryId,
  program_id: entry.programId,
  description: entry.description,
  posted_by: entry.postedBy,
  lines: entry.lines.map((line) => ({
    line_no: line.lineNo,
    account_id: line.accountId,
    account_external_code: line.externalCode,
    account_type: line.accountType,
    direction: line.direction,
    amount_minor: line.amountMinor.toString(),
    currency: line.currency,
  })),
});

export const postingRequestResource = (request: PostingRequestRecord) => ({
  id: request.id,
  kind: request.kind,
  status: request.status,
  reason: request.reason,
  requested_by: request.requestedBy,
  approvals_required: request.approvalsRequired,
  approved_by: request.approvedBy,
  entry_id: request.entryId,
  rejected_by: request.rejectedBy,
  rejection_reason: request.rejectionReason,
  program_id: request.body.programId,
  payout_id: request.body.payoutId,
  provider_reference: request.body.providerReference,
  effective_date: request.body.effectiveDate,
  lines: request.body.lines.map((line) => ({
    account_id: line.accountId,
    direction: line.direction,
    amount_minor: line.amountMinor.toString(),
    currency: line.currency,
  })),
  created_at: request.createdAt.toISOString(),
  decided_at: request.decidedAt?.toISOString() ?? null,
});
