export interface GroupCommitOptions<I, R> {
  /** Runs one batch in one transaction; returns one result per item, in order. */
  readonly run: (items: readonly I[]) => Promise<R[]>;
  /** Largest batch (bounds statement size: every row binds its own parameters). */
  readonly maxBatch?: number;
  /** Batches in flight at once: more hides round-trip latency, each holds one database connection. */
  readonly concurrency?: number;
}

interface Waiter<I, R> {
  readonly item: I;
  resolve(result: R): void;
  reject(error: unknown): void;
}

/**
 * Group commit without timers: an item runs at once when a batch slot is free; items arriving while every slot is
 * busy wait and go together in the next batch. An idle service adds no latency; a busy one pays one commit (one
 * round trip, one WAL flush) per batch instead of one per request.
 * When a batch fails, its items are retried one by one, so one bad item never fails the requests that happened to
 * share its batch.
 */
export class GroupCommit<I, R> {
  readonly #run: (items: readonly I[]) => Promise<R[]>;
  readonly #maxBatch: number;
  readonly #concurrency: number;
  #queue: Waiter<I, R>[] = [];
  #inFlight = 0;

  constructor(options: GroupCommitOptions<I, R>) {
    this.#run = options.run;
    this.#maxBatch = options.maxBatch ?? 100;
    this.#concurrency = options.concurrency ?? 1;
  }

  submit(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      if (this.#inFlight < this.#concurrency) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#inFlight += 1;
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue.splice(0, this.#maxBatch);
        await this.#settle(batch);
      }
    } finally {
      this.#inFlight -= 1;
    }
  }

  async #settle(batch: readonly Waiter<I, R>[]): Promise<void> {
    try {
      const results = await this.#run(batch.map((waiter) => waiter.item));
      for (const [i, waiter] of batch.entries()) waiter.resolve(results[i]!);
      return;
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
    }
    for (const waiter of batch) {
      try {
        const [result] = await this.#run([waiter.item]);
        waiter.resolve(result!);
      } catch (error) {
        waiter.reject(error);
      }
    }
  }
}
