import { classifyPoll } from '../domain/failure-class.ts';
import { changeStatus } from './change-status.ts';
import { jobOf } from './claim-submissions.ts';
import type { DispatchDeps } from './deps.ts';
import { traceOf } from './events.ts';
import type { DispatchTx, PayoutRecord, ProviderBalance } from './ports.ts';
import type { SendJob } from './send-instruction.ts';
import { leaseUntil } from './settings.ts';

/**
 * The periodic balance check behind `funding_hold`: reads the provider's balances and moves holds the balance now
 * covers back to `submitting` (oldest first, each allocated against what is left), to be re-sent under the same key.
 * A hold is due when its own backoff elapsed or when the balance of its currency rose since the last reading (a
 * top-up): a provider that keeps refusing despite a balance that looks sufficient is not hammered every interval.
 */
export class FundingWatch {
  readonly #lastAvailable = new Map<string, bigint>();
  readonly #lastCheckMs = new Map<string, number>();

  /** Send jobs for the holds of `provider` that can be released now (none when the check is not due). */
  async release(deps: DispatchDeps, provider: string): Promise<SendJob[]> {
    const nowMs = deps.clock.now().getTime();
    if (nowMs - (this.#lastCheckMs.get(provider) ?? 0) < deps.settings.fundingCheckMs) return [];
    this.#lastCheckMs.set(provider, nowMs);
    // No hold, no balance call: the provider is not asked for anything dispatch does not need.
    if (!(await deps.transactions.read().payouts.providersWithFundingHolds()).includes(provider)) return [];
    const client = deps.gateway.get(provider);
    if (!client) return [];
    const call = await client.getBalances();
    deps.telemetry.providerCall(provider, 'balances', classifyPoll(call.outcome), call.latencyMs);
    if (!call.value) return [];
    const risen = this.#risen(provider, call.value);
    return deps.transactions.run((tx) => this.#releaseCovered(tx, deps, provider, call.value!, risen));
  }

  /** Forgets the readings of `provider` (e.g. after it was re-enabled), so its holds are checked at once. */
  reset(provider: string): void {
    this.#lastCheckMs.delete(provider);
  }

  #risen(provider: string, balances: readonly ProviderBalance[]): Set<string> {
    const risen = new Set<string>();
    for (const balance of balances) {
      const key = `${provider}:${balance.currency}`;
      const previous = this.#lastAvailable.get(key);
      if (previous !== undefined && balance.availableMinor > previous) risen.add(balance.currency);
      this.#lastAvailable.set(key, balance.availableMinor);
    }
    return risen;
  }

  async #releaseCovered(
    tx: DispatchTx,
    deps: DispatchDeps,
    provider: string,
    balances: readonly ProviderBalance[],
    risen: ReadonlySet<string>,
  ): Promise<SendJob[]> {
    const now = deps.clock.now();
    const left = new Map(balances.map((balance) => [balance.currency, balance.availableMinor]));
    const jobs: SendJob[] = [];
    for (const hold of await tx.payouts.claimFundingHolds(provider, deps.settings.batchSize)) {
      const due = risen.has(hold.currency) || (hold.nextActionAt !== null && hold.nextActionAt <= now);
      const available = left.get(hold.currency) ?? 0n;
      if (!due || available < hold.amountMinor) continue;
      left.set(hold.currency, available - hold.amountMinor);
      jobs.push(await resubmit(tx, deps, hold, provider, now));
    }
    return jobs;
  }
}

async function resubmit(
  tx: DispatchTx,
  deps: DispatchDeps,
  hold: PayoutRecord,
  provider: string,
  now: Date,
): Promise<SendJob> {
  // Status first (the send state only exists within submitting), then the lease; both commit together.
  const claimed = { ...hold, attempt: hold.attempt + 1, sendState: 'sending' as const };
  const write = { status: 'submitting' as const, reason: 'funds_available', at: now, nextActionAt: null };
  await changeStatus(tx, claimed, write, { source: 'submit', trace: traceOf(hold), telemetry: deps.telemetry });
  const attempt = await tx.payouts.markSending(hold.payoutId, leaseUntil(now, deps.settings));
  return jobOf(claimed, provider, attempt);
}
