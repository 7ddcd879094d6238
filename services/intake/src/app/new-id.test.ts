import { isUuid } from '../domain/field-issue.ts';
import { newId } from './new-id.ts';

describe('newId', () => {
  it('issues distinct lowercase UUIDv7s in increasing order, across many pool refills and within one millisecond', () => {
    const ids = Array.from({ length: 5_000 }, () => newId());
    expect(ids.every(isUuid)).toBe(true);
    expect(ids.every((id) => id[14] === '7' && '89ab'.includes(id[19]!))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('carries the current time in its first 48 bits', () => {
    const before = Date.now();
    const ms = Number.parseInt(newId().replace(/-/g, '').slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(Date.now() + 1);
  });
});
