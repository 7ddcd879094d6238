import type { Request, Response } from 'express';
import { ProblemError } from './problem.ts';
import { rateLimit } from './rate-limit.ts';

function run(handler: ReturnType<typeof rateLimit>): unknown {
  let passed: unknown = 'not called';
  handler({} as Request, {} as Response, (error?: unknown) => {
    passed = error;
  });
  return passed;
}

describe('rateLimit', () => {
  it('allows the burst, refuses the next with Retry-After, refills over time', () => {
    let nowMs = 1_000_000;
    const limiter = rateLimit({ ratePerSecond: 2, burst: 3, keyOf: () => 'key-1', now: () => nowMs });
    expect([run(limiter), run(limiter), run(limiter)]).toEqual([undefined, undefined, undefined]);
    const refused = run(limiter);
    expect(refused).toBeInstanceOf(ProblemError);
    expect((refused as ProblemError).status).toBe(429);
    expect((refused as ProblemError).headers['Retry-After']).toBe('1');
    nowMs += 500;
    expect(run(limiter)).toBeUndefined();
  });

  it('keeps buckets per key', () => {
    let key = 'a';
    const limiter = rateLimit({ ratePerSecond: 1, burst: 1, keyOf: () => key, now: () => 0 });
    expect(run(limiter)).toBeUndefined();
    key = 'b';
    expect(run(limiter)).toBeUndefined();
    key = 'a';
    expect(run(limiter)).toBeInstanceOf(ProblemError);
  });
});
