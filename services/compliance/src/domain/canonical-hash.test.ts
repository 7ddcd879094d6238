import { canonicalJson, inputHash } from './canonical-hash.ts';

describe('canonical hash', () => {
  it('ignores key order and undefined fields, keeps bigints and dates exact', () => {
    const a = { b: 1n, a: { y: new Date('2026-01-01T00:00:00Z'), x: [2, 1] }, c: undefined };
    const b = { a: { x: [2, 1], y: new Date('2026-01-01T00:00:00Z') }, b: 1n };
    expect(canonicalJson(a)).toBe('{"a":{"x":[2,1],"y":"2026-01-01T00:00:00.000Z"},"b":"1"}');
    expect(inputHash(a)).toBe(inputHash(b));
    expect(inputHash(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes when any input changes', () => {
    expect(inputHash({ amount: 1n })).not.toBe(inputHash({ amount: 2n }));
    expect(inputHash([1, 2])).not.toBe(inputHash([2, 1]));
  });
});
