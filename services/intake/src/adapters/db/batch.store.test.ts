import { ADMISSIONS_PER_STATEMENT, statementSizes } from './batch.store.ts';

describe('statementSizes', () => {
  it('fills statements up to the maximum, then splits the rest into powers of two', () => {
    expect(statementSizes(10_000)).toEqual([1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 512, 256, 16]);
    expect(statementSizes(1)).toEqual([1]);
    expect(statementSizes(ADMISSIONS_PER_STATEMENT)).toEqual([ADMISSIONS_PER_STATEMENT]);
    expect(statementSizes(0)).toEqual([]);
  });

  it('covers every admission exactly once, with few distinct sizes, for any batch size', () => {
    const distinct = new Set<number>();
    for (let count = 0; count <= 10_000; count += 1) {
      const sizes = statementSizes(count);
      expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(count);
      for (const size of sizes) distinct.add(size);
    }
    expect(distinct.size).toBe(11);
    expect(Math.max(...distinct) * 33).toBeLessThan(65_535);
  });
});
