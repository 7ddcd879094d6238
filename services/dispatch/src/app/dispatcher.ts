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
  /** Everything launched and not yet recorded; stop() waits for all of it. */
  readonly #launched = new Set<Promise<void>>();
  readonly #funding = new FundingWatch();
  /** Provider calls in flight: what `maxInFlight` bounds. A send's call ends before its outcome is recorded. */
  #calls = 0;
  #pollsInFlight = 0;
  #housekeptAtMs = 0;
  #timer: NodeJS.Timeout | undefined;
  #running = false;
  #tick: Promise<unknown> | undefined;

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
    await Promise.allSettled([...this.#launched]);
  }

  /** Runs one tick now (tests and the demo use it to avoid waiting for the timer). */
  async tickNow(): Promise<void> {
    await this.#tick;
    this.#housekeptAtMs = 0;
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
      // A tick that found work is followed by another soon (a backlog drains without waiting a whole tick per batch);
      // an idle one waits the full tick.
      this.#tick = this.#runTick().then(
        (busy) => this.#schedule(busy ? Math.min(BUSY_TICK_MS, this.#options.tickMs) : this.#options.tickMs),
        () => this.#schedule(this.#options.tickMs),
      );
    }, delayMs);
  }

  /** Returns whether the tick launched any provider call or found the in-flight budget full. */
  async #runTick(): Promise<boolean> {
    const { logger } = this.#deps;
    try {
      // Housekeeping (kill switches, expired leases, shadow payouts) once per tick interval, not on every busy tick:
      // at a busy tick's pace its queries were a large share of everything dispatch asked PostgreSQL.
      const nowMs = Date.now();
      if (nowMs - this.#housekeptAtMs >= this.#options.tickMs) {
        this.#housekeptAtMs = nowMs;
        const disabled = await this.#deps.transactions.read().switches.disabled();
        this.#deps.gateway.updateDisabled(new Set(disabled.keys()));
        await recoverExpiredLeases(this.#deps);
        await recordShadows(this.#deps);
      }
      let launched = 0;
      for (const provider of this.#deps.gateway.providers()) launched += await this.#serve(provider);
      // A full budget is busy too: calls end within milliseconds of each other under load, and waiting a whole idle
      // tick for the next free slot held throughput at the budget per (call time + tick), 15 submissions/s in the
      // end-to-end benchmark. Ticking at the busy pace with no room asks nothing of the database.
      return launched > 0 || this.#room() <= 0;
    } catch (error) {
      logger.error({ err: error }, 'dispatch tick failed; retrying next tick');
      return false;
    }
  }

  /** Claims and launches one provider's work; returns how many calls it launched. */
  async #serve(provider: string): Promise<number> {
    const availability = this.#deps.gateway.availability(provider);
    if (availability === 'open' || availability === 'disabled') return 0;
    const { batchSize } = this.#deps.settings;
    let room = this.#room();
    let launched = 0;
    // Half-open: exactly one trial create, whose outcome closes or re-opens the breaker; reads go on meanwhile.
    const sendRoom = availability === 'half_open' ? Math.min(1, room) : room;
    if (sendRoom > 0) {
      const sends = await this.#timed('claim_sends', () =>
        claimSubmissions(this.#deps, provider, Math.min(sendRoom, batchSize)),
      );
      for (const job of sends) this.#launch((callEnded) => sendInstruction(this.#deps, job, callEnded));
      room -= sends.length;
      launched += sends.length;
    }
    if (room > 0 && availability === 'closed') {
      const releases = await this.#funding.release(this.#deps, provider);
      for (const job of releases) this.#launch((callEnded) => sendInstruction(this.#deps, job, callEnded));
      room -= releases.length;
      launched += releases.length;
    }
    // Polls get a share of the budget, never all of it: a slow pipeline has many payouts due for a poll, and letting
    // them take every slot would starve submissions and make the pipeline slower still.
    const pollRoom = Math.min(room, this.#pollBudget() - this.#pollsInFlight);
    if (pollRoom <= 0) return launched;
    const polls = await this.#timed('claim_polls', () =>
      claimPolls(this.#deps, provider, Math.min(pollRoom, batchSize)),
    );
    for (const payout of polls) this.#launch(() => pollPayout(this.#deps, payout), 'poll');
    return launched + polls.length;
  }

  /**
   * Calls that may start now. A send frees its place once the provider answered, not once the answer is recorded:
   * recording waits on PostgreSQL (and on row locks a consumer chunk holds), and holding provider budget for it held
   * submissions end to end at the budget per (call + record) time. Recordings still pending are bounded too: at most
   * one budget's worth beyond the calls, so a slow database slows the sends instead of piling answers up in memory.
   */
  #room(): number {
    const recording = this.#launched.size - this.#calls;
    if (recording >= this.#options.maxInFlight) return 0;
    return this.#options.maxInFlight - this.#calls;
  }

  async #timed<T>(step: 'claim_sends' | 'claim_polls', work: () => Promise<T>): Promise<T> {
    const startedMs = performance.now();
    try {
      return await work();
    } finally {
      this.#deps.telemetry.loopStep(step, (performance.now() - startedMs) / 1000);
    }
  }

  #pollBudget(): number {
    return Math.max(1, Math.floor(this.#options.maxInFlight * POLL_SHARE));
  }

  /** Runs `work`, which calls `callEnded` once its provider call is over (a poll's call ends with its work). */
  #launch(work: (callEnded: () => void) => Promise<void>, kind: 'send' | 'poll' = 'send'): void {
    this.#calls += 1;
    if (kind === 'poll') this.#pollsInFlight += 1;
    let calling = true;
    let answeredMs = 0;
    const callEnded = () => {
      if (!calling) return;
      calling = false;
      answeredMs = performance.now();
      this.#calls -= 1;
      if (kind === 'poll') this.#pollsInFlight -= 1;
      this.#reportInFlight();
    };
    const running = work(callEnded)
      .catch((error: unknown) => this.#deps.logger.error({ err: error }, 'provider call could not be recorded'))
      .finally(() => {
        callEnded();
        // A poll records within its work; only a send's recording comes after its call.
        if (kind === 'send') this.#deps.telemetry.loopStep('record', (performance.now() - answeredMs) / 1000);
        this.#launched.delete(running);
        this.#reportInFlight();
      });
    this.#launched.add(running);
    this.#reportInFlight();
  }

  #reportInFlight(): void {
    this.#deps.telemetry.inFlight(this.#calls, this.#launched.size - this.#calls);
  }
}

/** Pause after a tick that launched calls. */
const BUSY_TICK_MS = 20;
/** Most of the in-flight budget that polls may hold at once. */
const POLL_SHARE = 0.25;
