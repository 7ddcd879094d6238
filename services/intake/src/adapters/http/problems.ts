import { ProblemError, problems } from '@sluice/service-kit';
import type { FieldIssue } from '../../domain/field-issue.ts';

/** 422 with every field issue; codes and paths are stable, messages are for humans. */
export const invalid = (issues: readonly FieldIssue[]): ProblemError => problems.validation(issues);

export const keyProblem = (issue: FieldIssue): ProblemError =>
  new ProblemError({ status: 400, code: issue.code, title: 'Idempotency-Key header required', detail: issue.message });

export const keyReused = (): ProblemError =>
  new ProblemError({
    status: 409,
    code: 'idempotency_key_reused',
    title: 'Idempotency key reused with a different request',
    detail: 'this Idempotency-Key was used for a payout with a different body; use a new key for a new payout',
  });

export const keyInProgress = (): ProblemError =>
  new ProblemError({
    status: 409,
    code: 'request_in_progress',
    title: 'A request with this Idempotency-Key is in progress',
    detail: 'retry after a moment to get its result',
    headers: { 'Retry-After': '1' },
  });

export const conflict = (code: string, detail: string): ProblemError =>
  new ProblemError({ status: 409, code, title: 'Conflict with the current state', detail });

export const batchTooLarge = (itemCount: number, maxItems: number): ProblemError =>
  new ProblemError({
    status: 413,
    code: 'batch_too_large',
    title: 'Too many items in one batch',
    detail: `a batch holds at most ${maxItems} items; this one has ${itemCount}: split it into several batches`,
  });

export const batchKeyReused = (): ProblemError =>
  new ProblemError({
    status: 409,
    code: 'batch_idempotency_key_reused',
    title: 'Idempotency key reused with a different batch',
    detail: 'this Idempotency-Key was used for a batch with a different body; use a new key for a new batch',
  });

/** A concurrency limit, not a conflict: the same API key is already having a batch admitted. */
export const batchInProgress = (): ProblemError =>
  new ProblemError({
    status: 429,
    code: 'batch_in_progress',
    title: 'Another batch of this API key is being admitted',
    detail: 'batches are admitted one at a time per API key; send the next one when the previous one was answered',
    headers: { 'Retry-After': '1' },
  });
