/** Waits that can all be cut short at shutdown, so a held response never keeps the server from closing. */
export interface Delays {
  wait(ms: number): Promise<void>;
  cancelAll(): void;
}

export function createDelays(): Delays {
  const pending = new Set<() => void>();
  return {
    wait(ms) {
      if (ms <= 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          pending.delete(done);
          resolve();
        };
        const timer = setTimeout(done, ms);
        pending.add(done);
      });
    },
    cancelAll() {
      for (const done of [...pending]) done();
    },
  };
}
