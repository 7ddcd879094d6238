/**
 * Counts callbacks being handled, so shutdown can wait for them: a sender that hung up mid-request leaves its handler
 * running after the HTTP server closed, and closing the database under it would turn a committed callback into an
 * error log (or an uncommitted one into a lost promise to the provider).
 */
export class InFlight {
  #count = 0;
  #waiters: (() => void)[] = [];

  async track<T>(work: Promise<T>): Promise<T> {
    this.#count += 1;
    try {
      return await work;
    } finally {
      this.#count -= 1;
      if (this.#count === 0) for (const wake of this.#waiters.splice(0)) wake();
    }
  }

  /** Resolves once nothing is in flight, or after `timeoutMs` at the latest. */
  idle(timeoutMs: number): Promise<void> {
    if (this.#count === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.#waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
