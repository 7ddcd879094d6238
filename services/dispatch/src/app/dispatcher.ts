import { claimSubmissions } from './claim-submissions.ts';
import type { DispatchDeps } from './deps.ts';
import { claimPolls, pollPayout } from './poll-payouts.ts';
import { recordShadows } from './record-shadow.ts';
import { recoverExpiredLeases } from './recover-leases.ts';
import { FundingWatch } from './release-funding-holds.ts';
import { sendInstruction } from './send-instruction.ts';

export interface DispatcherOptions {
  /** Pause between ticks. */
  readonly tickMs: number;
  /** Most provider calls in flight at once, over all providers. */
  readonly maxInFlight: number;
}

/**
 * The background loop: every tick it refreshes the provider kill switches, recovers expired leases, records shadow
 * payouts, then per provider (unless its breaker is open or it is disabled) claims sends, polls and funding releases.
 * Calls run detached from the tick (a provider timing out never stalls the others); every payout they touch was
 * claimed in a committed transaction first, so overlapping ticks and other instances never take the same one.
 */
export class Dispatcher {
  readonly #deps: DispatchDeps;
  readonly #options: DispatcherOptions;
  readonly #inFlight = new Set<Promise<void>>();
  readonly #funding = new FundingWatch();
  #timer: NodeJS.Timeout | undefined;
  #running = false;
  #tick: Promise<void> | undefined;

  constructor(deps: DispatchDeps, options: DispatcherOptions) {
    this.#deps = deps;
    this.#options = options;
  }

  start(): void {
    this.#running = true;
    this.#schedule(0);
  }

  /** Stops ticking and waits for the calls in flight to be recorded. */
  async stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#timer);
    await this.#tick;
    await Promise.allSettled([...this.#inFlight]);
  }

  /** Runs one tick now (tests and the demo use it to avoid waiting for the timer). */
  async tickNow(): Promise<void> {
    await this.#tick;
    this.#tick = this.#runTick();
    await this.#tick;
  }

  /** Forgets a provider's funding readings so its holds are checked on the next tick (after a re-enable). */
  resetFunding(provider: string): void {
    this.#funding.reset(provider);
  }

  #schedule(delayMs: number): void {
    if (!this.#running) return;
    this.#timer = setTimeout(() => {
      this.#tick = this.#runTick().finally(() => this.#schedule(this.#options.tickMs));
    }, delayMs);
  }

  async #runTick(): Promise<void> {
    const { logger } = this.#deps;
    try {
      const disabled = await this.#deps.transactions.read().switches.disabled();
      this.#deps.gateway.updateDisabled(new Set(disabled.keys()));
      await recoverExpiredLeases(this.#deps);
      await recordShadows(this.#deps);
      for (const provider of this.#deps.gateway.providers()) await this.#serve(provider);
    } catch (error) {
      logger.error({ err: error }, 'dispatch tick failed; retrying next tick');
    }
  }

  async #serve(provider: string): Promise<void> {
    const availability = this.#deps.gateway.availability(provider);
    if (availability === 'open' || availability === 'disabled') return;
    const { batchSize } = this.#deps.settings;
    let room = this.#room();
    // Half-open: exactly one trial create, whose outcome closes or re-opens the breaker; reads go on meanwhile.
    const sendRoom = availability === 'half_open' ? Math.min(1, room) : room;
    if (sendRoom > 0) {
      const sends = await claimSubmissions(this.#deps, provider, Math.min(sendRoom, batchSize));
      for (const job of sends) this.#launch(() => sendInstruction(this.#deps, job));
      room -= sends.length;
    }
    if (room > 0 && availability === 'closed') {
      const releases = await this.#funding.release(this.#deps, provider);
      for (const job of releases) this.#launch(() => sendInstruction(this.#deps, job));
      room -= releases.length;
    }
    if (room <= 0) return;
    const polls = await claimPolls(this.#deps, provider, Math.min(room, batchSize));
    for (const payout of polls) this.#launch(() => pollPayout(this.#deps, payout));
  }

  #room(): number {
    return this.#options.maxInFlight - this.#inFlight.size;
  }

  #launch(work: () => Promise<void>): void {
    const running = work()
      .catch((error: unknown) => this.#deps.logger.error({ err: error }, 'provider call could not be recorded'))
      .finally(() => this.#inFlight.delete(running));
    this.#inFlight.add(running);
  }
}
