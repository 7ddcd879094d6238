import { waitFor } from '@sluice/testing';
import type { Harness } from './harness.ts';
import type { SandboxProcess } from './sandbox-process.ts';

interface Attempt {
  readonly operation: string;
  readonly http_status: number | null;
}

/**
 * The create calls the sandbox logged for a payout, once its log holds every call dispatch recorded an answer to. The
 * sandbox writes a call to its log after the answer has gone out, in a transaction of its own, so right after dispatch
 * acted on an answer the log may not have it yet: this waits for a condition (dispatch's own count), it never pauses.
 * A call dispatch got no answer to (it hung up: a timeout) may or may not be in the log.
 */
export async function answeredCalls(
  h: Harness,
  sandbox: SandboxProcess,
  payoutId: string,
): ReturnType<SandboxProcess['callsFor']> {
  const attempts = (await h.payout(payoutId)).attempts as Attempt[];
  const answered = attempts.filter((a) => a.operation === 'submit' && a.http_status !== null).length;
  return waitFor(
    async () => {
      const calls = await sandbox.callsFor(payoutId);
      return calls.length >= answered ? calls : undefined;
    },
    { description: `the ${answered} answered create calls for ${payoutId} in the sandbox's call log` },
  );
}

/** Whether `part` appears in `whole` in order, not necessarily contiguously. */
export function isSubsequence<T>(part: readonly T[], whole: readonly T[]): boolean {
  let next = 0;
  for (const item of whole) if (next < part.length && item === part[next]) next += 1;
  return next === part.length;
}
