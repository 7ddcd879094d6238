import { GroupCommit } from './group-commit.ts';

describe('GroupCommit', () => {
  it('runs the first item alone and batches those that arrive while it is in flight', async () => {
    const batches: number[][] = [];
    const group = new GroupCommit<number, number>({
      run: async (items) => {
        batches.push([...items]);
        await new Promise((resolve) => setImmediate(resolve));
        return items.map((n) => n * 10);
      },
    });
    const results = await Promise.all([1, 2, 3, 4].map((n) => group.submit(n)));
    expect(results).toEqual([10, 20, 30, 40]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('bounds the batch size', async () => {
    const sizes: number[] = [];
    const group = new GroupCommit<number, number>({
      maxBatch: 2,
      run: async (items) => {
        sizes.push(items.length);
        await new Promise((resolve) => setImmediate(resolve));
        return [...items];
      },
    });
    await Promise.all([1, 2, 3, 4, 5].map((n) => group.submit(n)));
    expect(sizes).toEqual([1, 2, 2]);
  });

  it('runs up to `concurrency` batches at once', async () => {
    let inFlight = 0;
    let peak = 0;
    const group = new GroupCommit<number, number>({
      concurrency: 2,
      run: async (items) => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        inFlight -= 1;
        return [...items];
      },
    });
    expect(await Promise.all([1, 2, 3, 4, 5].map((n) => group.submit(n)))).toEqual([1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
  });

  it('isolates a failing item: its batch is retried one by one and only it fails', async () => {
    const group = new GroupCommit<number, number>({
      run: async (items) => {
        await new Promise((resolve) => setImmediate(resolve));
        if (items.includes(3)) throw new Error('poison');
        return [...items];
      },
    });
    const results = await Promise.allSettled([1, 2, 3, 4].map((n) => group.submit(n)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
  });
});
