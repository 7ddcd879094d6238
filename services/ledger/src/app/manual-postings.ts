import { createHash } from 'node:crypto';
import { getCurrency } from '@sluice/money';
import { v7 as uuidv7 } from 'uuid';
import { type AccountRole, accountKeyString, SCOPE_PART } from '../domain/account.ts';
import { type ApprovalProblem, approvalProblem, approvalsRequired } from '../domain/approval.ts';
import { businessDate } from '../domain/effective-date.ts';
import { type AccountLine, entryProblem } from '../domain/journal-entry.ts';
import type {
  AccountDirectory,
  AccountRecord,
  Clock,
  LedgerTx,
  ManualLine,
  OperatorRecord,
  PostingRequestBody,
  PostingRequestRecord,
} from './ports.ts';
import { postEntry } from './post-entry.ts';

export interface ManualPostingDeps {
  readonly accounts: AccountDirectory;
  readonly transactions: { run<T>(work: (tx: LedgerTx) => Promise<T>): Promise<T> };
  /** Above this amount (major units, per currency) two approvers are needed. */
  readonly dualApprovalThresholdMajor: string;
  readonly timeZone: string;
  readonly clock: Clock;
}

export interface TopUpInput {
  readonly programId: string;
  readonly provider: string;
  readonly currency: string;
  readonly amountMinor: bigint;
  readonly reason: string;
  readonly providerReference: string | null;
  readonly effectiveDate: string | null;
}

export interface AdjustmentInput {
  readonly lines: readonly ManualLine[];
  readonly reason: string;
  readonly payoutId: string | null;
  readonly providerReference: string | null;
  readonly effectiveDate: string | null;
}

export type ManualPostingError =
  | ApprovalProblem
  | 'not_found'
  | 'scope_invalid'
  | 'account_unknown'
  | 'entry_invalid'
  | 'effective_date_in_future'
  | 'idempotency_key_reused';

export type ManualPostingResult =
  | { readonly ok: true; readonly request: PostingRequestRecord; readonly replayed: boolean }
  | { readonly ok: false; readonly code: ManualPostingError; readonly detail: string };

const fail = (code: ManualPostingError, detail: string): ManualPostingResult => ({ ok: false, code, detail });

/** A funding top-up: money arrived in the program's account at the provider, owed on to its beneficiaries. */
export async function requestTopUp(
  deps: ManualPostingDeps,
  operator: OperatorRecord,
  input: TopUpInput,
  idempotencyKey: string | null,
): Promise<ManualPostingResult> {
  if (!SCOPE_PART.test(input.programId) || !SCOPE_PART.test(input.provider) || !getCurrency(input.currency)) {
    return fail('scope_invalid', 'program_id, provider or currency cannot name a ledger account');
  }
  const roles: AccountRole[] = ['provider_funding', 'beneficiary_payable'];
  const keys = roles.map((role) => ({ ...input, role }));
  const resolved = await deps.accounts.resolve(keys);
  const [funding, payable] = keys.map((key) => resolved.get(accountKeyString(key))!) as [AccountRecord, AccountRecord];
  const line = (account: AccountRecord, direction: 'debit' | 'credit'): AccountLine => ({
    accountId: account.id,
    direction,
    amountMinor: input.amountMinor,
    currency: input.currency,
  });
  const body: PostingRequestBody = {
    lines: [line(funding, 'debit'), line(payable, 'credit')],
    programId: input.programId,
    providerReference: input.providerReference,
    payoutId: null,
    effectiveDate: input.effectiveDate,
  };
  return createRequest(deps, operator, 'funding', input.reason, body, idempotencyKey);
}

/** A manual adjustment: balanced lines on existing accounts, e.g. clearing suspense after an investigation. */
export async function requestAdjustment(
  deps: ManualPostingDeps,
  operator: OperatorRecord,
  input: AdjustmentInput,
  idempotencyKey: string | null,
): Promise<ManualPostingResult> {
  const accounts = await deps.accounts.byIds(input.lines.map((line) => line.accountId));
  const unknown = input.lines.find((line) => !accounts.has(line.accountId));
  if (unknown) return fail('account_unknown', `no account ${unknown.accountId}`);
  const programs = new Set(input.lines.map((line) => accounts.get(line.accountId)!.programId));
  const body: PostingRequestBody = {
    lines: input.lines.map((line) => ({ ...line, currency: accounts.get(line.accountId)!.currency })),
    programId: programs.size === 1 ? [...programs][0]! : null,
    providerReference: input.providerReference,
    payoutId: input.payoutId,
    effectiveDate: input.effectiveDate,
  };
  return createRequest(deps, operator, 'adjustment', input.reason, body, idempotencyKey);
}

async function createRequest(
  deps: ManualPostingDeps,
  operator: OperatorRecord,
  kind: PostingRequestRecord['kind'],
  reason: string,
  body: PostingRequestBody,
  idempotencyKey: string | null,
): Promise<ManualPostingResult> {
  const problem = entryProblem(body.lines);
  if (problem) return fail('entry_invalid', `lines refused: ${problem.code}`);
  const today = businessDate(deps.clock.now().getTime(), deps.timeZone);
  if (body.effectiveDate && body.effectiveDate > today) {
    return fail('effective_date_in_future', `effective_date is after today (${today})`);
  }
  const requestHash = hashOf(kind, reason, body);
  const debits = new Map<string, bigint>();
  for (const line of body.lines) {
    if (line.direction === 'debit') debits.set(line.currency, (debits.get(line.currency) ?? 0n) + line.amountMinor);
  }
  const required = approvalsRequired(debits, deps.dualApprovalThresholdMajor);
  const id = uuidv7();
  return deps.transactions.run(async (tx) => {
    const record = { id, kind, status: 'pending_approval' as const, reason, requestedBy: operator.id, requestHash };
    const inserted = await tx.requests.insert({ ...record, body, approvalsRequired: required }, idempotencyKey);
    if (!inserted) {
      const existing = await tx.requests.byIdempotencyKey(operator.id, idempotencyKey!);
      if (existing?.requestHash !== requestHash) {
        return fail('idempotency_key_reused', 'this Idempotency-Key was used for a different request');
      }
      return { ok: true, request: existing, replayed: true };
    }
    if (required === 0) await postRequest(deps, tx, id);
    return { ok: true, request: (await tx.requests.get(id))!, replayed: false };
  });
}

/** Records `operator`'s approval; the approval that reaches the required count posts the entry in the same transaction. */
export async function approveRequest(
  deps: ManualPostingDeps,
  operator: OperatorRecord,
  requestId: string,
): Promise<ManualPostingResult> {
  return deps.transactions.run(async (tx) => {
    const request = await tx.requests.lock(requestId);
    if (!request) return fail('not_found', `no posting request ${requestId}`);
    const problem = approvalProblem(request, operator.id);
    if (problem) return fail(problem, `cannot approve: ${problem}`);
    await tx.requests.addApproval(requestId, operator.id);
    if (request.approvedBy.length + 1 >= request.approvalsRequired) await postRequest(deps, tx, requestId);
    return { ok: true, request: (await tx.requests.get(requestId))!, replayed: false };
  });
}

export async function rejectRequest(
  deps: ManualPostingDeps,
  operator: OperatorRecord,
  requestId: string,
  reason: string,
): Promise<ManualPostingResult> {
  return deps.transactions.run(async (tx) => {
    const request = await tx.requests.lock(requestId);
    if (!request) return fail('not_found', `no posting request ${requestId}`);
    const problem = approvalProblem({ ...request, approvedBy: [] }, operator.id);
    if (problem) return fail(problem, `cannot reject: ${problem}`);
    await tx.requests.markRejected(requestId, operator.id, reason);
    return { ok: true, request: (await tx.requests.get(requestId))!, replayed: false };
  });
}

/** Posts a request's entry; its id is the cause, so a request can never post twice. */
async function postRequest(deps: ManualPostingDeps, tx: LedgerTx, requestId: string): Promise<void> {
  const request = (await tx.requests.get(requestId))!;
  const { body } = request;
  const accounts = await deps.accounts.byIds(body.lines.map((line) => line.accountId));
  const approvers = request.approvedBy.length > 0 ? `; approved by ${request.approvedBy.join(', ')}` : '';
  const outcome = await postEntry(
    tx,
    {
      id: uuidv7(),
      entryType: request.kind,
      causeEventId: request.id,
      payoutId: body.payoutId,
      providerReference: body.providerReference,
      programId: body.programId,
      reversesEntryId: null,
      effectiveDate: body.effectiveDate ?? businessDate(deps.clock.now().getTime(), deps.timeZone),
      description: `${request.kind}: ${request.reason}`.slice(0, 500),
      correlationId: request.id,
      causationId: null,
      postedBy: `requested by ${request.requestedBy}${approvers}`,
      lines: body.lines,
    },
    accounts,
  );
  const entryId = outcome.kind === 'posted' ? outcome.entry.id : outcome.entryId;
  // The request row is locked, so a concurrent twin cannot have posted it: a missing entry is a broken invariant.
  if (!entryId) throw new Error(`posting request ${requestId} has no entry`);
  await tx.requests.markPosted(requestId, entryId);
}

function hashOf(kind: string, reason: string, body: PostingRequestBody): string {
  const canonical = JSON.stringify({ kind, reason, body }, (_key, value) =>
    typeof value === 'bigint' ? value.toString() : value,
  );
  return createHash('sha256').update(canonical).digest('hex');
}
